"""Which redirect URIs the sandbox's app may register: https only, as Meta's dashboard insists.

Instagram Login takes only ``https://`` redirect URIs, localhost included (docs/https-redirect.md).
A Facebook app in Development Mode also accepts ``http://localhost``; the ``allow_http_localhost``
knob models that. A URI registered while the knob was on stops working once it is off, so the
strict reading always wins.
"""

from __future__ import annotations

from urllib.parse import urlsplit

_LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
HTTP_REFUSED = (
    "Insecure redirect URI: {uri} was not saved. Instagram Login accepts only https:// redirect URIs, "
    "localhost included (for example https://localhost:8765/callback/). To model a Facebook app in "
    'Development Mode, allow http://localhost first: POST /_sandbox/redirect-policy {{"allow_http_localhost": true}}.'
)


class RedirectRefused(ValueError):
    """The dashboard's refusal to save a redirect URI; the message says why and what to do."""


def check_registrable(uri: str, *, allow_http_localhost: bool) -> None:
    """Raise :class:`RedirectRefused` unless ``uri`` is a redirect URI Meta would save."""
    try:
        parts = urlsplit(uri)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 - a bad port raises here
    except ValueError:
        raise RedirectRefused(f"{uri!r} is not a valid URL") from None
    if parts.scheme not in {"http", "https"} or not host:
        raise RedirectRefused(f"{uri!r} is not an http(s) URL with a host")
    if parts.fragment or "#" in uri:
        raise RedirectRefused("a redirect URI cannot have a fragment")
    if parts.scheme == "http" and not (allow_http_localhost and host in _LOOPBACK):
        raise RedirectRefused(HTTP_REFUSED.format(uri=uri))


def usable(uri: str, *, allow_http_localhost: bool) -> bool:
    """Whether a registered URI may be redirected to under the current policy."""
    try:
        check_registrable(uri, allow_http_localhost=allow_http_localhost)
    except RedirectRefused:
        return False
    return True
