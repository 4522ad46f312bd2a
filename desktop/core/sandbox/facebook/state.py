"""What the Facebook half remembers between runs: its app, grants, codes and issued tokens.

As on the Instagram half, codes, tokens and the app secret are kept only as SHA-256 hashes, and
each save writes only the records that changed to a SQLite file
(:mod:`desktop.core.sandbox.records`); a ``facebook.json`` from before is read once and moved aside
as ``facebook.json.migrated``.
"""

from __future__ import annotations

import json
import logging
import secrets
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from desktop.core.sandbox.records import (
    RecordFile,
    RecordFileDamaged,
    dumps,
    read_tables,
    retire_legacy,
    set_aside,
)
from desktop.core.sandbox.state import fingerprint

log = logging.getLogger(__name__)

#: The file of earlier versions, migrated on first load.
STATE_FILE_NAME = "facebook.json"
STATE_DB_NAME = "facebook.sqlite3"
STATE_VERSION = 1
TABLES = ("meta", "codes", "tokens", "grants")
_RECORDS = ("codes", "tokens", "grants")
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


@dataclass(slots=True, eq=False)
class FacebookState:
    """Records are changed in place by the provider under its lock; :meth:`save` writes those whose
    saved form differs from what is on disk (a walk over the records, but no rewrite of them)."""

    path: Path
    client_id: str
    secret_sha256: str = ""
    redirect_uris: list[str] = field(default_factory=list)
    codes: dict[str, CodeRecord] = field(default_factory=dict)
    tokens: dict[str, TokenRecord] = field(default_factory=dict)
    grants: dict[str, GrantRecord] = field(default_factory=dict)
    #: Browser session cookie (fingerprint) → the handle of the person signed in with it.
    browser_sessions: dict[str, str] = field(default_factory=dict)
    _file: RecordFile | None = None
    #: What each table holds on disk now: key → its JSON.
    _saved: dict[str, dict[str, str]] = field(default_factory=dict)
    _migrated_from: Path | None = None

    @classmethod
    def load_or_create(cls, state_dir: Path) -> FacebookState:
        state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = state_dir / STATE_DB_NAME
        state: FacebookState | None = None
        records: RecordFile | None = None
        try:
            records = RecordFile(path, TABLES)
            saved = {table: records.read(table) for table in TABLES}
            if saved["meta"]:
                state = cls._from_saved(path, saved)
                state._saved = {table: saved[table] for table in (*_RECORDS, "meta")}
        except (RecordFileDamaged, sqlite3.DatabaseError, ValueError, KeyError, TypeError) as exc:
            log.warning("Facebook sandbox state unreadable (%s); starting afresh", type(exc).__name__)
            if records is not None:
                records.close()
            records = None
            set_aside(path)
        if records is None:
            records = RecordFile(path, TABLES)
        legacy = state_dir / STATE_FILE_NAME
        if state is None and legacy.exists():
            state = cls._migrate(path, legacy)
        if state is None:
            state = cls(path=path, client_id=str(secrets.randbelow(9 * 10**14) + 10**14))
        state._file = records
        state.save()
        return state

    @classmethod
    def _migrate(cls, path: Path, legacy: Path) -> FacebookState | None:
        try:
            raw = json.loads(legacy.read_text(encoding="utf-8"))
            state = cls(
                path=path,
                client_id=str(raw["client_id"]),
                secret_sha256=str(raw.get("secret_sha256", "")),
                redirect_uris=[str(uri) for uri in raw.get("redirect_uris", [])],
                codes={k: CodeRecord(**v) for k, v in raw.get("codes", {}).items()},
                tokens={k: TokenRecord(**v) for k, v in raw.get("tokens", {}).items()},
                grants={k: GrantRecord(**v) for k, v in raw.get("grants", {}).items()},
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("Facebook sandbox state unreadable (%s); starting afresh", type(exc).__name__)
            return None
        state._migrated_from = legacy
        return state

    @classmethod
    def _from_saved(cls, path: Path, saved: dict[str, dict[str, str]]) -> FacebookState:
        meta = {key: json.loads(value) for key, value in saved["meta"].items()}
        if meta.get("version") != STATE_VERSION:
            raise ValueError("unsupported Facebook sandbox state version")
        return cls(
            path=path,
            client_id=str(meta["client_id"]),
            secret_sha256=str(meta.get("secret_sha256", "")),
            redirect_uris=[str(uri) for uri in meta.get("redirect_uris", [])],
            codes={k: CodeRecord(**json.loads(v)) for k, v in saved["codes"].items()},
            tokens={k: TokenRecord(**json.loads(v)) for k, v in saved["tokens"].items()},
            grants={k: GrantRecord(**json.loads(v)) for k, v in saved["grants"].items()},
            browser_sessions={str(k): str(v) for k, v in meta.get("browser_sessions", {}).items()},
        )

    def save(self) -> None:
        """Write the records that differ from what is on disk, and delete those forgotten."""
        if self._file is None:
            return
        now: dict[str, dict[str, str]] = {
            "meta": {
                "version": dumps(STATE_VERSION),
                "client_id": dumps(self.client_id),
                "secret_sha256": dumps(self.secret_sha256),
                "redirect_uris": dumps(list(self.redirect_uris)),
                "browser_sessions": dumps(dict(self.browser_sessions)),
            },
            "codes": {k: dumps(asdict(v)) for k, v in self.codes.items()},
            "tokens": {k: dumps(asdict(v)) for k, v in self.tokens.items()},
            "grants": {k: dumps(asdict(v)) for k, v in self.grants.items()},
        }
        changes: dict[str, dict[str, str | None]] = {}
        for table, rows in now.items():
            before = self._saved.get(table, {})
            changed: dict[str, str | None] = {k: v for k, v in rows.items() if before.get(k) != v}
            changed.update({k: None for k in before.keys() - rows.keys()})
            changes[table] = changed
        self._file.write(changes)
        self._saved = now
        if self._migrated_from is not None:
            retire_legacy(self._migrated_from)
            self._migrated_from = None

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

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


def saved_state(state_dir: Path) -> dict[str, Any]:
    """What a sandbox folder has on disk for the Facebook half, in the ``facebook.json`` shape."""
    tables = read_tables(state_dir / STATE_DB_NAME, TABLES)
    raw: dict[str, Any] = {key: json.loads(value) for key, value in tables["meta"].items()}
    for table in _RECORDS:
        raw[table] = {key: json.loads(value) for key, value in tables[table].items()}
    return raw
