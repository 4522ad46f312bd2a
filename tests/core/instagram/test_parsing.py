"""Both answer shapes parse to the same values; ids never pass through a float."""

from __future__ import annotations

import pytest

from desktop.core.instagram.errors import InstagramError
from desktop.core.instagram.parsing import (
    DEFAULT_LONG_LIVED_SECONDS,
    load_json,
    parse_long_lived,
    parse_permissions,
    parse_profile,
    parse_short_lived,
)

BIG = "28044336998528158"  # a float would make it 28044336998528160


def test_observed_short_lived_keeps_the_big_number_exact() -> None:
    body = load_json(
        b'{"access_token":"IGAAtoken1234567890","user_id":' + BIG.encode() + b',"permissions":["a","b"]}'
    )

    token = parse_short_lived(body)

    assert token.user_id == BIG
    assert token.permissions == ("a", "b")
    assert token.access_token.reveal() == "IGAAtoken1234567890"
    assert "IGAAtoken" not in repr(token)


def test_documented_short_lived() -> None:
    body = load_json(
        b'{"data":[{"access_token":"IGAAx","user_id":"' + BIG.encode() + b'","permissions":"a,b,c"}]}'
    )

    token = parse_short_lived(body)

    assert token.user_id == BIG
    assert token.permissions == ("a", "b", "c")


def test_a_big_id_written_as_a_float_literal_stays_exact() -> None:
    body = load_json(b'{"access_token":"IGAAx","user_id":2.8044336998528158E16}')

    assert parse_short_lived(body).user_id == BIG


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a,b", ("a", "b")),
        ("a, b ,,b", ("a", "b")),
        ("a b", ("a", "b")),
        (["a", "b", "a"], ("a", "b")),
        ([], ()),
        (None, ()),
        ("", ()),
    ],
)
def test_permissions_in_any_form(value: object, expected: tuple[str, ...]) -> None:
    assert parse_permissions(value) == expected


@pytest.mark.parametrize("value", [5, ["a", 5], {"a": 1}])
def test_permissions_of_another_type_are_a_provider_error(value: object) -> None:
    with pytest.raises(InstagramError) as caught:
        parse_permissions(value)
    assert caught.value.code == "provider_error"


@pytest.mark.parametrize(
    ("raw", "seconds", "kind"),
    [
        (b'{"access_token":"IGAAx","token_type":"bearer","expires_in":5183944}', 5183944, "bearer"),
        (b'{"access_token":"IGAAx","token_type":"Bearer","expires_in":"5184000"}', 5184000, "bearer"),
        (b'{"access_token":"IGAAx"}', DEFAULT_LONG_LIVED_SECONDS, "bearer"),
    ],
)
def test_long_lived(raw: bytes, seconds: int, kind: str) -> None:
    token = parse_long_lived(load_json(raw))

    assert token.expires_in == seconds
    assert token.token_type == kind
    assert token.expires_at is None


def test_profile_flat_and_wrapped_agree() -> None:
    flat = load_json(
        b'{"user_id":"17841400008460001","id":"26160000000004201","username":"acme","name":"Acme",'
        b'"account_type":"BUSINESS","profile_picture_url":"http://p/x.png","followers_count":5,'
        b'"follows_count":"6","media_count":7}'
    )
    wrapped = load_json(
        b'{"data":[{"user_id":17841400008460001,"id":"26160000000004201","username":"acme","name":"Acme",'
        b'"account_type":"Business","profile_picture_url":"http://p/x.png","followers_count":5,'
        b'"follows_count":6,"media_count":7}]}'
    )

    assert parse_profile(flat) == parse_profile(wrapped)
    profile = parse_profile(flat)
    assert profile.user_id == "17841400008460001"
    assert profile.app_scoped_id == "26160000000004201"
    assert profile.account_type == "BUSINESS"
    assert profile.follows_count == 6
    assert profile.is_professional


@pytest.mark.parametrize(("given", "upper"), [("Media_Creator", "MEDIA_CREATOR"), ("personal", "PERSONAL")])
def test_account_type_in_any_case(given: str, upper: str) -> None:
    profile = parse_profile({"user_id": "1", "username": "u", "account_type": given})

    assert profile.account_type == upper
    assert profile.name == ""
    assert profile.profile_picture_url is None
    assert profile.followers_count is None


@pytest.mark.parametrize(
    "body",
    [
        {"user_id": "1", "username": "u"},  # no account_type
        {"user_id": "x1", "username": "u", "account_type": "BUSINESS"},
        {"user_id": True, "username": "u", "account_type": "BUSINESS"},
        {"user_id": "1", "account_type": "BUSINESS"},
        {"user_id": "1", "username": "u", "account_type": "BUSINESS", "media_count": "many"},
        [],
    ],
)
def test_malformed_profiles_are_provider_errors(body: object) -> None:
    with pytest.raises(InstagramError) as caught:
        parse_profile(body)
    assert caught.value.code == "provider_error"


def test_a_token_answer_without_token_is_a_provider_error_naming_the_field() -> None:
    with pytest.raises(InstagramError) as caught:
        parse_short_lived({"user_id": "1"})

    assert caught.value.code == "provider_error"
    assert "access_token" in caught.value.detail


def test_a_body_that_is_not_json_is_a_network_error_without_chained_text() -> None:
    with pytest.raises(InstagramError) as caught:
        load_json(b"<html>IGAAsecretlookingtoken12345</html>")

    assert caught.value.code == "network_error"
    assert caught.value.__context__ is None
    assert caught.value.__cause__ is None
