"""Masking of secrets in any text bound for a log, an exception or the screen.

Two nets: patterns that catch credentials by their shape or their parameter name (``access_token=``,
``client_secret=``, ``code=``, bearer headers, Instagram token prefixes), and the exact values of every
:class:`~desktop.core.secrets.SecretStr` alive in this process (held as keyed fingerprints, so the
registry itself never keeps a secret).
"""

from __future__ import annotations

import os
import re
import threading
from collections import Counter, OrderedDict, deque

# hashlib's own blake2b is this one; importing hashlib would also load OpenSSL before the window
# can paint (every process logs, so every process loads this module).
try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

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
#: Fingerprints released while the lock was held (by the garbage collector, or another thread).
_pending_releases: deque[bytes] = deque()
# A quick first test per window: the piece's ``hash()`` (SipHash under the interpreter's own random
# key), by length. Only windows that pass it get the BLAKE2b fingerprint computed.
_quick: dict[int, Counter[int]] = {}  # piece length -> quick hashes of that length (live or released)
_quick_of: dict[bytes, tuple[int, int]] = {}  # fingerprint -> (length, quick hash)


class _Snapshot:
    """What :func:`redact` reads, rebuilt only after the registry changed."""

    version = 0
    built = -1
    by_length: list[tuple[int, frozenset[int]]] = []  # noqa: RUF012 - replaced, never mutated
    known: frozenset[bytes] = frozenset()


def _fingerprint(piece: str) -> bytes:
    return blake2b(piece.encode("utf-8"), key=_FINGERPRINT_KEY, digest_size=16).digest()


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
        _apply_releases()
        for piece in pieces:
            fingerprint = _fingerprint(piece)
            if fingerprint in _released:
                del _released[fingerprint]
            elif fingerprint not in _live:
                quick = (len(piece), hash(piece))
                _quick.setdefault(quick[0], Counter())[quick[1]] += 1
                _quick_of[fingerprint] = quick
                _changed()
            _live[fingerprint] = _live.get(fingerprint, 0) + 1


def release_secret(value: str) -> None:
    """One owner of ``value`` is gone; after the last, it is kept only among the recently released.

    Called from ``SecretStr.__del__``, so it may run inside the garbage collector while this thread
    already holds the registry's lock: it never waits for the lock. The release is queued and applied
    by whichever call holds the lock next (until then the value stays masked, the safe side).
    """
    for piece in _pieces(value):
        _pending_releases.append(_fingerprint(piece))
    if _lock.acquire(blocking=False):
        try:
            _apply_releases()
        finally:
            _lock.release()


def _apply_releases() -> None:
    """Apply queued releases; the caller holds ``_lock``."""
    while _pending_releases:
        try:
            fingerprint = _pending_releases.popleft()
        except IndexError:
            return
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
    length, quick = _quick_of.pop(fingerprint)
    counter = _quick[length]
    counter[quick] -= 1
    if not counter[quick]:
        del counter[quick]
    if not counter:
        del _quick[length]
    _changed()


def _changed() -> None:
    _Snapshot.version += 1


def _current() -> tuple[list[tuple[int, frozenset[int]]], frozenset[bytes]]:
    """(length, quick hashes) longest first, and every fingerprint."""
    with _lock:
        _apply_releases()
        if _Snapshot.built != _Snapshot.version:
            _Snapshot.by_length = [(n, frozenset(_quick[n])) for n in sorted(_quick, reverse=True)]
            _Snapshot.known = frozenset(_quick_of)
            _Snapshot.built = _Snapshot.version
        return _Snapshot.by_length, _Snapshot.known


def registry_size() -> tuple[int, int]:
    """(live, recently released) fingerprints: for tests and the diagnostics page."""
    with _lock:
        _apply_releases()
        return len(_live), len(_released)


def _known_spans(text: str) -> list[tuple[int, int]]:
    by_length, known = _current()
    if not by_length:
        return []
    spans: list[tuple[int, int]] = []
    for run in _RUN_RE.finditer(text):
        chunk, offset = run.group(), run.start()
        size = len(chunk)
        for length, quick in by_length:
            if length > size:
                continue
            starts = range(size - length + 1)
            windows = map(chunk.__getitem__, map(slice, starts, range(length, size + 1)))
            if quick.isdisjoint(map(hash, windows)):  # the common case, at C speed
                continue
            for index in starts:
                window = chunk[index : index + length]
                if hash(window) in quick and _fingerprint(window) in known:
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
    # Names and shapes first: a registered value that happens to occur inside a parameter's name
    # ("secret" in "client_secret=") must not hide the name from its pattern and so leave its value.
    text = _PARAM_RE.sub(_mask_parameter, text)
    text = _BEARER_RE.sub(lambda m: m.group("key") + MASK, text)
    text = _TOKEN_SHAPE_RE.sub(MASK, text)
    spans = _known_spans(text)
    return _mask_spans(text, spans) if spans else text
