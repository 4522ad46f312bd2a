"""The records the Instagram sandbox remembers, and the JSON each is saved as.

Codes and tokens are keyed by their SHA-256 elsewhere; nothing here holds a credential.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


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


def app_json(app: AppRecord) -> dict[str, Any]:
    return {
        "client_id": app.client_id,
        "client_secret_sha256": app.secret_sha256,
        "name": app.name,
        "redirect_uris": list(app.redirect_uris),
    }


def app_from_json(raw: dict[str, Any]) -> AppRecord:
    return AppRecord(
        client_id=str(raw["client_id"]),
        secret_sha256=str(raw.get("client_secret_sha256", "")),
        name=str(raw.get("name", "")),
        redirect_uris=[str(uri) for uri in raw.get("redirect_uris", [])],
    )


def grant_json(grant: GrantRecord) -> dict[str, Any]:
    return {
        "scopes": list(grant.scopes),
        "granted_at": grant.granted_at.isoformat(),
        "revoked_at": _iso(grant.revoked_at),
    }


def grant_from_json(raw: dict[str, Any]) -> GrantRecord:
    return GrantRecord(
        scopes=tuple(raw["scopes"]),
        granted_at=datetime.fromisoformat(raw["granted_at"]),
        revoked_at=_from_iso(raw.get("revoked_at")),
    )


def code_json(code: CodeRecord) -> dict[str, Any]:
    return {
        "client_id": code.client_id,
        "redirect_uri": code.redirect_uri,
        "user_id": str(code.user_id),
        "scopes": list(code.scopes),
        "issued_at": code.issued_at.isoformat(),
        "used_at": _iso(code.used_at),
    }


def code_from_json(raw: dict[str, Any]) -> CodeRecord:
    return CodeRecord(
        client_id=str(raw["client_id"]),
        redirect_uri=str(raw["redirect_uri"]),
        user_id=int(raw["user_id"]),
        scopes=tuple(raw["scopes"]),
        issued_at=datetime.fromisoformat(raw["issued_at"]),
        used_at=_from_iso(raw.get("used_at")),
    )


def token_json(token: TokenRecord) -> dict[str, Any]:
    return {
        "kind": token.kind,
        "client_id": token.client_id,
        "user_id": str(token.user_id),
        "scopes": list(token.scopes),
        "issued_at": token.issued_at.isoformat(),
        "expires_at": token.expires_at.isoformat(),
        "revoked_at": _iso(token.revoked_at),
        "killed_subcode": token.killed_subcode,
    }


def token_from_json(raw: dict[str, Any]) -> TokenRecord:
    return TokenRecord(
        kind=str(raw["kind"]),
        client_id=str(raw["client_id"]),
        user_id=int(raw["user_id"]),
        scopes=tuple(raw["scopes"]),
        issued_at=datetime.fromisoformat(raw["issued_at"]),
        expires_at=datetime.fromisoformat(raw["expires_at"]),
        revoked_at=_from_iso(raw.get("revoked_at")),
        killed_subcode=_optional_int(raw.get("killed_subcode")),
    )


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _from_iso(value: object) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else None


def _optional_int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
