"""Where Instagram lives: three hosts and a Graph API version, all from settings.

Real Instagram splits the protocol over www.instagram.com (consent dialog), api.instagram.com (code
exchange) and graph.instagram.com (everything else). The sandbox serves all three paths on one origin,
so the client never hard-codes a host.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.core.errors import SocialdeskError
from desktop.core.i18n import N_, Detail

if TYPE_CHECKING:
    from desktop.core.settings import Settings

_VERSION_RE = re.compile(r"v\d{1,3}\.\d{1,3}")


def graph_version(value: str) -> str:
    """``25.0`` or ``v25.0`` → ``v25.0``; anything else is an app misconfiguration."""
    version = value.strip()
    if version and not version.startswith("v"):
        version = "v" + version
    if not _VERSION_RE.fullmatch(version):
        raise SocialdeskError("app_misconfigured", N_("the Graph API version must look like v25.0"))
    return version


def base_url(name: str, value: str) -> str:
    """An http(s) base URL without its trailing slash; ``name`` says which setting was wrong."""
    value = value.strip().rstrip("/")
    if not value.startswith(("https://", "http://")):
        raise SocialdeskError("app_misconfigured", Detail(N_("{name} must be an http(s) URL"), name=name))
    return value


@dataclass(frozen=True, slots=True)
class Endpoints:
    authorize_base_url: str
    api_base_url: str
    graph_base_url: str
    graph_version: str
    #: Who answers here: "instagram" (Meta) or "sandbox". Tokens are tagged with it, so a token
    #: granted by one is never sent to the other.
    provider: str = "instagram"

    def __post_init__(self) -> None:
        version = graph_version(self.graph_version)
        for name in ("authorize_base_url", "api_base_url", "graph_base_url"):
            object.__setattr__(self, name, base_url(name, getattr(self, name)))
        object.__setattr__(self, "graph_version", version)

    @classmethod
    def from_settings(cls, settings: Settings) -> Endpoints:
        return cls(
            authorize_base_url=settings.authorize_base_url,
            api_base_url=settings.api_base_url,
            graph_base_url=settings.graph_base_url,
            graph_version=settings.graph_version,
        )

    @property
    def authorize_url(self) -> str:
        return f"{self.authorize_base_url}/oauth/authorize"

    @property
    def token_url(self) -> str:
        return f"{self.api_base_url}/oauth/access_token"

    @property
    def long_lived_url(self) -> str:
        return f"{self.graph_base_url}/access_token"

    @property
    def refresh_url(self) -> str:
        return f"{self.graph_base_url}/refresh_access_token"

    @property
    def me_url(self) -> str:
        return f"{self.graph_base_url}/{self.graph_version}/me"

    @property
    def permissions_url(self) -> str:
        return f"{self.graph_base_url}/{self.graph_version}/me/permissions"
