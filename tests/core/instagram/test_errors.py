"""Every error shape and Graph code lands on the right catalogue code, with its structured fields."""

from __future__ import annotations

import json
import pickle

import httpx
import pytest

from desktop.core.instagram.errors import InstagramError, error_from_response, retry_after_seconds


def _graph(
    status: int, code: int, subcode: int | None = None, message: str = "m", **extra: object
) -> httpx.Response:
    error: dict[str, object] = {
        "message": message,
        "type": "OAuthException",
        "code": code,
        "fbtrace_id": "Atrace",
    }
    if subcode is not None:
        error["error_subcode"] = subcode
    error.update(extra)
    return httpx.Response(status, json={"error": error})


def _flat(message: str, status: int = 400) -> httpx.Response:
    return httpx.Response(
        status, json={"error_type": "OAuthException", "code": status, "error_message": message}
    )


@pytest.mark.parametrize(
    ("response", "code"),
    [
        (_flat("Matching code was not found or was already used"), "code_invalid"),
        (_flat("This authorization code has expired"), "code_invalid"),
        (_flat("Invalid redirect_uri"), "app_misconfigured"),
        (_flat("Error validating client secret."), "app_misconfigured"),
        (_flat("Invalid platform app"), "app_misconfigured"),
        # The words alone never decide: only the code exchange reads a bare refusal as a Personal account.
        (_flat("Personal accounts can't use the Instagram API."), "provider_error"),
        (_flat("Something else"), "provider_error"),
        (_flat("Internal", status=500), "network_error"),
        (
            httpx.Response(
                400, json={"error": "invalid_request", "error_description": "Invalid redirect_uri"}
            ),
            "app_misconfigured",
        ),
        (_graph(400, 190), "needs_reconnect"),
        (_graph(400, 190, 463), "needs_reconnect"),
        (_graph(400, 190, 460), "needs_reconnect"),
        (_graph(400, 190, 458), "needs_reconnect"),
        (_graph(400, 190, 467), "needs_reconnect"),
        (_graph(400, 190, 459), "checkpoint_required"),
        (_graph(400, 102), "needs_reconnect"),
        (_graph(400, 10), "missing_permission"),
        (_graph(403, 200), "missing_permission"),
        (_graph(403, 299), "missing_permission"),
        (_graph(400, 4), "rate_limited"),
        (_graph(400, 17), "rate_limited"),
        (_graph(400, 32), "rate_limited"),
        (_graph(400, 613), "rate_limited"),
        (_graph(403, 80002), "rate_limited"),
        (_graph(500, 1), "network_error"),
        (_graph(503, 2), "network_error"),
        (_graph(500, 999), "network_error"),
        (_graph(400, 1, message="Error validating client secret."), "app_misconfigured"),
        (_graph(400, 101, message="Error validating client secret."), "app_misconfigured"),
        (_graph(400, 100), "provider_error"),
        (_graph(400, 2500), "provider_error"),
        (_graph(400, 368, is_transient=True), "network_error"),
        (httpx.Response(502, text="<html>Bad Gateway</html>"), "network_error"),
        (httpx.Response(403, text="<html>captive portal</html>"), "network_error"),
        (httpx.Response(503, content=b""), "network_error"),
        (httpx.Response(429, text="slow down"), "rate_limited"),
        (httpx.Response(400, json={"unexpected": True}), "provider_error"),
        (httpx.Response(500, json={"unexpected": True}), "network_error"),
    ],
)
def test_mapping(response: httpx.Response, code: str) -> None:
    assert error_from_response(response).code == code


def test_graph_fields_are_kept() -> None:
    error = error_from_response(_graph(400, 190, 463))

    assert (error.graph_code, error.graph_subcode, error.fbtrace_id, error.http_status) == (
        190,
        463,
        "Atrace",
        400,
    )
    assert "Graph code 190/463" in error.detail
    assert "Atrace" in error.detail


def test_missing_permission_names_the_permission() -> None:
    error = error_from_response(
        _graph(403, 200, message="(#200) Requires instagram_business_content_publish permission")
    )

    assert error.permissions == ("instagram_business_content_publish",)
    assert "instagram_business_content_publish" in str(error)


def test_rate_limit_reads_the_business_use_case_header() -> None:
    usage = {"1784": [{"type": "instagram", "call_count": 100, "estimated_time_to_regain_access": 5}]}
    response = httpx.Response(
        400,
        json={"error": {"message": "limit", "code": 4}},
        headers={"X-Business-Use-Case-Usage": json.dumps(usage)},
    )

    error = error_from_response(response)

    assert error.code == "rate_limited"
    assert error.retry_after_seconds == 300


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        (
            {
                "x-business-use-case-usage": '{"a":[{"estimated_time_to_regain_access":2}],"b":[{"estimated_time_to_regain_access":7}]}'
            },
            420,
        ),
        ({"x-business-use-case-usage": '{"a":[{"estimated_time_to_regain_access":0}]}'}, 0),
        ({"x-business-use-case-usage": "not json", "retry-after": "30"}, 30),
        ({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}, None),
        ({}, None),
    ],
)
def test_retry_after(headers: dict[str, str], seconds: int | None) -> None:
    assert retry_after_seconds(httpx.Headers(headers)) == seconds


def test_the_header_trace_id_is_used_when_the_body_has_none() -> None:
    response = httpx.Response(
        400, json={"error": {"message": "m", "code": 100}}, headers={"x-fb-trace-id": "Hdr"}
    )

    assert error_from_response(response).fbtrace_id == "Hdr"


def test_unexpected_messages_are_redacted_and_shortened() -> None:
    message = "Bad thing with access_token=IGAAabcdefghijklmnopqrstuvwxyz " + "x" * 500
    error = error_from_response(_graph(400, 100, message=message))

    assert "IGAAabcdefghijklmnop" not in str(error)
    assert len(error.detail) < 260


def test_known_errors_carry_no_provider_message() -> None:
    error = error_from_response(_graph(400, 190, message="Error validating access token for IGAAsomething"))

    assert "validating" not in str(error)


def test_pickling_keeps_the_fields() -> None:
    error = InstagramError("rate_limited", "d", graph_code=4, retry_after_seconds=60, permissions=("p",))

    copy = pickle.loads(pickle.dumps(error))

    assert (copy.code, copy.detail, copy.graph_code, copy.retry_after_seconds, copy.permissions) == (
        "rate_limited",
        "d",
        4,
        60,
        ("p",),
    )
    assert copy.retryable
