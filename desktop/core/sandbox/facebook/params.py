"""Reading the sandbox Facebook's request parameters: first values, ``fields`` lists, paging cursors
and the redirect back to the app."""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

Params = Mapping[str, Sequence[str]]


def parse_fields(text: str) -> dict[str, Any]:
    """``id,name,instagram_business_account{id,username}`` → ``{"id": None, …, "ig…": {"id": None, …}}``."""
    result: dict[str, Any] = {}
    name, depth, start = "", 0, 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "{" and depth == 0:
            name, start, depth = text[:i].rsplit(",", 1)[-1].strip(), i + 1, 1
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                result[name] = parse_fields(text[start:i])
                text, i = text[i + 1 :], -1
        elif ch == "," and depth == 0:
            part = text[:i].strip()
            if part and "{" not in part:
                result.setdefault(part, None)
            text, i = text[i + 1 :], -1
        i += 1
    if text.strip() and depth == 0 and "{" not in text:
        result.setdefault(text.strip(), None)
    return result


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        return max(0, int(text.removeprefix("offset:")))
    except (ValueError, UnicodeDecodeError):
        return 0


def first(params: Params, name: str) -> str | None:
    values = params.get(name)
    return values[0] if values else None


def back(request: Mapping[str, Any], params: dict[str, str]) -> str:
    if request["state"] is not None:
        params = {**params, "state": request["state"]}
    uri = request["redirect_uri"]
    return f"{uri}{'&' if '?' in uri else '?'}{urlencode(params)}#_=_"
