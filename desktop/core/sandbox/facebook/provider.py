"""Facebook Login for Business and the Graph endpoints Socialdesk uses, without the HTTP.

Strict where Meta is or may be: redirect URIs match exactly and must be https unless the app is in
Development Mode; codes live ten minutes and work once (Graph code 100 with subcodes 36007, 36008,
36009); a declined permission is not asked again unless ``auth_type=rerequest``; unticked Pages are
left out of every answer; ``/me/businesses`` needs ``business_management``; a Page token made from a
short-lived user token lives an hour, one from a long-lived user token has no timer but dies with the
grant (190/458), a password change (190/460) or the loss of the Page role (190/467).

The ``shape`` knob covers what is unconfirmed: ``documented`` gives the nested account's fields as
asked, ``expires_in`` on every exchange and ``true`` for a revoke; ``observed`` gives the nested
account's id only, omits ``expires_in`` on the long-lived exchange and answers ``{"success": true}``.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode, urlsplit

from desktop.core.clock import Clock
from desktop.core.facebook.scopes import BUSINESS_MANAGEMENT, INSTAGRAM_BASIC, KNOWN_SCOPES, PAGES_SHOW_LIST
from desktop.core.sandbox.consent import render_error
from desktop.core.sandbox.facebook import people
from desktop.core.sandbox.facebook.browser_session import REAUTHENTICATE_NOTICE, BrowserSessions
from desktop.core.sandbox.facebook.dialog import render_dialog
from desktop.core.sandbox.facebook.state import CodeRecord, FacebookState, GrantRecord, TokenRecord
from desktop.core.sandbox.replies import Reply, graph_error, html_reply, json_reply, redirect
from desktop.core.sandbox.state import fingerprint

Params = Mapping[str, Sequence[str]]

CODE_LIFETIME = timedelta(minutes=10)
SHORT_LIVED = timedelta(hours=1)
LONG_LIVED = timedelta(days=60)
SHAPES = ("documented", "observed")
CANNOT_PARSE = "Invalid OAuth access token - Cannot parse access token"


class FacebookProvider:
    """Thread-safe: every request runs under one lock and saves the state it changed."""

    def __init__(self, state: FacebookState, clock: Clock, base_url: Callable[[], str], version: str) -> None:
        self._state = state
        self._clock = clock
        self._base_url = base_url
        self._version = version
        self._lock = threading.RLock()
        self.shape = "observed"
        self.development_mode = False
        self.page_size = 2
        self.app_name = "Socialdesk"
        self.browsers = BrowserSessions(state.browser_sessions)

    @property
    def client_id(self) -> str:
        return self._state.client_id

    @property
    def redirect_uris(self) -> tuple[str, ...]:
        with self._lock:
            return tuple(self._state.redirect_uris)

    def set_shape(self, shape: str) -> None:
        if shape not in SHAPES:
            raise ValueError(f"shape must be one of {', '.join(SHAPES)}")
        self.shape = shape

    def register_redirect_uri(self, uri: str) -> None:
        with self._lock:
            if uri not in self._state.redirect_uris:
                self._state.redirect_uris.append(uri)
                self._state.save()

    def set_client_secret(self, secret: str) -> None:
        with self._lock:
            self._state.secret_sha256 = fingerprint(secret)
            self._state.save()

    # -- scenario events (control API) --------------------------------------------------------------

    def person_event(self, handle: str, event: str, page_id: str = "") -> None:
        """``password_changed``, ``app_removed`` (from Facebook's settings) or ``role_removed``."""
        with self._lock:
            person = people.person_by_handle(handle)
            if person is None:
                raise ValueError("no such test person")
            now = self._now()
            if event == "app_removed":
                self._revoke(person.user_id, now)
            elif event == "password_changed":
                grant = self._state.grants.get(person.user_id)
                if grant is not None:
                    grant.password_changed_at = now
            elif event == "role_removed":
                grant = self._state.grants.get(person.user_id)
                if grant is not None and page_id not in grant.lost_pages:
                    grant.lost_pages.append(page_id)
            else:
                raise ValueError("event must be password_changed, app_removed or role_removed")
            self._state.save()

    def token_status(self, token: str) -> dict[str, Any]:
        with self._lock:
            record = self._state.tokens.get(fingerprint(token))
            if record is None:
                return {"status": "unknown"}
            checked = self._check(record)
            status = "active" if checked is None else ("revoked" if record.revoked_at else "dead")
            return {
                "status": status,
                "kind": record.kind,
                "user_id": record.user_id,
                "page_id": record.page_id,
            }

    def revoked_count(self) -> int:
        with self._lock:
            return sum(1 for record in self._state.tokens.values() if record.revoked_at is not None)

    # -- the dialog -------------------------------------------------------------------------------

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
            params = {**form, "scope": [_first(form, "requested_scopes") or ""]}
            request = self._validate_dialog(params)
            if isinstance(request, Reply):
                return request
            action = _first(form, "action")
            if action == "deny":
                return redirect(
                    _back(
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
            person = signed_in or people.person_by_handle(_first(form, "account") or "")
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
            reply = redirect(_back(request, {"code": code}))
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
        if _first(params, "client_id") != self._state.client_id:
            return html_reply(
                400, render_error("Invalid App ID", "The provided app ID does not look like a valid app ID.")
            )
        redirect_uri = _first(params, "redirect_uri") or ""
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
        if _first(params, "response_type") not in (None, "code"):
            return html_reply(400, render_error("Invalid Request", "response_type must be 'code'."))
        raw = (_first(params, "scope") or "").replace(" ", ",")
        scopes = list(dict.fromkeys(s.strip() for s in raw.split(",") if s.strip()))
        invalid = [s for s in scopes if s not in KNOWN_SCOPES]
        if invalid or not scopes:
            listed = ", ".join(invalid) if invalid else "(none requested)"
            return html_reply(400, render_error("Invalid Scopes", f"Invalid Scopes: {listed}."))
        auth_type = _first(params, "auth_type") or ""
        if auth_type not in {"", "rerequest", "reauthenticate"}:
            auth_type = ""
        return {
            "client_id": self._state.client_id,
            "redirect_uri": redirect_uri,
            "scopes": scopes,
            "state": _first(params, "state"),
            "auth_type": auth_type,
        }

    # -- tokens -----------------------------------------------------------------------------------

    def access_token(self, params: Params) -> Reply:
        with self._lock:
            if _first(params, "client_id") != self._state.client_id:
                return graph_error(400, 101, "Error validating application. Invalid application ID.")
            if not self._state.secret_matches(_first(params, "client_secret") or ""):
                return graph_error(400, 1, "Error validating client secret.")
            if _first(params, "grant_type") == "fb_exchange_token":
                return self._long_lived(_first(params, "fb_exchange_token") or "")
            code = (_first(params, "code") or "").removesuffix("#_=_")
            if not code:
                return graph_error(400, 100, "Missing authorization code")
            if not _first(params, "redirect_uri"):
                return graph_error(400, 100, "Missing redirect_uri parameter.")
            digest = fingerprint(code)
            record = self._state.codes.get(digest)
            now = self._clock.now()
            if record is None:
                return graph_error(400, 100, "Invalid verification code format.")
            if record.used_at is not None:
                return graph_error(400, 100, "This authorization code has been used.", subcode=36009)
            if now - datetime.fromisoformat(record.issued_at) >= CODE_LIFETIME:
                return graph_error(400, 100, "This authorization code has expired.", subcode=36007)
            if _first(params, "redirect_uri") != record.redirect_uri:
                return graph_error(
                    400,
                    100,
                    "Error validating verification code. Please make sure your redirect_uri is identical to the "
                    "one you used in the OAuth dialog request",
                    subcode=36008,
                )
            record.used_at = now.isoformat()
            token = self._issue("user_short", record.user_id, now + SHORT_LIVED)
            self._state.save()
            return json_reply(
                200,
                {
                    "access_token": token,
                    "token_type": "bearer",
                    "expires_in": int(SHORT_LIVED.total_seconds()),
                },
            )

    def _long_lived(self, token: str) -> Reply:
        record = self._authenticate(token)
        if isinstance(record, Reply):
            return record
        if record.kind == "page":
            return graph_error(400, 100, "Only a user access token can be exchanged")
        now = self._clock.now()
        issued = self._issue("user_long", record.user_id, now + LONG_LIVED)
        self._state.save()
        payload: dict[str, Any] = {"access_token": issued, "token_type": "bearer"}
        if self.shape == "documented":
            payload["expires_in"] = int(LONG_LIVED.total_seconds())
        return json_reply(200, payload)

    def _issue(self, kind: str, user_id: str, expires_at: datetime | None, page_id: str | None = None) -> str:
        now = self._clock.now()
        return self._state.add_token(
            TokenRecord(
                kind, user_id, now.isoformat(), expires_at.isoformat() if expires_at else None, page_id
            )
        )

    # -- Graph ------------------------------------------------------------------------------------

    def graph_get(self, path: str, params: Params) -> Reply:
        with self._lock:
            token = _first(params, "access_token") or ""
            record = self._authenticate(token)
            if isinstance(record, Reply):
                return record
            grant = self._state.grants[record.user_id]
            parts = path.strip("/").split("/")
            fields = _fields(_first(params, "fields") or "")
            if parts == ["me"]:
                if record.kind == "page":
                    page = _page(record.page_id or "")
                    return json_reply(200, {"id": record.page_id, "name": page.name if page else ""})
                person = people.person_by_id(record.user_id)
                return json_reply(200, {"id": record.user_id, "name": person.name if person else ""})
            if record.kind == "page" and parts[:1] == ["me"]:
                return graph_error(
                    400, 100, f"(#100) Tried accessing nonexisting field ({parts[1]}) on node type (Page)"
                )
            if parts == ["me", "permissions"]:
                data = [{"permission": s, "status": "granted"} for s in grant.granted]
                data += [{"permission": s, "status": "declined"} for s in grant.declined]
                return json_reply(200, {"data": data})
            if parts == ["me", "accounts"]:
                person = people.person_by_id(record.user_id)
                direct = person.pages if person and PAGES_SHOW_LIST in grant.granted else ()
                items = [self._page_json(p, record, fields) for p in direct if p.page_id in grant.pages]
                return self._paged(path, params, items)
            if parts == ["me", "businesses"] or (
                len(parts) == 2 and parts[1] in {"owned_pages", "client_pages"}
            ):
                if BUSINESS_MANAGEMENT not in grant.granted:
                    return graph_error(
                        400, 200, "(#200) Requires business_management permission to manage the object"
                    )
                person = people.person_by_id(record.user_id)
                businesses = person.businesses if person else ()
                if parts[0] == "me":
                    return self._paged(
                        path, params, [{"id": b.business_id, "name": b.name} for b in businesses]
                    )
                business = next((b for b in businesses if b.business_id == parts[0]), None)
                if business is None:
                    return _no_object(parts[0])
                edge = business.owned_pages if parts[1] == "owned_pages" else business.client_pages
                items = [self._page_json(p, record, fields) for p in edge if p.page_id in grant.pages]
                return self._paged(path, params, items)
            if len(parts) == 1 and parts[0].isdigit():
                return self._ig_user(parts[0], record, grant, fields)
            return graph_error(
                400, 100, f"Unsupported get request. Object with ID '{parts[0]}' does not exist"
            )

    def _ig_user(
        self, ig_user_id: str, record: TokenRecord, grant: GrantRecord, fields: dict[str, Any]
    ) -> Reply:
        reachable = [
            page
            for page in _person_pages(record.user_id)
            if page.page_id in grant.pages
            and page.linked is not None
            and page.linked.ig_user_id == ig_user_id
            and (record.kind != "page" or record.page_id == page.page_id)
        ]
        if not reachable:
            return _no_object(ig_user_id)
        if INSTAGRAM_BASIC not in grant.granted:
            return graph_error(400, 10, "(#10) Application does not have permission for this action")
        account = reachable[0].linked
        assert account is not None
        return json_reply(200, _ig_json(account, fields or {"id": None}, self._picture(account.username)))

    def _page_json(self, page: people.Page, record: TokenRecord, fields: dict[str, Any]) -> dict[str, Any]:
        wanted = fields or {"id": None, "name": None}
        item: dict[str, Any] = {}
        if "id" in wanted:
            item["id"] = page.page_id
        if "name" in wanted:
            item["name"] = page.name
        if "access_token" in wanted:
            expires = None if record.kind == "user_long" else self._clock.now() + SHORT_LIVED
            item["access_token"] = self._issue("page", record.user_id, expires, page.page_id)
            self._state.save()
        if "instagram_business_account" in wanted and page.linked is not None:
            sub = wanted["instagram_business_account"] or {"id": None}
            if self.shape == "observed":
                sub = {"id": None}
            item["instagram_business_account"] = _ig_json(
                page.linked, sub, self._picture(page.linked.username)
            )
        item.setdefault("id", page.page_id)
        return item

    def _paged(self, path: str, params: Params, items: list[dict[str, Any]]) -> Reply:
        limit_text = _first(params, "limit") or "25"
        limit = max(1, min(int(limit_text) if limit_text.isdigit() else 25, self.page_size))
        start = _decode_cursor(_first(params, "after"))
        chunk = items[start : start + limit]
        body: dict[str, Any] = {"data": chunk}
        if chunk:
            body["paging"] = {"cursors": {"before": _cursor(start), "after": _cursor(start + len(chunk))}}
            if start + len(chunk) < len(items):
                query = {k: v[0] for k, v in params.items() if k not in {"access_token", "after"} and v}
                query["after"] = _cursor(start + len(chunk))
                body["paging"]["next"] = (
                    f"{self._base_url()}/{self._version}/{path.strip('/')}?{urlencode(query)}"
                )
        return json_reply(200, body)

    def delete_permissions(self, path: str, params: Params) -> Reply:
        """``DELETE /me/permissions`` with the person's token, or ``/{user-id}/permissions`` with the app's."""
        with self._lock:
            token = _first(params, "access_token") or ""
            parts = path.strip("/").split("/")
            if len(parts) != 2 or parts[1] != "permissions":
                return graph_error(400, 100, "Unsupported delete request.")
            if parts[0] == "me" or "|" not in token:
                record = self._authenticate(token)
                if isinstance(record, Reply):
                    return record
                if record.kind == "page" or parts[0] not in {"me", record.user_id}:
                    return graph_error(
                        400, 100, "(#100) Revoking needs the person's user access token or the app's"
                    )
                user_id = record.user_id
            else:
                app_id, _, secret = token.partition("|")
                if app_id != self._state.client_id or not self._state.secret_matches(secret):
                    return graph_error(400, 190, CANNOT_PARSE)
                user_id = parts[0]
                if user_id not in self._state.grants:
                    return graph_error(
                        400, 100, f"(#100) The user {user_id} has not authorized the application"
                    )
            self._revoke(user_id, self._now())
            self._state.save()
            return json_reply(200, True if self.shape == "documented" else {"success": True})

    def _revoke(self, user_id: str, now: str) -> None:
        self._state.grants.pop(user_id, None)
        for record in self._state.tokens.values():
            if record.user_id == user_id and record.revoked_at is None:
                record.revoked_at = now

    def _authenticate(self, token: str) -> TokenRecord | Reply:
        if not token:
            return graph_error(400, 104, "An access token is required to request this resource.")
        record = self._state.tokens.get(fingerprint(token))
        if record is None:
            return graph_error(400, 190, CANNOT_PARSE)
        problem = self._check(record)
        return problem if problem is not None else record

    def _check(self, record: TokenRecord) -> Reply | None:
        if record.revoked_at is not None or record.user_id not in self._state.grants:
            return graph_error(
                400,
                190,
                f"Error validating access token: The user has not authorized application {self._state.client_id}.",
                subcode=458,
            )
        grant = self._state.grants[record.user_id]
        if grant.password_changed_at and grant.password_changed_at >= record.issued_at:
            return graph_error(
                400,
                190,
                "Error validating access token: The session has been invalidated because the user changed their "
                "password or Facebook has changed the session for security reasons.",
                subcode=460,
            )
        if record.kind == "page" and (
            record.page_id in grant.lost_pages or record.page_id not in grant.pages
        ):
            return graph_error(
                400, 190, "Error validating access token: The access token is invalid.", subcode=467
            )
        now = self._clock.now()
        if record.expires_at is not None and now >= datetime.fromisoformat(record.expires_at):
            return graph_error(400, 190, "Error validating access token: Session has expired.", subcode=463)
        return None

    def _now(self) -> str:
        return self._clock.now().isoformat()

    def _picture(self, username: str) -> str:
        return f"{self._base_url()}/_sandbox/media/{username}.png"


def _ig_json(account: people.IgAccount, fields: Mapping[str, Any], picture: str) -> dict[str, Any]:
    values: dict[str, Any] = {
        "id": account.ig_user_id,
        "username": account.username,
        "name": account.name,
        "profile_picture_url": picture,
        "followers_count": account.followers_count,
        "media_count": account.media_count,
    }
    result = {name: values[name] for name in fields if name in values}
    result["id"] = account.ig_user_id
    return result


def _person_pages(user_id: str) -> tuple[people.Page, ...]:
    person = people.person_by_id(user_id)
    return person.all_pages if person else ()


def _page(page_id: str) -> people.Page | None:
    for person in people.PEOPLE:
        for page in person.all_pages:
            if page.page_id == page_id:
                return page
    return None


def _no_object(object_id: str) -> Reply:
    return graph_error(
        400,
        100,
        f"Unsupported get request. Object with ID '{object_id}' does not exist, cannot be loaded due to missing "
        "permissions, or does not support this operation.",
        subcode=33,
        error_type="GraphMethodException",
    )


def _fields(text: str) -> dict[str, Any]:
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
                result[name] = _fields(text[start:i])
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


def _cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode().rstrip("=")


def _decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        return max(0, int(text.removeprefix("offset:")))
    except (ValueError, UnicodeDecodeError):
        return 0


def _first(params: Params, name: str) -> str | None:
    values = params.get(name)
    return values[0] if values else None


def _back(request: Mapping[str, Any], params: dict[str, str]) -> str:
    if request["state"] is not None:
        params = {**params, "state": request["state"]}
    uri = request["redirect_uri"]
    return f"{uri}{'&' if '?' in uri else '?'}{urlencode(params)}#_=_"
