"""Masking of secrets in any text bound for a log, an exception or the screen.

Two nets: patterns that catch credentials by their shape or their parameter name (``access_token=``,
``client_secret=``, ``code=``, bearer headers, Instagram token prefixes), and the exact values of every
:class:`~desktop.core.secrets.SecretStr` alive in this process (held as keyed fingerprints, so the
registry itself never keeps a secret).
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections import Counter, OrderedDict

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
_NAMES = r"\b(?:" + "|".join(_PARAM_NAMES) + r")\b"
_PARAM_RE = re.compile(
    # The name, maybe quoted as a key ("name" or 'name'), then = or %3D or :, then the value: quoted
    # (a Python repr or JSON, up to the closing quote) or bare (a URL, a form, a YAML-ish line, or a
    # quoted value cut off before its closing quote).
    r"(?P<key>(?P<name>" + _NAMES + r")[\"']?\s*(?P<sep>=|%3D|:)\s*)"
    r"(?:(?P<quote>[\"'])(?P<quoted>(?:\\.|(?!(?P=quote)).)*)(?P=quote)|[\"']?(?P<bare>[^&\s\"'<>#,;)}\]]+))",
    re.IGNORECASE,
)
_BEARER_RE = re.compile(r"(?P<key>\bBearer\s+)(?P<value>[A-Za-z0-9._~+/=-]+)", re.IGNORECASE)
# Instagram user tokens (IGAA…, IGQV…) and Facebook tokens (EAA…); sandbox tokens start with IGAASBX.
_TOKEN_SHAPE_RE = re.compile(r"\b(?:IGAA|IGQV|EAA)[A-Za-z0-9_-]{16,}")

# Keyed fingerprints of the secrets alive in this process, never the values: a memory dump, a core
# file or a debugger shows 16-byte BLAKE2b digests under a per-process random key, which reveal
# nothing. Text is searched by fingerprinting its windows of each registered length.
_FINGERPRINT_KEY = os.urandom(32)
_MIN_SECRET_LENGTH = 6
#: Released secrets stay masked a while (a message built from one may still be logged); bounded.
RECENTLY_RELEASED_LIMIT = 256
# Secrets are split at these, as text is, so a secret is found whatever surrounds it.
_DELIMITER_CLASS = r"\s\"'<>&?,;()\[\]{}|\\`"
_DELIMITERS_RE = re.compile(f"[{_DELIMITER_CLASS}]+")
_RUN_RE = re.compile(f"[^{_DELIMITER_CLASS}]{{{_MIN_SECRET_LENGTH},}}")

_lock = threading.Lock()
_live: dict[bytes, int] = {}  # fingerprint -> number of live owners
_released: OrderedDict[bytes, None] = OrderedDict()
_lengths: Counter[int] = Counter()  # piece length -> fingerprints of that length (live or released)
_length_of: dict[bytes, int] = {}


def _fingerprint(piece: str) -> bytes:
    return hashlib.blake2b(piece.encode("utf-8"), key=_FINGERPRINT_KEY, digest_size=16).digest()


def _pieces(value: str) -> list[str]:
    return [piece for piece in _DELIMITERS_RE.split(value) if len(piece) >= _MIN_SECRET_LENGTH]


def register_secret(value: str) -> None:
    """Mask ``value`` wherever it appears in redacted text, until its owner calls :func:`release_secret`.

    Each call counts one owner; the value stays masked while any owner is alive.
    """
    pieces = _pieces(value)
    if not pieces:
        return
    with _lock:
        for piece in pieces:
            fingerprint = _fingerprint(piece)
            if fingerprint in _released:
                del _released[fingerprint]
            elif fingerprint not in _live:
                _lengths[len(piece)] += 1
                _length_of[fingerprint] = len(piece)
            _live[fingerprint] = _live.get(fingerprint, 0) + 1


def release_secret(value: str) -> None:
    """One owner of ``value`` is gone; after the last, it is kept only among the recently released."""
    pieces = _pieces(value)
    with _lock:
        for piece in pieces:
            fingerprint = _fingerprint(piece)
            owners = _live.get(fingerprint, 0) - 1
            if owners > 0:
                _live[fingerprint] = owners
                continue
            if _live.pop(fingerprint, None) is None:
                continue
            _released[fingerprint] = None
            while len(_released) > RECENTLY_RELEASED_LIMIT:
                _drop(_released.popitem(last=False)[0])


def _drop(fingerprint: bytes) -> None:
    length = _length_of.pop(fingerprint)
    _lengths[length] -= 1
    if not _lengths[length]:
        del _lengths[length]


def registry_size() -> tuple[int, int]:
    """(live, recently released) fingerprints: for tests and the diagnostics page."""
    with _lock:
        return len(_live), len(_released)


def _known_spans(text: str) -> list[tuple[int, int]]:
    with _lock:
        if not _lengths:
            return []
        lengths = sorted(_lengths, reverse=True)
        known = _live.keys() | _released.keys()
    spans: list[tuple[int, int]] = []
    for run in _RUN_RE.finditer(text):
        chunk, offset = run.group(), run.start()
        for length in lengths:
            for index in range(len(chunk) - length + 1):
                if _fingerprint(chunk[index : index + length]) in known:
                    spans.append((offset + index, offset + index + length))
    return spans


def _mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    out: list[str] = []
    position = 0
    for start, end in sorted(spans):
        if end <= position:
            continue
        if start >= position:
            out.append(text[position:start])
            out.append(MASK)
        position = end
    out.append(text[position:])
    return "".join(out)


def _mask_parameter(match: re.Match[str]) -> str:
    quote = match.group("quote")
    if quote:
        return f"{match.group('key')}{quote}{MASK}{quote}"
    # "code: 190" is Instagram's error code in our own messages; an authorization code after a colon
    # only ever comes quoted (JSON, a repr), which the branch above masks.
    if match.group("sep") == ":" and match.group("name").lower() == "code":
        return match.group(0)
    return match.group("key") + MASK


def redact(text: str) -> str:
    """``text`` with every known secret and credential-shaped value masked."""
    if not text:
        return text
    spans = _known_spans(text)
    if spans:
        text = _mask_spans(text, spans)
    text = _PARAM_RE.sub(_mask_parameter, text)
    text = _BEARER_RE.sub(lambda m: m.group("key") + MASK, text)
    return _TOKEN_SHAPE_RE.sub(MASK, text)
