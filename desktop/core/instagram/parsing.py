"""Reading Instagram's answers in both the documented and the observed shapes.

Meta's docs wrap answers in ``{"data": [...]}`` and write ``user_id`` as a string and ``permissions``
as a comma-separated string; the wire sends flat objects, ``user_id`` as a JSON number above 2^53 and
``permissions`` as a list. Ids are kept as text and never pass through a float. A missing or
malformed field is a ``provider_error`` that names the field, never the value.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from desktop.core.instagram.errors import InstagramError
from desktop.core.instagram.graph_fields import access_token, graph_id, optional_whole_number, whole_number
from desktop.core.instagram.models import LongLivedToken, Profile, ShortLivedToken

#: What the long-lived exchange promises when it forgets to say (60 days).
DEFAULT_LONG_LIVED_SECONDS = 60 * 24 * 3600


def load_json(content: bytes) -> Any:
    """Parse a body; a body that is not JSON came from a proxy, not Instagram: a network error."""
    try:
        return json.loads(content, parse_float=Decimal)
    except (ValueError, UnicodeDecodeError):
        pass  # raised below, so the decoder's error (which holds the whole body) is not chained
    raise InstagramError("network_error", "answer was not JSON")


def unwrap(body: Any) -> Mapping[str, Any]:
    """The object inside ``{"data": [obj]}`` / ``{"data": obj}``, or ``body`` itself when flat."""
    if isinstance(body, dict) and "data" in body:
        data = body["data"]
        if isinstance(data, list) and data and isinstance(data[0], dict):
            return data[0]
        if isinstance(data, dict):
            return data
    if isinstance(body, dict):
        return body
    raise InstagramError("provider_error", "answer was not a JSON object")


def parse_short_lived(body: Any) -> ShortLivedToken:
    record = unwrap(body)
    return ShortLivedToken(
        access_token=access_token(record),
        user_id=graph_id(record, "user_id"),
        permissions=parse_permissions(record.get("permissions")),
    )


def parse_long_lived(body: Any, received_at: datetime | None = None) -> LongLivedToken:
    record = unwrap(body)
    expires_in = record.get("expires_in")
    seconds = whole_number(expires_in, "expires_in") if expires_in is not None else DEFAULT_LONG_LIVED_SECONDS
    token_type = record.get("token_type")
    return LongLivedToken(
        access_token=access_token(record),
        expires_in=seconds,
        token_type=token_type.lower() if isinstance(token_type, str) and token_type else "bearer",
        received_at=received_at,
    )


def parse_profile(body: Any) -> Profile:
    record = unwrap(body)
    app_scoped = record.get("id")
    account_type = record.get("account_type")
    if not isinstance(account_type, str) or not account_type.strip():
        raise InstagramError("provider_error", "/me answer has no account_type")
    picture = record.get("profile_picture_url")
    name = record.get("name")
    return Profile(
        user_id=graph_id(record, "user_id"),
        app_scoped_id=graph_id(record, "id") if app_scoped is not None else "",
        username=_required_text(record, "username"),
        name=name if isinstance(name, str) else "",
        account_type=account_type.strip().upper(),
        profile_picture_url=picture if isinstance(picture, str) and picture else None,
        followers_count=optional_whole_number(record, "followers_count"),
        follows_count=optional_whole_number(record, "follows_count"),
        media_count=optional_whole_number(record, "media_count"),
    )


def parse_permissions(value: object) -> tuple[str, ...]:
    """``"a,b"``, ``"a b"``, ``["a", "b"]`` or missing → a tuple of unique names in order."""
    if value is None:
        return ()
    if isinstance(value, str):
        items = value.replace(" ", ",").split(",")
    elif isinstance(value, list):
        items = [item for item in value if isinstance(item, str)]
        if len(items) != len(value):
            raise InstagramError("provider_error", "permissions list holds non-text items")
    else:
        raise InstagramError("provider_error", "permissions is neither text nor a list")
    return tuple(dict.fromkeys(item.strip() for item in items if item.strip()))


def _required_text(record: Mapping[str, Any], field: str) -> str:
    value = record.get(field)
    if not isinstance(value, str) or not value:
        raise InstagramError("provider_error", f"answer has no {field}")
    return value
