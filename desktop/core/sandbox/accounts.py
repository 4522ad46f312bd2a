"""The Instagram accounts that live in the sandbox.

Two Business accounts (so tests can connect two), a Creator and a Personal one (which must be
refused). Ids are above 2^53 like real ones, so a client that parses them through a float breaks
here rather than in production.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ACCOUNT_TYPES = ("BUSINESS", "MEDIA_CREATOR", "PERSONAL")
#: How Meta's reference pages spell the account types (the wire sends them upper-case).
DOCUMENTED_ACCOUNT_TYPES = {"BUSINESS": "Business", "MEDIA_CREATOR": "Media_Creator", "PERSONAL": "Personal"}


@dataclass(frozen=True, slots=True)
class SandboxAccount:
    user_id: int
    app_scoped_id: int
    username: str
    name: str
    account_type: str
    followers_count: int
    follows_count: int
    media_count: int
    colour: tuple[int, int, int]

    @property
    def is_professional(self) -> bool:
        return self.account_type in {"BUSINESS", "MEDIA_CREATOR"}

    def to_json(self) -> dict[str, Any]:
        return {
            "user_id": str(self.user_id),
            "app_scoped_id": str(self.app_scoped_id),
            "username": self.username,
            "name": self.name,
            "account_type": self.account_type,
            "followers_count": self.followers_count,
            "follows_count": self.follows_count,
            "media_count": self.media_count,
            "colour": list(self.colour),
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> SandboxAccount:
        colour = raw.get("colour") or [0x40, 0x5D, 0xE6]
        account_type = str(raw["account_type"]).upper()
        if account_type not in ACCOUNT_TYPES:
            raise ValueError("unknown account type")
        return cls(
            user_id=int(raw["user_id"]),
            app_scoped_id=int(raw["app_scoped_id"]),
            username=str(raw["username"]),
            name=str(raw["name"]),
            account_type=account_type,
            followers_count=int(raw["followers_count"]),
            follows_count=int(raw["follows_count"]),
            media_count=int(raw["media_count"]),
            colour=(int(colour[0]), int(colour[1]), int(colour[2])),
        )


DEFAULT_ACCOUNTS: tuple[SandboxAccount, ...] = (
    SandboxAccount(
        17841400008460001,
        26160000000004201,
        "acme_business",
        "Acme Coffee Roasters",
        "BUSINESS",
        12840,
        311,
        482,
        (0xC1, 0x35, 0x84),
    ),
    SandboxAccount(
        17841400008460002,
        26160000000004202,
        "northwind_shop",
        "Northwind Shop",
        "BUSINESS",
        5312,
        120,
        208,
        (0x2E, 0x7D, 0x32),
    ),
    SandboxAccount(
        17841400008460003,
        26160000000004203,
        "studio.creator",
        "Studio Creator",
        "MEDIA_CREATOR",
        48210,
        893,
        1034,
        (0xF5, 0x7C, 0x00),
    ),
    SandboxAccount(
        17841400008460004,
        26160000000004204,
        "jane.personal",
        "Jane Personal",
        "PERSONAL",
        214,
        389,
        57,
        (0x40, 0x5D, 0xE6),
    ),
)
