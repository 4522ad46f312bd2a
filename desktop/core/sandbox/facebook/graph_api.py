"""The sandbox Facebook's Graph reads (``/me``, permissions, Pages, businesses, Instagram accounts)
and ``DELETE …/permissions``."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from desktop.core.facebook.scopes import BUSINESS_MANAGEMENT, INSTAGRAM_BASIC, PAGES_SHOW_LIST
from desktop.core.sandbox.facebook import people
from desktop.core.sandbox.facebook.graph_objects import ig_json, no_object, page_by_id, person_pages
from desktop.core.sandbox.facebook.params import Params, decode_cursor, encode_cursor, first, parse_fields
from desktop.core.sandbox.facebook.state import GrantRecord, TokenRecord
from desktop.core.sandbox.facebook.token_checks import CANNOT_PARSE, SHORT_LIVED, TokenChecks
from desktop.core.sandbox.replies import Reply, graph_error, json_reply


class GraphApi(TokenChecks):
    """The Graph part of :class:`~desktop.core.sandbox.facebook.provider.FacebookProvider`."""

    def graph_get(self, path: str, params: Params) -> Reply:
        with self._lock:
            token = first(params, "access_token") or ""
            record = self._authenticate(token)
            if isinstance(record, Reply):
                return record
            grant = self._state.grants[record.user_id]
            parts = path.strip("/").split("/")
            fields = parse_fields(first(params, "fields") or "")
            if parts == ["me"]:
                if record.kind == "page":
                    page = page_by_id(record.page_id or "")
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
                    return no_object(parts[0])
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
            for page in person_pages(record.user_id)
            if page.page_id in grant.pages
            and page.linked is not None
            and page.linked.ig_user_id == ig_user_id
            and (record.kind != "page" or record.page_id == page.page_id)
        ]
        if not reachable:
            return no_object(ig_user_id)
        if INSTAGRAM_BASIC not in grant.granted:
            return graph_error(400, 10, "(#10) Application does not have permission for this action")
        account = reachable[0].linked
        assert account is not None
        return json_reply(200, ig_json(account, fields or {"id": None}, self._picture(account.username)))

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
            item["instagram_business_account"] = ig_json(
                page.linked, sub, self._picture(page.linked.username)
            )
        item.setdefault("id", page.page_id)
        return item

    def _paged(self, path: str, params: Params, items: list[dict[str, Any]]) -> Reply:
        limit_text = first(params, "limit") or "25"
        limit = max(1, min(int(limit_text) if limit_text.isdigit() else 25, self.page_size))
        start = decode_cursor(first(params, "after"))
        chunk = items[start : start + limit]
        body: dict[str, Any] = {"data": chunk}
        if chunk:
            body["paging"] = {
                "cursors": {"before": encode_cursor(start), "after": encode_cursor(start + len(chunk))}
            }
            if start + len(chunk) < len(items):
                query = {k: v[0] for k, v in params.items() if k not in {"access_token", "after"} and v}
                query["after"] = encode_cursor(start + len(chunk))
                body["paging"]["next"] = (
                    f"{self._base_url()}/{self._version}/{path.strip('/')}?{urlencode(query)}"
                )
        return json_reply(200, body)

    def delete_permissions(self, path: str, params: Params) -> Reply:
        """``DELETE /me/permissions`` with the person's token, or ``/{user-id}/permissions`` with the app's."""
        with self._lock:
            token = first(params, "access_token") or ""
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

    def _picture(self, username: str) -> str:
        return f"{self._base_url()}/_sandbox/media/{username}.png"
