from __future__ import annotations

import pytest

from desktop.core.errors import SocialdeskError
from desktop.core.oauth.redirect_uri import RedirectUri


def test_default_redirect_uri() -> None:
    uri = RedirectUri.parse("http://localhost:8765/callback/")
    assert (uri.scheme, uri.host, uri.port, uri.path) == ("http", "localhost", 8765, "/callback/")
    assert uri.host_header == "localhost:8765"
    assert uri.origin == "http://localhost:8765"
    assert uri.is_loopback


def test_port_left_out_means_the_scheme_default_and_no_port_in_host() -> None:
    uri = RedirectUri.parse("http://127.0.0.1/cb")
    assert uri.port == 80
    assert uri.host_header == "127.0.0.1"


def test_ipv6_literal_keeps_brackets_in_host_header() -> None:
    uri = RedirectUri.parse("http://[::1]:9000/callback")
    assert uri.host == "::1"
    assert uri.host_header == "[::1]:9000"
    assert uri.is_loopback


def test_host_is_compared_in_lower_case() -> None:
    uri = RedirectUri.parse("http://LocalHost:8765/callback/")
    assert uri.host == "localhost"
    assert uri.same_place("HTTP", "LOCALHOST", 8765, "/callback/")


def test_non_loopback_host_is_not_loopback() -> None:
    assert not RedirectUri.parse("https://example.com/callback/").is_loopback


@pytest.mark.parametrize(
    "bad",
    [
        "ftp://localhost:8765/callback/",
        "localhost:8765/callback/",
        "http://localhost:8765/callback/?x=1",
        "http://localhost:8765/callback/#frag",
        "http://user:pw@localhost:8765/callback/",
        "http://localhost:0/callback/",
        "http://localhost:notaport/callback/",
        "http://[::1/callback/",
        "",
    ],
)
def test_unusable_redirect_uris_are_app_misconfigured(bad: str) -> None:
    with pytest.raises(SocialdeskError) as refused:
        RedirectUri.parse(bad)
    assert refused.value.code == "app_misconfigured"


@pytest.mark.parametrize(
    ("scheme", "host", "port", "path", "same"),
    [
        ("http", "localhost", 8765, "/callback/", True),
        ("http", "localhost", 8765, "/callback", False),
        ("http", "localhost", 8766, "/callback/", False),
        ("http", "127.0.0.1", 8765, "/callback/", False),
        ("https", "localhost", 8765, "/callback/", False),
        ("http", "localhost", None, "/callback/", False),
    ],
)
def test_same_place_is_exact(scheme: str, host: str, port: int | None, path: str, same: bool) -> None:
    uri = RedirectUri.parse("http://localhost:8765/callback/")
    assert uri.same_place(scheme, host, port, path) is same


def test_default_port_matches_when_left_out() -> None:
    uri = RedirectUri.parse("http://localhost/callback/")
    assert uri.same_place("http", "localhost", None, "/callback/")
    assert uri.same_place("http", "localhost", 80, "/callback/")
