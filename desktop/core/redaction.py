"""Masking of secrets in any text bound for a log, an exception or the screen.

Two nets: patterns that catch credentials by their shape or their parameter name (``access_token=``,
``client_secret=``, ``code=``, bearer headers, Instagram token prefixes), and the exact values of every
:class:`~desktop.core.secrets.SecretStr` created in this process.
"""

from __future__ import annotations

import re
import threading

MASK = "**********"

_PARAM_NAMES = (
    "access_token",
    "client_secret",
    "code",
    "refresh_token",
    "app_secret",
    "input_token",
    "fb_exchange_token",
)
_PARAM_RE = re.compile(
    # name=value in URLs and forms (also percent-encoded), or "name": "value" in JSON.
    r"(?P<key>\b(?:" + "|".join(_PARAM_NAMES) + r")(?:\s*(?:=|%3D)\s*|[\"']\s*:\s*[\"']))"
    r"(?P<value>[^&\s\"'<>#,;)}\]]+)",
    re.IGNORECASE,
)
_BEARER_RE = re.compile(r"(?P<key>\bBearer\s+)(?P<value>[A-Za-z0-9._~+/=-]+)", re.IGNORECASE)
# Instagram user tokens (IGAA…, IGQV…) and Facebook tokens (EAA…); sandbox tokens start with IGAASBX.
_TOKEN_SHAPE_RE = re.compile(r"\b(?:IGAA|IGQV|EAA)[A-Za-z0-9_-]{16,}")

_lock = threading.Lock()
_secrets: set[str] = set()
_MIN_SECRET_LENGTH = 6


def register_secret(value: str) -> None:
    """Mask ``value`` wherever it appears in redacted text from now on."""
    if len(value) < _MIN_SECRET_LENGTH:
        return
    with _lock:
        _secrets.add(value)


def forget_secret(value: str) -> None:
    with _lock:
        _secrets.discard(value)


def redact(text: str) -> str:
    """``text`` with every known secret and credential-shaped value masked."""
    if not text:
        return text
    with _lock:
        known = sorted(_secrets, key=len, reverse=True)
    for secret in known:
        if secret in text:
            text = text.replace(secret, MASK)
    text = _PARAM_RE.sub(lambda m: m.group("key") + MASK, text)
    text = _BEARER_RE.sub(lambda m: m.group("key") + MASK, text)
    return _TOKEN_SHAPE_RE.sub(MASK, text)
