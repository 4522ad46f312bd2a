"""What the Instagram endpoints return, once parsed: tokens wrapped in SecretStr, ids kept as text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from desktop.core.instagram.scopes import PROFESSIONAL_ACCOUNT_TYPES
from desktop.core.secrets import SecretStr


@dataclass(frozen=True, slots=True)
class ShortLivedToken:
    """The code exchange's answer (valid one hour).

    ``user_id`` is what the token endpoint calls ``user_id``; on the wire it is the app-scoped id
    (the ``id`` of ``/me``), so key accounts on :attr:`Profile.user_id`, not on this.
    ``permissions`` are the scopes the user actually granted.
    """

    access_token: SecretStr
    user_id: str
    permissions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LongLivedToken:
    """A 60-day token from the long-lived exchange or a refresh."""

    access_token: SecretStr
    expires_in: int
    token_type: str = "bearer"  # noqa: S105 - the OAuth token type, not a secret
    #: When the answer arrived (from the client's clock), so ``expires_at`` is absolute.
    received_at: datetime | None = None

    @property
    def expires_at(self) -> datetime | None:
        if self.received_at is None:
            return None
        return self.received_at + timedelta(seconds=self.expires_in)


@dataclass(frozen=True, slots=True)
class Profile:
    """``/me``: ``user_id`` is the stable account key; ``app_scoped_id`` is ``/me``'s ``id``."""

    user_id: str
    app_scoped_id: str
    username: str
    name: str
    account_type: str
    profile_picture_url: str | None
    followers_count: int | None
    follows_count: int | None
    media_count: int | None

    @property
    def is_professional(self) -> bool:
        return self.account_type in PROFESSIONAL_ACCOUNT_TYPES
