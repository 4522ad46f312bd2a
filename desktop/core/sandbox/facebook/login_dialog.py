"""The sandbox Facebook's login dialog: Meta's checks before it, the page, and the person's decision."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from desktop.core.facebook.scopes import KNOWN_SCOPES
from desktop.core.sandbox.consent import render_error
from desktop.core.sandbox.facebook import people
from desktop.core.sandbox.facebook.browser_session import REAUTHENTICATE_NOTICE
from desktop.core.sandbox.facebook.dialog import render_dialog
from desktop.core.sandbox.facebook.params import Params, back, first
from desktop.core.sandbox.facebook.state import CodeRecord, GrantRecord
from desktop.core.sandbox.facebook.token_checks import TokenChecks
from desktop.core.sandbox.replies import Reply, html_reply, redirect


class LoginDialog(TokenChecks):
    """The dialog part of :class:`~desktop.core.sandbox.facebook.provider.FacebookProvider`."""

    def dialog_page(self, params: Params, session_id: str | None = None) -> Reply:
        """A signed-in browser continues as its person; ``auth_type=reauthenticate`` asks again."""
        with self._lock:
            request = self._validate_dialog(params)
            if isinstance(request, Reply):
                return request
            if request["auth_type"] == "reauthenticate":
                return html_reply(200, self._render(request, notice=REAUTHENTICATE_NOTICE))
            return html_reply(200, self._render(request, signed_in=self._signed_in(request, session_id)))

    def _signed_in(self, request: dict[str, Any], session_id: str | None) -> people.Person | None:
        if request["auth_type"] == "reauthenticate":
            return None
        handle = self.browsers.person(session_id)
        return people.person_by_handle(handle) if handle is not None else None

    def dialog_decide(self, form: Params, session_id: str | None = None) -> Reply:
        with self._lock:
            params = {**form, "scope": [first(form, "requested_scopes") or ""]}
            request = self._validate_dialog(params)
            if isinstance(request, Reply):
                return request
            action = first(form, "action")
            if action == "deny":
                return redirect(
                    back(
                        request,
                        {
                            "error": "access_denied",
                            "error_code": "200",
                            "error_description": "Permissions error",
                            "error_reason": "user_denied",
                        },
                    )
                )
            # A signed-in browser has no choice of person: whatever the form says, it is the session's.
            signed_in = self._signed_in(request, session_id)
            person = signed_in or people.person_by_handle(first(form, "account") or "")
            if action != "allow" or person is None:
                notice = "Choose who to continue as, then Allow."
                return html_reply(400, self._render(request, notice=notice, signed_in=signed_in))
            offered = self._offered_scopes(request, person.user_id)
            ticked = set(form.get("scope", ()))
            previous = self._state.grants.get(person.user_id)
            granted = {s for s in (previous.granted if previous else []) if s not in request["scopes"]}
            granted |= {s for s in offered if s in ticked}
            declined = {s for s in request["scopes"] if s not in granted}
            own_pages = {page.page_id for page in person.all_pages}
            pages = [page_id for page_id in dict.fromkeys(form.get("page", ())) if page_id in own_pages]
            now = self._now()
            self._state.grants[person.user_id] = GrantRecord(
                granted=[s for s in KNOWN_SCOPES if s in granted],
                declined=[s for s in KNOWN_SCOPES if s in declined],
                pages=pages,
                granted_at=now,
            )
            self._state.purge(self._clock.now())
            code = self._state.add_code(CodeRecord(request["redirect_uri"], person.user_id, now))
            cookie = self.browsers.sign_in(session_id, person.handle)
            self._state.save()
            reply = redirect(back(request, {"code": code}))
            reply.headers["Set-Cookie"] = self.browsers.set_cookie(cookie)
            return reply

    def _offered_scopes(self, request: dict[str, Any], user_id: str) -> list[str]:
        """Without ``auth_type=rerequest`` Facebook does not ask again for what was declined."""
        previous = self._state.grants.get(user_id)
        if previous is None or request["auth_type"] == "rerequest":
            return list(request["scopes"])
        return [s for s in request["scopes"] if s not in previous.declined]

    def _render(
        self, request: dict[str, Any], notice: str = "", signed_in: people.Person | None = None
    ) -> str:
        hidden = {
            "client_id": request["client_id"],
            "redirect_uri": request["redirect_uri"],
            "response_type": "code",
            "requested_scopes": ",".join(request["scopes"]),
        }
        if request["state"] is not None:
            hidden["state"] = request["state"]
        if request["auth_type"]:
            hidden["auth_type"] = request["auth_type"]
        return render_dialog(
            app_name=self.app_name,
            action=f"/{self._version}/dialog/oauth",
            hidden=hidden,
            people=people.PEOPLE if signed_in is None else (signed_in,),
            scopes=request["scopes"],
            notice=notice,
        )

    def _validate_dialog(self, params: Params) -> dict[str, Any] | Reply:
        """Meta's checks before the dialog; a failure is an error screen, never a redirect."""
        if first(params, "client_id") != self._state.client_id:
            return html_reply(
                400, render_error("Invalid App ID", "The provided app ID does not look like a valid app ID.")
            )
        redirect_uri = first(params, "redirect_uri") or ""
        if redirect_uri not in self._state.redirect_uris:
            return html_reply(
                400,
                render_error(
                    "URL blocked",
                    "This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth "
                    "Settings. Make sure that the client and web OAuth logins are on and add all your app domains "
                    "as valid OAuth redirect URIs.",
                ),
            )
        if urlsplit(redirect_uri).scheme != "https" and not self.development_mode:
            return html_reply(
                400,
                render_error(
                    "Insecure Login Blocked",
                    "You can't get an access token or log in to this app from an insecure page. Try re-loading "
                    "the page as https://",
                ),
            )
        if first(params, "response_type") not in (None, "code"):
            return html_reply(400, render_error("Invalid Request", "response_type must be 'code'."))
        raw = (first(params, "scope") or "").replace(" ", ",")
        scopes = list(dict.fromkeys(s.strip() for s in raw.split(",") if s.strip()))
        invalid = [s for s in scopes if s not in KNOWN_SCOPES]
        if invalid or not scopes:
            listed = ", ".join(invalid) if invalid else "(none requested)"
            return html_reply(400, render_error("Invalid Scopes", f"Invalid Scopes: {listed}."))
        auth_type = first(params, "auth_type") or ""
        if auth_type not in {"", "rerequest", "reauthenticate"}:
            auth_type = ""
        return {
            "client_id": self._state.client_id,
            "redirect_uri": redirect_uri,
            "scopes": scopes,
            "state": first(params, "state"),
            "auth_type": auth_type,
        }
