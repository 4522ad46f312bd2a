"""What the sandbox remembers between runs: its app, accounts, grants, codes and issued tokens.

Like a careful provider it never stores a credential it handed out: codes and tokens are kept as
SHA-256 hashes, the app secret as a hash too, so the state file is worthless to whoever copies it.
Writes are atomic (temp file + rename) and the file is readable by its owner only.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import secrets
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from desktop.core.atomic import write_text_atomically
from desktop.core.sandbox.accounts import DEFAULT_ACCOUNTS, SandboxAccount

log = logging.getLogger(__name__)

STATE_VERSION = 1
STATE_FILE_NAME = "state.json"
TOKEN_PREFIX = "IGAASBX"
#: Expired tokens are remembered this long (so they answer "expired", not "unknown"), then dropped.
TOKEN_MEMORY = timedelta(days=90)
CODE_MEMORY = timedelta(days=1)


def fingerprint(value: str) -> str:
    """The SHA-256 hex digest under which a code, token or secret is remembered."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(48)


def new_code() -> str:
    return "AQ" + secrets.token_urlsafe(64)


def new_client_id() -> str:
    return str(secrets.randbelow(9 * 10**15) + 10**15)


def new_client_secret() -> str:
    return secrets.token_hex(16)


@dataclass(slots=True)
class AppRecord:
    client_id: str
    secret_sha256: str
    name: str
    redirect_uris: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class CodeRecord:
    client_id: str
    redirect_uri: str
    user_id: int
    scopes: tuple[str, ...]
    issued_at: datetime
    used_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class TokenRecord:
    kind: str  # "short" or "long"
    client_id: str
    user_id: int
    scopes: tuple[str, ...]
    issued_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None
    #: Graph 190 subcode of a token killed for good (458 removed, 459 checkpoint, 460 password).
    killed_subcode: int | None = None


@dataclass(frozen=True, slots=True)
class GrantRecord:
    scopes: tuple[str, ...]
    granted_at: datetime
    revoked_at: datetime | None = None


