"""What the Facebook half remembers between runs: its app, grants, codes and issued tokens.

As on the Instagram half, codes, tokens and the app secret are kept only as SHA-256 hashes, and the
file is written atomically.
"""

from __future__ import annotations

import json
import logging
import secrets
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from desktop.core.atomic import write_text_atomically
from desktop.core.sandbox.state import fingerprint

log = logging.getLogger(__name__)

STATE_FILE_NAME = "facebook.json"
STATE_VERSION = 1
#: Facebook tokens start with EAA; the sandbox's say so too, so they are told apart from IGAA ones.
TOKEN_PREFIX = "EAASBX"
TOKEN_MEMORY = timedelta(days=90)


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(48)


def new_code() -> str:
    return "AQ" + secrets.token_urlsafe(64)


@dataclass(slots=True)
class CodeRecord:
    redirect_uri: str
    user_id: str
    issued_at: str
    used_at: str | None = None


@dataclass(slots=True)
class TokenRecord:
    #: ``user_short``, ``user_long`` or ``page``.
    kind: str
    user_id: str
    issued_at: str
    #: None: does not expire on a timer (a Page token from a long-lived user token).
    expires_at: str | None
    page_id: str | None = None
    revoked_at: str | None = None


@dataclass(slots=True)
class GrantRecord:
    granted: list[str] = field(default_factory=list)
    declined: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    granted_at: str = ""
    #: Set when the person changed their password: every token issued before dies (subcode 460).
    password_changed_at: str | None = None
    #: Pages whose role the person lost: their Page tokens die (subcode 467).
    lost_pages: list[str] = field(default_factory=list)


@dataclass(slots=True)
class FacebookState:
    path: Path
    client_id: str
    secret_sha256: str = ""
    redirect_uris: list[str] = field(default_factory=list)
    codes: dict[str, CodeRecord] = field(default_factory=dict)
    tokens: dict[str, TokenRecord] = field(default_factory=dict)
    grants: dict[str, GrantRecord] = field(default_factory=dict)

    @classmethod
    def load_or_create(cls, state_dir: Path) -> FacebookState:
        path = state_dir / STATE_FILE_NAME
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return cls(
                path=path,
                client_id=str(raw["client_id"]),
                secret_sha256=str(raw.get("secret_sha256", "")),
                redirect_uris=[str(uri) for uri in raw.get("redirect_uris", [])],
                codes={k: CodeRecord(**v) for k, v in raw.get("codes", {}).items()},
                tokens={k: TokenRecord(**v) for k, v in raw.get("tokens", {}).items()},
                grants={k: GrantRecord(**v) for k, v in raw.get("grants", {}).items()},
            )
        except FileNotFoundError:
            pass
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("Facebook sandbox state unreadable (%s); starting afresh", type(exc).__name__)
        state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        state = cls(path=path, client_id=str(secrets.randbelow(9 * 10**14) + 10**14))
        state.save()
        return state

    def save(self) -> None:
        payload: dict[str, Any] = {
            "version": STATE_VERSION,
            "client_id": self.client_id,
            "secret_sha256": self.secret_sha256,
            "redirect_uris": self.redirect_uris,
            "codes": {k: asdict(v) for k, v in self.codes.items()},
            "tokens": {k: asdict(v) for k, v in self.tokens.items()},
            "grants": {k: asdict(v) for k, v in self.grants.items()},
        }
        write_text_atomically(self.path, json.dumps(payload, indent=1, sort_keys=True) + "\n")

    def secret_matches(self, candidate: str) -> bool:
        return bool(self.secret_sha256) and secrets.compare_digest(fingerprint(candidate), self.secret_sha256)

    def add_code(self, record: CodeRecord) -> str:
        code = new_code()
        self.codes[fingerprint(code)] = record
        return code

    def add_token(self, record: TokenRecord) -> str:
        token = new_token()
        self.tokens[fingerprint(token)] = record
        return token

    def purge(self, now: datetime) -> None:
        """Forget codes older than a day and tokens long expired."""
        self.codes = {
            k: v
            for k, v in self.codes.items()
            if now - datetime.fromisoformat(v.issued_at) < timedelta(days=1)
        }
        self.tokens = {
            k: v
            for k, v in self.tokens.items()
            if v.expires_at is None or now - datetime.fromisoformat(v.expires_at) < TOKEN_MEMORY
        }
