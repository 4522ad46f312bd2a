"""Reading Instagram's answer: from the listener's request or from an address the user pasted.

Instagram sends the browser to ``redirect_uri?code=…&state=…#_`` or, when the user cancels, to
``redirect_uri?error=access_denied&error_reason=user_denied&error_description=…`` (maybe without
``state``). When the browser cannot reach the listener the user pastes that address instead, often
with quotes, spaces, the ``#_`` tail or only the part after ``?``. Malformed input is refused with
``invalid_callback``, whose detail never repeats the code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from desktop.core.errors import SocialdeskError
from desktop.core.oauth.redirect_uri import RedirectUri
from desktop.core.secrets import SecretStr

ACCESS_DENIED = "access_denied"
MAX_CALLBACK_LENGTH = 8192
_MAX_FIELDS = 32
_CODE_RE = re.compile(r"[\x21-\x7e]{1,4096}")
_STATE_RE = re.compile(r"[\x21-\x7e]{1,512}")
_ERROR_RE = re.compile(r"[A-Za-z0-9_.-]{1,64}")
_MAX_DESCRIPTION = 500
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]+")
#: A bare query string starts with a parameter name and "=" (an address starts with a host or a path).
_PARAM_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*=")
#: Quotes that chat apps and word processors wrap around a copied address.
_QUOTES = "\"'`<>“”‘’"


@dataclass(frozen=True, slots=True)
class CallbackResult:
    """What Instagram sent back. Exactly one of ``code`` and ``error`` is set."""

    state: str | None = field(repr=False)
    code: SecretStr | None
    error: str | None = None
    error_reason: str | None = None
    error_description: str | None = None

    @property
    def denied(self) -> bool:
        """The user pressed Cancel in the Instagram dialog."""
        return self.error == ACCESS_DENIED


def _invalid(detail: str) -> SocialdeskError:
    return SocialdeskError("invalid_callback", detail)


def parse_callback_query(query: str) -> CallbackResult:
    """The callback parameters in a query string (with or without ``?`` and ``#…``)."""
    query = query.split("#", 1)[0].removeprefix("?")
    if len(query) > MAX_CALLBACK_LENGTH:
        raise _invalid("the address is too long")
    try:
        pairs = parse_qsl(
            query, keep_blank_values=True, strict_parsing=False, errors="strict", max_num_fields=_MAX_FIELDS
        )
    except (ValueError, UnicodeDecodeError):
        raise _invalid("the address has unreadable parameters") from None
    values: dict[str, str] = {}
    for name, value in pairs:
        if name in values and name in {"code", "state", "error", "error_reason", "error_description"}:
            raise _invalid(f"the address repeats the {name} parameter")
        values[name] = value
    state = values.get("state") or None
    if state is not None and not _STATE_RE.fullmatch(state):
        raise _invalid("the address has a malformed state")
    error = values.get("error") or None
    code = values.get("code") or None
    if error is not None:
        if code is not None:
            raise _invalid("the address has both a code and an error")
        if not _ERROR_RE.fullmatch(error):
            raise _invalid("the address has a malformed error")
        reason = values.get("error_reason") or None
        if reason is not None and not _ERROR_RE.fullmatch(reason):
            reason = None
        return CallbackResult(
            state=state,
            code=None,
            error=error,
            error_reason=reason,
            error_description=_clean_description(values.get("error_description")),
        )
    if code is None:
        raise _invalid("the address has no code")
    if not _CODE_RE.fullmatch(code):
        raise _invalid("the address has a malformed code")
    if state is None:
        raise _invalid("the address has no state")
    return CallbackResult(state=state, code=SecretStr(code))


def parse_callback_url(text: str, expected_redirect_uri: str) -> CallbackResult:
    """The callback in a pasted address: full URL, URL without scheme, path, or bare query string.

    A full address must point at ``expected_redirect_uri`` (same scheme, host, port and path).
    """
    redirect = RedirectUri.parse(expected_redirect_uri)
    candidate = text.strip().strip(_QUOTES).strip()
    if not candidate:
        raise _invalid("nothing was pasted")
    if len(candidate) > MAX_CALLBACK_LENGTH:
        raise _invalid("the address is too long")
    if any(ch.isspace() for ch in candidate):
        raise _invalid("the address contains spaces; copy it again from the address bar")
    if candidate.startswith(("?", "#")) or _PARAM_NAME_RE.match(candidate):
        return parse_callback_query(candidate)
    head = candidate.split("?", 1)[0].split("#", 1)[0]
    if candidate.startswith("/"):
        candidate = redirect.origin + candidate
    elif "://" not in head:
        # Browsers often hide "http://" in the address bar; copies from there can lack it.
        candidate = f"{redirect.scheme}://{candidate}"
    try:
        parts = urlsplit(candidate)
        port = parts.port
    except ValueError:
        raise _invalid("the pasted text is not an address") from None
    if not parts.hostname or not redirect.same_place(parts.scheme, parts.hostname, port, parts.path):
        raise _invalid(f"the address is not for {redirect.uri}")
    return parse_callback_query(parts.query)


def _clean_description(value: str | None) -> str | None:
    if not value:
        return None
    cleaned = _CONTROL_RE.sub(" ", value).strip()
    if len(cleaned) > _MAX_DESCRIPTION:
        cleaned = cleaned[:_MAX_DESCRIPTION].rstrip() + "…"
    return cleaned or None