@dataclass(slots=True)
class SandboxState:
    """The in-memory state; callers hold their own lock and call :meth:`save` after changes."""

    path: Path
    app: AppRecord
    accounts: list[SandboxAccount]
    grants: dict[int, GrantRecord] = field(default_factory=dict)
    codes: dict[str, CodeRecord] = field(default_factory=dict)
    tokens: dict[str, TokenRecord] = field(default_factory=dict)
    clock_offset_seconds: float = 0.0
    #: Browser sessions: the SHA-256 of a session cookie → the account signed in with it.
    sessions: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load_or_create(cls, state_dir: Path, app_name: str) -> SandboxState:
        state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = state_dir / STATE_FILE_NAME
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return cls._from_json(path, raw)
        except FileNotFoundError:
            pass
        except (OSError, ValueError, KeyError, TypeError) as exc:
            aside = path.with_name(STATE_FILE_NAME + ".damaged")
            log.warning(
                "sandbox state unreadable (%s); moved to %s, starting fresh", type(exc).__name__, aside
            )
            with contextlib.suppress(OSError):
                path.replace(aside)
        app = AppRecord(client_id=new_client_id(), secret_sha256="", name=app_name)
        state = cls(path=path, app=app, accounts=list(DEFAULT_ACCOUNTS))
        state.save()
        return state

    # -- lookups ------------------------------------------------------------------------------------

    def account_by_username(self, username: str) -> SandboxAccount | None:
        return next((account for account in self.accounts if account.username == username), None)

    def account_by_user_id(self, user_id: int) -> SandboxAccount | None:
        return next((account for account in self.accounts if account.user_id == user_id), None)

    def secret_matches(self, candidate: str) -> bool:
        return bool(self.app.secret_sha256) and secrets.compare_digest(
            fingerprint(candidate), self.app.secret_sha256
        )

    # -- changes ------------------------------------------------------------------------------------

    def set_secret(self, secret: str) -> None:
        self.app.secret_sha256 = fingerprint(secret)

    def add_redirect_uri(self, uri: str) -> bool:
        if uri in self.app.redirect_uris:
            return False
        self.app.redirect_uris.append(uri)
        return True

    def add_code(self, record: CodeRecord) -> str:
        code = new_code()
        self.codes[fingerprint(code)] = record
        return code

    def add_token(self, record: TokenRecord) -> str:
        token = new_token()
        self.tokens[fingerprint(token)] = record
        return token

    def use_code(self, digest: str, when: datetime) -> None:
        self.codes[digest] = replace(self.codes[digest], used_at=when)

    def session_account(self, session_id: str | None) -> SandboxAccount | None:
        """Who is signed in to Instagram in the browser that holds ``session_id``."""
        if not session_id:
            return None
        user_id = self.sessions.get(fingerprint(session_id))
        return self.account_by_user_id(user_id) if user_id is not None else None

    def sign_in(self, session_id: str | None, user_id: int) -> str:
        """Sign the browser in as ``user_id``; returns its session cookie (a new one if it had none)."""
        if not session_id or fingerprint(session_id) not in self.sessions:
            session_id = secrets.token_urlsafe(32)
        self.sessions[fingerprint(session_id)] = user_id
        return session_id

    def live_grant(self, user_id: int) -> GrantRecord | None:
        grant = self.grants.get(user_id)
        return grant if grant is not None and grant.revoked_at is None else None

    def burn_code(self, digest: str, when: datetime) -> bool:
        """Spend a known, unused code without a token (a failed exchange); True when one was spent."""
        record = self.codes.get(digest)
        if record is None or record.used_at is not None:
            return False
        self.codes[digest] = replace(record, used_at=when)
        return True

    def extend_token(self, digest: str, issued_at: datetime, expires_at: datetime) -> None:
        """A refresh that hands back the same string: the token itself lives on, newly dated."""
        self.tokens[digest] = replace(self.tokens[digest], issued_at=issued_at, expires_at=expires_at)

    def kill_tokens(self, client_id: str, user_id: int, subcode: int, when: datetime) -> int:
        """Mark every live token of the account dead for good with ``subcode``; returns how many."""
        count = 0
        for digest, record in list(self.tokens.items()):
            if record.client_id == client_id and record.user_id == user_id and record.killed_subcode is None:
                self.tokens[digest] = replace(record, killed_subcode=subcode)
                count += 1
        return count

    def revoke_grant(self, client_id: str, user_id: int, when: datetime) -> int:
        """Revoke every live token of the account for the app; returns how many were live."""
        count = 0
        for digest, record in list(self.tokens.items()):
            if record.client_id == client_id and record.user_id == user_id and record.revoked_at is None:
                self.tokens[digest] = replace(record, revoked_at=when)
                count += 1
        grant = self.grants.get(user_id)
        if grant is not None and grant.revoked_at is None:
            self.grants[user_id] = replace(grant, revoked_at=when)
        return count

    def purge(self, now: datetime) -> None:
        """Forget codes older than a day and tokens long past their expiry."""
        self.codes = {d: c for d, c in self.codes.items() if now - c.issued_at < CODE_MEMORY}
        self.tokens = {d: t for d, t in self.tokens.items() if now - t.expires_at < TOKEN_MEMORY}

    # -- persistence ----------------------------------------------------------------------------------

    def save(self) -> None:
        write_text_atomically(self.path, json.dumps(self._to_json(), indent=1, sort_keys=True) + "\n")

    def _to_json(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "app": {
                "client_id": self.app.client_id,
                "client_secret_sha256": self.app.secret_sha256,
                "name": self.app.name,
                "redirect_uris": list(self.app.redirect_uris),
            },
            "accounts": [account.to_json() for account in self.accounts],
            "grants": {
                str(user_id): {
                    "scopes": list(grant.scopes),
                    "granted_at": grant.granted_at.isoformat(),
                    "revoked_at": _iso(grant.revoked_at),
                }
                for user_id, grant in self.grants.items()
            },
            "codes_sha256": {
                digest: {
                    "client_id": code.client_id,
                    "redirect_uri": code.redirect_uri,
                    "user_id": str(code.user_id),
                    "scopes": list(code.scopes),
                    "issued_at": code.issued_at.isoformat(),
                    "used_at": _iso(code.used_at),
                }
                for digest, code in self.codes.items()
            },
            "tokens_sha256": {
                digest: {
                    "kind": token.kind,
                    "client_id": token.client_id,
                    "user_id": str(token.user_id),
                    "scopes": list(token.scopes),
                    "issued_at": token.issued_at.isoformat(),
                    "expires_at": token.expires_at.isoformat(),
                    "revoked_at": _iso(token.revoked_at),
                    "killed_subcode": token.killed_subcode,
                }
                for digest, token in self.tokens.items()
            },
            "clock_offset_seconds": self.clock_offset_seconds,
            "sessions_sha256": {digest: str(user_id) for digest, user_id in self.sessions.items()},
        }

    @classmethod
    def _from_json(cls, path: Path, raw: dict[str, Any]) -> SandboxState:
        if raw.get("version") != STATE_VERSION:
            raise ValueError("unsupported sandbox state version")
        app = raw["app"]
        accounts = [SandboxAccount.from_json(item) for item in raw["accounts"]]
        if not accounts:
            accounts = list(DEFAULT_ACCOUNTS)
        return cls(
            path=path,
            app=AppRecord(
                client_id=str(app["client_id"]),
                secret_sha256=str(app.get("client_secret_sha256", "")),
                name=str(app.get("name", "")),
                redirect_uris=[str(uri) for uri in app.get("redirect_uris", [])],
            ),
            accounts=accounts,
            grants={
                int(user_id): GrantRecord(
                    scopes=tuple(grant["scopes"]),
                    granted_at=datetime.fromisoformat(grant["granted_at"]),
                    revoked_at=_from_iso(grant.get("revoked_at")),
                )
                for user_id, grant in raw.get("grants", {}).items()
            },
            codes={
                digest: CodeRecord(
                    client_id=str(code["client_id"]),
                    redirect_uri=str(code["redirect_uri"]),
                    user_id=int(code["user_id"]),
                    scopes=tuple(code["scopes"]),
                    issued_at=datetime.fromisoformat(code["issued_at"]),
                    used_at=_from_iso(code.get("used_at")),
                )
                for digest, code in raw.get("codes_sha256", {}).items()
            },
            tokens={
                digest: TokenRecord(
                    kind=str(token["kind"]),
                    client_id=str(token["client_id"]),
                    user_id=int(token["user_id"]),
                    scopes=tuple(token["scopes"]),
                    issued_at=datetime.fromisoformat(token["issued_at"]),
                    expires_at=datetime.fromisoformat(token["expires_at"]),
                    revoked_at=_from_iso(token.get("revoked_at")),
                    killed_subcode=_optional_int(token.get("killed_subcode")),
                )
                for digest, token in raw.get("tokens_sha256", {}).items()
            },
            clock_offset_seconds=float(raw.get("clock_offset_seconds", 0.0)),
            sessions={str(d): int(u) for d, u in raw.get("sessions_sha256", {}).items()},
        )


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _from_iso(value: object) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else None


def _optional_int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
