"""The records the Instagram sandbox remembers, and the JSON each is saved as.

Codes and tokens are keyed by their SHA-256 elsewhere; nothing here holds a credential.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
from datetime import datetime
from typing import Any, TypeVar

R = TypeVar("R")


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
    return _record_json(grant)


def grant_from_json(raw: dict[str, Any]) -> GrantRecord:
    return _record_from_json(GrantRecord, raw)


def code_json(code: CodeRecord) -> dict[str, Any]:
    return _record_json(code)


def code_from_json(raw: dict[str, Any]) -> CodeRecord:
    return _record_from_json(CodeRecord, raw)


def token_json(token: TokenRecord) -> dict[str, Any]:
    return _record_json(token)


def token_from_json(raw: dict[str, Any]) -> TokenRecord:
    return _record_from_json(TokenRecord, raw)


def _record_json(record: Any) -> dict[str, Any]:
    """A record's fields in order: times as ISO text, tuples as lists, user ids as text (they pass
    2^53, which a JSON reader may not keep exact)."""
    return {item.name: _encoded(item.name, getattr(record, item.name)) for item in fields(record)}


def _encoded(name: str, value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    if name == "user_id":
        return str(value)
    return value


def _record_from_json(kind: type[R], raw: dict[str, Any]) -> R:
    """The record back from its JSON: a field with a default may be missing, the others may not."""
    values: dict[str, Any] = {}
    for item in fields(kind):  # type: ignore[arg-type]
        optional = item.default is not MISSING or item.default_factory is not MISSING
        values[item.name] = _DECODERS[str(item.type)](raw.get(item.name) if optional else raw[item.name])
    return kind(**values)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _from_iso(value: object) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else None


def _optional_int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


#: How each field type is read back (annotations are text here: ``from __future__ import annotations``).
_DECODERS: dict[str, Callable[[Any], Any]] = {
    "str": str,
    "int": int,
    "int | None": _optional_int,
    "datetime": datetime.fromisoformat,
    "datetime | None": _from_iso,
    "tuple[str, ...]": tuple,
}
