"""Reading Facebook's Graph answers in the documented and the observed shapes.

Known differences handled both ways: the long-lived exchange may omit ``expires_in``; the nested
``instagram_business_account{…}`` may come with the fields asked for or with its ``id`` only (then
the account is read with ``/{ig-user-id}``); ids may be text or JSON numbers; the last page of a list
may or may not repeat ``paging.cursors.after`` (only ``paging.next`` means more); revoking answers
``true`` or ``{"success": true}``. A missing or malformed field is a ``provider_error`` naming the
field, never its value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

from desktop.core.facebook.models import (
    Business,
    FacebookUser,
    LinkedAccount,
    PageEntry,
    Permissions,
    UserToken,
)
from desktop.core.instagram.errors import InstagramError
from desktop.core.instagram.graph_fields import access_token, graph_id, optional_whole_number, whole_number
from desktop.core.secrets import SecretStr


def parse_user_token(body: Any) -> UserToken:
    record = _object(body)
    expires_in = record.get("expires_in")
    token_type = record.get("token_type")
    return UserToken(
        access_token=access_token(record),
        expires_in=None if expires_in is None else whole_number(expires_in, "expires_in"),
        token_type=token_type.lower() if isinstance(token_type, str) and token_type else "bearer",
    )


def parse_user(body: Any) -> FacebookUser:
    record = _object(body)
    name = record.get("name")
    return FacebookUser(user_id=graph_id(record, "id"), name=name if isinstance(name, str) else "")


def parse_linked_account(body: Any) -> LinkedAccount:
    record = _object(body)
    picture = record.get("profile_picture_url")
    username = record.get("username")
    name = record.get("name")
    return LinkedAccount(
        ig_user_id=graph_id(record, "id"),
        username=username if isinstance(username, str) else "",
        name=name if isinstance(name, str) else "",
        profile_picture_url=picture if isinstance(picture, str) and picture else None,
        followers_count=optional_whole_number(record, "followers_count"),
        media_count=optional_whole_number(record, "media_count"),
    )


def parse_page(record: Any, *, business_name: str = "") -> PageEntry:
    if not isinstance(record, dict):
        raise InstagramError("provider_error", "a Page in the list is not an object")
    token = record.get("access_token")
    name = record.get("name")
    linked = record.get("instagram_business_account")
    return PageEntry(
        page_id=graph_id(record, "id"),
        name=name if isinstance(name, str) else "",
        access_token=SecretStr(token) if isinstance(token, str) and token else None,
        linked=parse_linked_account(linked) if isinstance(linked, dict) else None,
        business_name=business_name,
    )


def parse_list(body: Any) -> tuple[list[Any], str | None]:
    """A Graph list: its items and the ``after`` cursor when (and only when) more pages follow."""
    record = _object(body)
    data = record.get("data")
    if not isinstance(data, list):
        raise InstagramError("provider_error", "list answer has no data array")
    paging = record.get("paging")
    if not isinstance(paging, dict) or not isinstance(paging.get("next"), str) or not paging["next"]:
        return data, None
    cursors = paging.get("cursors")
    after = cursors.get("after") if isinstance(cursors, dict) else None
    if not isinstance(after, str) or not after:
        found = parse_qs(urlsplit(paging["next"]).query).get("after")
        after = found[0] if found else None
    if not after:
        raise InstagramError("provider_error", "list answer says more follows but gives no cursor")
    return data, after


def parse_business(record: Any) -> Business:
    if not isinstance(record, dict):
        raise InstagramError("provider_error", "a business in the list is not an object")
    name = record.get("name")
    return Business(business_id=graph_id(record, "id"), name=name if isinstance(name, str) else "")


def parse_permissions(body: Any) -> Permissions:
    data, _after = parse_list(body)
    granted: list[str] = []
    declined: list[str] = []
    for item in data:
        if not isinstance(item, dict) or not isinstance(item.get("permission"), str):
            raise InstagramError("provider_error", "a permission entry has no name")
        status = item.get("status")
        (granted if status == "granted" else declined).append(item["permission"])
    return Permissions(tuple(dict.fromkeys(granted)), tuple(dict.fromkeys(declined)))


def parse_success(body: Any) -> None:
    """``true`` (documented), ``{"success": true}`` (seen), or None after a retried request."""
    if body is None or body is True:
        return
    if isinstance(body, dict) and body.get("success") in (True, "true"):
        return
    raise InstagramError("provider_error", "revoke answer did not confirm success")


def _object(body: Any) -> Mapping[str, Any]:
    if isinstance(body, dict):
        return body
    raise InstagramError("provider_error", "answer was not a JSON object")
