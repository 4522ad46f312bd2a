"""Where Facebook lives: the dialog on www.facebook.com, everything else on graph.facebook.com.

Both hosts and the Graph API version come from settings, so the client can be pointed at the
sandbox's Facebook half; the Instagram hosts are never used on this path (nor the other way round).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.errors import SocialdeskError

_VERSION_RE = re.compile(r"v\d{1,3}\.\d{1,3}")


@dataclass(frozen=True, slots=True)
class FacebookEndpoints:
    www_base_url: str
    graph_base_url: str
    graph_version: str
    #: Which Facebook a token came from: a sandbox's tokens are never sent to the real one, and back.
    provider: str = "facebook"

    def __post_init__(self) -> None:
        version = self.graph_version.strip()
        if version and not version.startswith("v"):
            version = "v" + version
        if not _VERSION_RE.fullmatch(version):
            raise SocialdeskError("app_misconfigured", "the Graph API version must look like v25.0")
        for name in ("www_base_url", "graph_base_url"):
            value = getattr(self, name).strip().rstrip("/")
            if not value.startswith(("https://", "http://")):
                raise SocialdeskError("app_misconfigured", f"{name} must be an http(s) URL")
            object.__setattr__(self, name, value)
        object.__setattr__(self, "graph_version", version)

    def graph(self, path: str) -> str:
        """``me/accounts`` → ``https://graph.facebook.com/v25.0/me/accounts``."""
        return f"{self.graph_base_url}/{self.graph_version}/{path.lstrip('/')}"

    @property
    def dialog_url(self) -> str:
        return f"{self.www_base_url}/{self.graph_version}/dialog/oauth"

    @property
    def token_url(self) -> str:
        return self.graph("oauth/access_token")
