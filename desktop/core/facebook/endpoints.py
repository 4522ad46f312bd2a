"""Where Facebook lives: the dialog on www.facebook.com, everything else on graph.facebook.com.

Both hosts and the Graph API version come from settings, so the client can be pointed at the
sandbox's Facebook half; the Instagram hosts are never used on this path (nor the other way round).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.instagram.endpoints import base_url, graph_version


@dataclass(frozen=True, slots=True)
class FacebookEndpoints:
    www_base_url: str
    graph_base_url: str
    graph_version: str
    #: Which Facebook a token came from: a sandbox's tokens are never sent to the real one, and back.
    provider: str = "facebook"

    def __post_init__(self) -> None:
        version = graph_version(self.graph_version)
        for name in ("www_base_url", "graph_base_url"):
            object.__setattr__(self, name, base_url(name, getattr(self, name)))
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
