"""What the sandbox remembers between runs: its app, accounts, grants, codes and issued tokens.

Like a careful provider it never stores a credential it handed out: codes and tokens are kept as
SHA-256 hashes, the app secret as a hash too, so the state file is worthless to whoever copies it.
The records live in memory and each change is written through, row by row, to a SQLite file
(:mod:`desktop.core.sandbox.records`) readable by its owner only; a ``state.json`` from before is
read once and moved aside as ``state.json.migrated``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import secrets
import sqlite3
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from desktop.core.sandbox.accounts import DEFAULT_ACCOUNTS, SandboxAccount
from desktop.core.sandbox.records import (
    RecordFile,
    RecordFileDamaged,
    Tracked,
    dumps,
    read_tables,
    retire_legacy,
    set_aside,
)
from desktop.core.sandbox.state_records import (
    AppRecord,
    CodeRecord,
    GrantRecord,
    TokenRecord,
    app_from_json,
    app_json,
    code_from_json,
    code_json,
    grant_from_json,
    grant_json,
    token_from_json,
    token_json,
)

log = logging.getLogger(__name__)

STATE_VERSION = 1
#: The file of earlier versions, migrated on first load.
STATE_FILE_NAME = "state.json"
STATE_DB_NAME = "state.sqlite3"
TABLES = ("meta", "grants", "codes", "tokens", "sessions")
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


@dataclass(slots=True, eq=False)
class SandboxState:
    """The in-memory state; callers hold their own lock and call :meth:`save` after changes.

    :meth:`save` writes only what changed since the last one: the records set or deleted in the
    tracked tables, and the app, accounts or clock offset when they differ from what is on disk.
    """

    path: Path
    app: AppRecord
    accounts: list[SandboxAccount]
    grants: Tracked[int, GrantRecord] = field(default_factory=Tracked)
    codes: Tracked[str, CodeRecord] = field(default_factory=Tracked)
    tokens: Tracked[str, TokenRecord] = field(default_factory=Tracked)
    clock_offset_seconds: float = 0.0
    #: Browser sessions: the SHA-256 of a session cookie → the account signed in with it.
    sessions: Tracked[str, int] = field(default_factory=Tracked)
    _file: RecordFile | None = None
    _saved_meta: dict[str, str] = field(default_factory=dict)
    #: No code or token can be purged before this moment (None: compute on the next purge).
    _purge_due: datetime | None = None
    _migrated_from: Path | None = None

    @classmethod
    def load_or_create(cls, state_dir: Path, app_name: str) -> SandboxState:
        state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = state_dir / STATE_DB_NAME
        legacy = state_dir / STATE_FILE_NAME
        state: SandboxState | None = None
        records: RecordFile | None = None
        try:
            records = RecordFile(path, TABLES)
            state = cls._from_records(path, records)
        except (RecordFileDamaged, sqlite3.DatabaseError, ValueError, KeyError, TypeError) as exc:
            if records is not None:
                records.close()
            records = None
            _set_aside(path, type(exc).__name__)
        if records is None:
            records = RecordFile(path, TABLES)
        if state is None and legacy.exists():
            state = cls._migrate(path, legacy)
        if state is None:
            app = AppRecord(client_id=new_client_id(), secret_sha256="", name=app_name)
            state = cls(path=path, app=app, accounts=list(DEFAULT_ACCOUNTS))
        state._file = records
        state.save()
        return state

    @classmethod
    def _migrate(cls, path: Path, legacy: Path) -> SandboxState | None:
        """The ``state.json`` of earlier versions, read once; set aside as damaged if unreadable."""
        try:
            raw = json.loads(legacy.read_text(encoding="utf-8"))
            state = cls._from_json(path, raw)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            aside = legacy.with_name(STATE_FILE_NAME + ".damaged")
            log.warning(
                "sandbox state unreadable (%s); moved to %s, starting fresh", type(exc).__name__, aside
            )
            with contextlib.suppress(OSError):
                legacy.replace(aside)
            return None
        for table in (state.grants, state.codes, state.tokens, state.sessions):
            table.touch_all()
        state._migrated_from = legacy
        return state

    def close(self) -> None:
        """Let go of the file (the state stays usable in memory, but no longer saves)."""
        if self._file is not None:
            self._file.close()
            self._file = None

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
        self._lower_purge_due(record.issued_at + CODE_MEMORY)
        return code

    def add_token(self, record: TokenRecord) -> str:
        token = new_token()
        self.tokens[fingerprint(token)] = record
        self._lower_purge_due(record.expires_at + TOKEN_MEMORY)
        return token

    def _lower_purge_due(self, when: datetime) -> None:
        if self._purge_due is not None and when < self._purge_due:
            self._purge_due = when

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
        """Forget codes older than a day and tokens long past their expiry.

        Cheap when nothing is due: the earliest moment anything could be forgotten is remembered, so
        a sweep of thousands of refreshes does not walk every record on each one.
        """
        if self._purge_due is not None and now < self._purge_due:
            return
        for digest in [d for d, c in self.codes.items() if now - c.issued_at >= CODE_MEMORY]:
            del self.codes[digest]
        for digest in [d for d, t in self.tokens.items() if now - t.expires_at >= TOKEN_MEMORY]:
            del self.tokens[digest]
        dues = [c.issued_at + CODE_MEMORY for c in self.codes.values()]
        dues += [t.expires_at + TOKEN_MEMORY for t in self.tokens.values()]
        self._purge_due = min(dues, default=None)

    # -- persistence ----------------------------------------------------------------------------------

    def save(self) -> None:
        """Write what changed since the last save, in one transaction."""
        if self._file is None:
            return
        changes: dict[str, dict[str, str | None]] = {"meta": {}}
        for name, text in self._meta_json().items():
            if self._saved_meta.get(name) != text:
                changes["meta"][name] = text
        grants, codes = self.grants.touched_items(), self.codes.touched_items()
        tokens, sessions = self.tokens.touched_items(), self.sessions.touched_items()
        changes["grants"] = {
            str(user_id): None if grant is None else dumps(grant_json(grant)) for user_id, grant in grants
        }
        changes["codes"] = {
            digest: None if code is None else dumps(code_json(code)) for digest, code in codes
        }
        changes["tokens"] = {
            digest: None if token is None else dumps(token_json(token)) for digest, token in tokens
        }
        changes["sessions"] = {
            digest: None if user_id is None else str(user_id) for digest, user_id in sessions
        }
        self._file.write(changes)
        self.grants.untouch(key for key, _ in grants)
        self.codes.untouch(key for key, _ in codes)
        self.tokens.untouch(key for key, _ in tokens)
        self.sessions.untouch(key for key, _ in sessions)
        self._saved_meta.update({k: v for k, v in changes["meta"].items() if v is not None})
        migrated = self._migrated_from
        if migrated is not None:
            retire_legacy(migrated)
            self._migrated_from = None

    def _meta_json(self) -> dict[str, str]:
        return {
            "version": str(STATE_VERSION),
            "app": dumps(app_json(self.app)),
            "accounts": dumps([account.to_json() for account in self.accounts]),
            "clock_offset_seconds": repr(float(self.clock_offset_seconds)),
        }

    @classmethod
    def _from_records(cls, path: Path, records: RecordFile) -> SandboxState | None:
        meta = records.read("meta")
        if not meta:
            return None
        raw: dict[str, Any] = {
            "version": int(meta["version"]),
            "app": json.loads(meta["app"]),
            "accounts": json.loads(meta["accounts"]),
            "clock_offset_seconds": float(meta.get("clock_offset_seconds", "0")),
            "grants": {k: json.loads(v) for k, v in records.read("grants").items()},
            "codes_sha256": {k: json.loads(v) for k, v in records.read("codes").items()},
            "tokens_sha256": {k: json.loads(v) for k, v in records.read("tokens").items()},
            "sessions_sha256": records.read("sessions"),
        }
        state = cls._from_json(path, raw)
        state._saved_meta = dict(meta)
        return state

    @classmethod
    def _from_json(cls, path: Path, raw: dict[str, Any]) -> SandboxState:
        if raw.get("version") != STATE_VERSION:
            raise ValueError("unsupported sandbox state version")
        accounts = [SandboxAccount.from_json(item) for item in raw["accounts"]]
        return cls(
            path=path,
            app=app_from_json(raw["app"]),
            accounts=accounts or list(DEFAULT_ACCOUNTS),
            grants=Tracked((int(k), grant_from_json(v)) for k, v in raw.get("grants", {}).items()),
            codes=Tracked((k, code_from_json(v)) for k, v in raw.get("codes_sha256", {}).items()),
            tokens=Tracked((k, token_from_json(v)) for k, v in raw.get("tokens_sha256", {}).items()),
            clock_offset_seconds=float(raw.get("clock_offset_seconds", 0.0)),
            sessions=Tracked((str(d), int(u)) for d, u in raw.get("sessions_sha256", {}).items()),
        )


def saved_state(state_dir: Path) -> dict[str, Any]:
    """What a sandbox folder has on disk, in the ``state.json`` shape, without opening it for writing."""
    tables = read_tables(state_dir / STATE_DB_NAME, TABLES)
    meta = tables["meta"]
    return {
        "version": int(meta["version"]),
        "app": json.loads(meta["app"]),
        "accounts": json.loads(meta["accounts"]),
        "clock_offset_seconds": float(meta.get("clock_offset_seconds", "0")),
        "grants": {k: json.loads(v) for k, v in tables["grants"].items()},
        "codes_sha256": {k: json.loads(v) for k, v in tables["codes"].items()},
        "tokens_sha256": {k: json.loads(v) for k, v in tables["tokens"].items()},
        "sessions_sha256": dict(tables["sessions"]),
    }


def _set_aside(path: Path, reason: str) -> None:
    aside = set_aside(path)
    log.warning("sandbox state unreadable (%s); moved to %s, starting fresh", reason, aside)
