"""httpx's own log lines carry URLs with tokens; the filter masks them before any handler sees them."""

from __future__ import annotations

import logging

import pytest

from desktop.core.instagram.http import RedactingFilter, install_log_redaction, new_http_client


def test_httpx_request_lines_are_masked(caplog: pytest.LogCaptureFixture) -> None:
    install_log_redaction()
    caplog.set_level(logging.DEBUG, logger="httpx")
    url = "https://graph.instagram.com/access_token?client_secret=abc123def456&access_token=IGAAabcdefghijklmnopqrst"

    logging.getLogger("httpx").info('HTTP Request: %s %s "%s"', "GET", url, "HTTP/1.1 200 OK")

    (record,) = caplog.records
    assert "abc123def456" not in caplog.text
    assert "IGAAabcdefghijklmnopqrst" not in caplog.text
    assert "HTTP Request: GET https://graph.instagram.com/access_token?" in record.getMessage()


def test_installing_twice_adds_one_filter() -> None:
    install_log_redaction()
    install_log_redaction()

    for name in ("httpx", "httpcore.http11", "httpcore.connection"):
        filters = [f for f in logging.getLogger(name).filters if isinstance(f, RedactingFilter)]
        assert len(filters) == 1


def test_new_http_client_has_explicit_timeouts_and_follows_no_redirects() -> None:
    with new_http_client(7.5) as client:
        assert client.timeout.read == 7.5
        assert client.timeout.connect == 7.5
        assert not client.follow_redirects
    with new_http_client(60.0) as client:
        assert client.timeout.connect == 10.0
