"""Who the browser is signed in to Facebook as, on the Facebook half's dialog.

As at Facebook, a browser that has signed in once continues as that person: the dialog offers no
other, and whatever account a form names, the session's person is the one who consents. Only
``auth_type=reauthenticate`` asks again who is signing in, even with the session cookie. Sessions
are kept in the sandbox's state, by fingerprint, so they outlive a restart as a browser's do.
"""

from __future__ import annotations

import secrets
from http.cookies import CookieError, SimpleCookie

from desktop.core.sandbox.state import fingerprint

#: The browser's Facebook session cookie (the www host's).
SESSION_COOKIE = "sandbox_fb_session"
REAUTHENTICATE_NOTICE = "Facebook asks you to sign in again: choose who to continue as."


def session_from_header(header: str) -> str | None:
    """The session cookie's value from a ``Cookie`` header (never logged: it signs a browser in)."""
    jar = SimpleCookie()
    try:
        jar.load(header)
    except CookieError:
        return None
    morsel = jar.get(SESSION_COOKIE)
    return morsel.value if morsel is not None and morsel.value else None


class BrowserSessions:
    """Session cookie (by fingerprint) → the signed-in person's handle; used under the provider's lock."""

    def __init__(self, people: dict[str, str]) -> None:
        self._people = people

    def person(self, session_id: str | None) -> str | None:
        return self._people.get(fingerprint(session_id)) if session_id else None

    def sign_in(self, session_id: str | None, handle: str) -> str:
        """Sign the browser in as ``handle``; returns its cookie value (a new one if it had none)."""
        if not session_id or fingerprint(session_id) not in self._people:
            session_id = secrets.token_urlsafe(32)
        self._people[fingerprint(session_id)] = handle
        return session_id

    @staticmethod
    def set_cookie(session_id: str) -> str:
        return f"{SESSION_COOKIE}={session_id}; Path=/; HttpOnly; SameSite=Lax"
