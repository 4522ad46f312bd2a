"""Where a token may be sent: the provider and the app it was granted to.

Every connection (and pending revocation) is tagged with its audience when it is stored. A token is
only ever sent to that audience, so an answer from anywhere else (the sandbox's 190 for a real
token) can never mark a real account dead or count its grant as revoked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from desktop.core.errors import SocialdeskError


class Tagged(Protocol):
    """Something that records a token's audience (a connection, an outbox entry, a snapshot)."""

    @property
    def provider(self) -> str | None: ...

    @property
    def app_id(self) -> str | None: ...


class Taggable(Protocol):
    """A row whose audience is written when its token is stored."""

    provider: str | None
    app_id: str | None


@dataclass(frozen=True, slots=True)
class TokenAudience:
    """Where a token may be sent: the provider ("instagram" or "sandbox") and the app's App ID.

    A token granted to one app is worthless to another, and an answer about it from anywhere else
    (the sandbox's 190 for a real token) says nothing about it; so it is only ever sent to its own.
    """

    provider: str
    app_id: str

    def admits(self, row: Tagged) -> bool:
        return row.provider == self.provider and row.app_id == self.app_id

    def tag(self, row: Taggable) -> None:
        row.provider = self.provider
        row.app_id = self.app_id

    def __str__(self) -> str:
        return f"{self.provider} app {self.app_id}"


def require_audience(row: Tagged, audience: TokenAudience) -> None:
    """Refuse to hand out a token for another provider or app than the one it was granted to."""
    if not audience.admits(row):
        raise SocialdeskError(
            "connection_other_app",
            f"granted to {row.provider or 'an untagged'} app {row.app_id or '(unknown)'}, not {audience}",
        )
