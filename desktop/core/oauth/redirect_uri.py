"""The redirect URI, taken apart once, so every comparison against it is exact.

Meta matches redirect URIs character for character (scheme, host, port, path, trailing slash), so the
listener binds exactly that host and port, answers only on exactly that path, and a pasted callback
address must name the same place.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from desktop.core.errors import SocialdeskError
from desktop.core.i18n import N_

#: Hosts the loopback listener may bind: this computer only.
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True, slots=True)
class RedirectUri:
    uri: str
    scheme: str
    #: Lower case, without the brackets of an IPv6 literal.
    host: str
    port: int
    path: str
    #: What a browser sends as ``Host`` for this URI (port only when the URI names one).
    host_header: str

    @classmethod
    def parse(cls, uri: str) -> RedirectUri:
        """Split ``uri``; anything that cannot be a redirect URI is ``app_misconfigured``."""
        text = uri.strip()
        try:
            parts = urlsplit(text)
            port = parts.port
        except ValueError:
            raise SocialdeskError(
                "app_misconfigured", N_("the redirect URI is not a valid address")
            ) from None
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS or not parts.hostname:
            raise SocialdeskError(
                "app_misconfigured", N_("the redirect URI must start with http:// or https://")
            )
        if parts.username is not None or parts.password is not None:
            raise SocialdeskError("app_misconfigured", N_("the redirect URI must not contain a user name"))
        if parts.query or parts.fragment or "#" in text:
            raise SocialdeskError(
                "app_misconfigured", N_("the redirect URI must not have a query or a fragment")
            )
        if port == 0:
            raise SocialdeskError("app_misconfigured", N_("the redirect URI needs a fixed port, not 0"))
        host = parts.hostname.lower()
        explicit_port = port is not None
        effective_port = port if port is not None else _DEFAULT_PORTS[scheme]
        shown_host = f"[{host}]" if ":" in host else host
        return cls(
            uri=text,
            scheme=scheme,
            host=host,
            port=effective_port,
            path=parts.path or "/",
            host_header=f"{shown_host}:{effective_port}" if explicit_port else shown_host,
        )

    @property
    def is_loopback(self) -> bool:
        return self.host in LOOPBACK_HOSTS

    @property
    def origin(self) -> str:
        """``scheme://host[:port]`` as a browser would write it, without path."""
        return f"{self.scheme}://{self.host_header}"

    def same_place(self, scheme: str, host: str, port: int | None, path: str) -> bool:
        """Whether an address with these parts is this redirect URI (query and fragment aside)."""
        scheme = scheme.lower()
        effective_port = port if port is not None else _DEFAULT_PORTS.get(scheme)
        return (
            scheme == self.scheme
            and host.lower().strip("[]") == self.host
            and effective_port == self.port
            and (path or "/") == self.path
        )
