"""What Facebook's answers mean to Socialdesk: user tokens, Pages and their linked accounts."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.secrets import SecretStr


@dataclass(frozen=True, slots=True)
class UserToken:
    """A Facebook user token; ``expires_in`` is None when Facebook did not say."""

    access_token: SecretStr = field(repr=False)
    expires_in: int | None = None
    token_type: str = "bearer"  # noqa: S105 (a token kind, not a secret)


@dataclass(frozen=True, slots=True)
class FacebookUser:
    """The person who consented, by the id Facebook gives them within this app."""

    user_id: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class LinkedAccount:
    """The Instagram professional account linked to a Page (an IG User node)."""

    ig_user_id: str
    username: str = ""
    name: str = ""
    profile_picture_url: str | None = None
    followers_count: int | None = None
    media_count: int | None = None


@dataclass(frozen=True, slots=True)
class PageEntry:
    """A Page the person granted, with its Page token and its linked account if any."""

    page_id: str
    name: str
    access_token: SecretStr | None = field(default=None, repr=False)
    linked: LinkedAccount | None = None
    #: The business portfolio through which the Page was reached, if not directly.
    business_name: str = ""


@dataclass(frozen=True, slots=True)
class Business:
    business_id: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class Permissions:
    """``/me/permissions`` read back: what the person granted and what they declined."""

    granted: tuple[str, ...] = ()
    declined: tuple[str, ...] = ()
