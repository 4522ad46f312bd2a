"""Both shapes of Facebook's answers, and what is refused, without the network."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.core.facebook import parsing
from desktop.core.facebook.errors import refine
from desktop.core.instagram.errors import InstagramError


def test_list_continues_only_when_next_is_given() -> None:
    last = {"data": [{"id": "1"}], "paging": {"cursors": {"before": "a", "after": "b"}}}
    assert parsing.parse_list(last) == ([{"id": "1"}], None)
    more = {"data": [], "paging": {"cursors": {"after": "c2"}, "next": "https://graph/x?after=c2"}}
    assert parsing.parse_list(more)[1] == "c2"
    from_next = {"data": [], "paging": {"next": "https://graph/x?limit=2&after=QVFI"}}
    assert parsing.parse_list(from_next)[1] == "QVFI"
    with pytest.raises(InstagramError, match="no cursor"):
        parsing.parse_list({"data": [], "paging": {"next": "https://graph/x"}})
    with pytest.raises(InstagramError, match="no data array"):
        parsing.parse_list({"paging": {}})


def test_page_with_nested_account_in_full_or_as_id_only() -> None:
    full = parsing.parse_page(
        {
            "id": "201",
            "name": "Acme",
            "access_token": "EAAxyz",
            "instagram_business_account": {"id": Decimal("17841400000000101"), "username": "acme"},
        }
    )
    assert full.linked is not None and (full.linked.ig_user_id, full.linked.username) == (
        "17841400000000101",
        "acme",
    )
    assert full.access_token is not None and "EAAxyz" not in repr(full)
    bare = parsing.parse_page({"id": 202, "name": "Lumen", "instagram_business_account": {"id": "17841"}})
    assert bare.linked is not None and bare.linked.username == "" and bare.access_token is None
    assert parsing.parse_page({"id": "203", "name": "Bakery"}).linked is None
    with pytest.raises(InstagramError, match="usable id"):
        parsing.parse_page({"name": "no id"})


def test_user_token_with_or_without_expires_in() -> None:
    assert parsing.parse_user_token({"access_token": "EAA1", "token_type": "bearer"}).expires_in is None
    assert parsing.parse_user_token({"access_token": "EAA1", "expires_in": 5183944}).expires_in == 5183944
    with pytest.raises(InstagramError, match="access_token"):
        parsing.parse_user_token({"token_type": "bearer"})


def test_permissions_and_revoke_answers() -> None:
    body = {
        "data": [
            {"permission": "instagram_basic", "status": "granted"},
            {"permission": "instagram_content_publish", "status": "declined"},
            {"permission": "pages_show_list", "status": "expired"},
        ]
    }
    permissions = parsing.parse_permissions(body)
    assert permissions.granted == ("instagram_basic",)
    assert permissions.declined == ("instagram_content_publish", "pages_show_list")
    parsing.parse_success(True)
    parsing.parse_success({"success": True})
    with pytest.raises(InstagramError):
        parsing.parse_success(False)


@pytest.mark.parametrize(
    ("subcode", "code"),
    [(36007, "code_invalid"), (36009, "code_invalid"), (36008, "app_misconfigured"), (33, "provider_error")],
)
def test_code_errors_are_read_the_facebook_way(subcode: int, code: str) -> None:
    error = InstagramError(
        "provider_error", "HTTP 400, Graph code 100", graph_code=100, graph_subcode=subcode
    )
    refined = refine(error)
    assert (refined.code, refined.graph_subcode) == (code, subcode)
