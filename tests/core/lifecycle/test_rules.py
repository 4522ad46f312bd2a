"""The status rules: which answers change a connection's status, and the words a row shows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from desktop.core.errors import SocialdeskError
from desktop.core.instagram.errors import InstagramError, error_from_response
from desktop.core.lifecycle import judge
from desktop.core.lifecycle.rules import (
    DEAD,
    PERMISSION,
    RATE_LIMITED,
    TRANSIENT,
    dead_reason,
    expired_reason,
    missing_permission_reason,
)


def graph(
    code: int,
    subcode: int | None = None,
    *,
    status: int = 400,
    message: str = "m",
    headers: dict[str, str] | None = None,
) -> InstagramError:
    error: dict[str, object] = {"message": message, "type": "OAuthException", "code": code, "fbtrace_id": "T"}
    if subcode is not None:
        error["error_subcode"] = subcode
    return error_from_response(httpx.Response(status, json={"error": error}, headers=headers or {}))


@pytest.mark.parametrize("subcode", [None, 458, 459, 460, 463, 467, 999])
def test_190_with_any_subcode_needs_reconnect(subcode: int | None) -> None:
    verdict = judge(graph(190, subcode))
    assert verdict.kind == DEAD
    assert verdict.status == "needs_reconnect"
    assert verdict.reason == dead_reason(subcode)
    assert verdict.reason.endswith(".")


def test_the_checkpoint_sends_the_user_to_instagram_com() -> None:
    verdict = judge(graph(190, 459))
    assert "log in on instagram.com first" in verdict.reason


@pytest.mark.parametrize("code", [10, 200, 250, 299])
def test_permission_codes_name_the_permission(code: int) -> None:
    verdict = judge(graph(code, message="(#10) Requires instagram_business_manage_insights permission"))
    assert verdict.kind == PERMISSION
    assert verdict.status == "missing_permission"
    assert "Read insights (instagram_business_manage_insights)" in verdict.reason


def test_an_unnamed_permission_is_the_one_refresh_needs() -> None:
    assert "instagram_business_basic" in judge(graph(10, message="no permission")).reason


def test_a_rate_limit_keeps_the_status_and_carries_the_pause_from_the_usage_header() -> None:
    usage = '{"1": [{"type": "instagram", "estimated_time_to_regain_access": 42}]}'
    verdict = judge(graph(4, headers={"X-Business-Use-Case-Usage": usage}))
    assert verdict.kind == RATE_LIMITED
    assert verdict.status is None
    assert verdict.retry_after == timedelta(minutes=42)


@pytest.mark.parametrize(
    "error",
    [
        graph(1),
        graph(2, status=503),
        graph(100, message="The access token can't be refreshed yet: it must be at least 24 hours old"),
        error_from_response(httpx.Response(502, text="<html>bad gateway</html>")),
        SocialdeskError("network_error"),
        SocialdeskError("keychain_locked"),
        SocialdeskError("database_busy"),
        SocialdeskError("not_configured"),
    ],
    ids=["code1", "code2-503", "code100-too-young", "html-502", "network", "locked", "busy", "unconfigured"],
)
def test_transient_failures_and_unexpected_refusals_never_change_the_status(error: SocialdeskError) -> None:
    verdict = judge(error)
    assert verdict.kind == TRANSIENT
    assert verdict.status is None
    assert not verdict.changes_status


def test_a_damaged_token_or_no_token_needs_reconnect() -> None:
    assert judge(SocialdeskError("vault_integrity_error")).status == "needs_reconnect"
    no_token = judge(SocialdeskError("needs_reconnect", "no stored token for this account"))
    assert no_token.status == "needs_reconnect"
    assert "no stored token" in no_token.reason


def test_reasons_are_sentences_not_codes() -> None:
    assert expired_reason(datetime(2026, 3, 2, 8, 0, tzinfo=UTC)).startswith(
        "The token expired on 2026-03-02"
    )
    assert missing_permission_reason([]).count("instagram_business_basic") == 1
    for reason in (dead_reason(None), expired_reason(datetime(2026, 1, 1, tzinfo=UTC))):
        assert " " in reason and reason.endswith(".")
