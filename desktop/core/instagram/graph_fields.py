"""The fields both Graph APIs answer with, read strictly: tokens, ids and whole numbers.

Instagram's and Facebook's Graph send the same field shapes (ids as text or as JSON numbers above
2^53, counts and ``expires_in`` as numbers or digit strings), so the Instagram and the Facebook
parsers read them here. A missing or malformed field is a ``provider_error`` naming the field,
never its value.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from desktop.core.instagram.errors import InstagramError
from desktop.core.secrets import SecretStr


def access_token(record: Mapping[str, Any]) -> SecretStr:
    value = record.get("access_token")
    if not isinstance(value, str) or not value:
        raise InstagramError("provider_error", "answer has no access_token")
    return SecretStr(value)


def graph_id(record: Mapping[str, Any], field: str) -> str:
    """An id as text; a JSON number is taken from its exact decimal, never through a float."""
    value = record.get(field)
    if isinstance(value, bool):
        raise InstagramError("provider_error", f"{field} is not an id")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return str(int(value))
    if isinstance(value, str) and value.strip().isdigit():
        return value.strip()
    raise InstagramError("provider_error", f"answer has no usable {field}")


def whole_number(value: object, field: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    raise InstagramError("provider_error", f"{field} is not a whole number")


def optional_whole_number(record: Mapping[str, Any], field: str) -> int | None:
    """A count the answer may leave out (None), but not send malformed."""
    value = record.get(field)
    return None if value is None else whole_number(value, field)
