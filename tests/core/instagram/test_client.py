"""The client against the running sandbox over real HTTP: every endpoint, both shapes, every error family."""

from __future__ import annotations

import logging
import socket
import traceback
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from desktop.core.clock import ManualClock
from desktop.core.instagram import REQUIRED_SCOPES, Endpoints, InstagramClient, InstagramError
from desktop.core.instagram.scopes import BASIC, MANAGE_INSIGHTS
from desktop.core.sandbox import SandboxServer
from desktop.core.secrets import SecretStr
from tests.core.sandbox.helpers import REDIRECT_URI, obtain_code


def _connect(client: InstagramClient, sandbox: SandboxServer, http: httpx.Client, **consent: object):  # type: ignore[no-untyped-def]
    code = SecretStr(obtain_code(http, sandbox, **consent))
    short = client.exchange_code(code, REDIRECT_URI)
    long = client.exchange_long_lived(short.access_token)
    return short, long


def _fails(call, *args: object) -> InstagramError:  # type: ignore[no-untyped-def]
    with pytest.raises(InstagramError) as caught:
        call(*args)
    return caught.value


# -- the happy path, both shapes -----------------------------------------------------------------------


@pytest.mark.parametrize("shape", ["observed", "documented"])
def test_every_endpoint_in_both_shapes(
    shape: str, client: InstagramClient, sandbox: SandboxServer, http: httpx.Client, clock: ManualClock
) -> None:
    sandbox.set_knobs(revoke_answer="success_object")  # a revoke that works, to see what follows it
    sandbox.set_shape(shape)
    account = next(a for a in sandbox.accounts if a.username == "studio.creator")

    short, long = _connect(client, sandbox, http, account="studio.creator")
    profile = client.me(long.access_token)
    clock.advance(timedelta(hours=25))
    refreshed = client.refresh(long.access_token)
    picture = client.fetch_picture(profile.profile_picture_url or "")
    client.revoke(refreshed.access_token)

    assert short.user_id == str(account.app_scoped_id)
    assert short.permissions == REQUIRED_SCOPES
    assert short.access_token.reveal().startswith("IGAASBX")
    assert long.expires_in == (5184000 if shape == "documented" else 5183944)
    assert long.token_type == "bearer"
    assert long.expires_at == clock.now() - timedelta(hours=25) + timedelta(seconds=long.expires_in)
    assert profile.user_id == str(account.user_id)
    assert profile.app_scoped_id == str(account.app_scoped_id)
    assert profile.username == "studio.creator"
    assert profile.name == "Studio Creator"
    assert profile.account_type == "MEDIA_CREATOR"
    assert (profile.followers_count, profile.follows_count, profile.media_count) == (
        account.followers_count,
        account.follows_count,
        account.media_count,
    )
    assert refreshed.access_token != long.access_token
    assert picture.startswith(b"\x89PNG")
    assert sandbox.token_status(refreshed.access_token).status == "revoked"
    assert sandbox.token_status(long.access_token).status == "revoked"


def test_unticked_scopes_show_in_permissions(
    client: InstagramClient, sandbox: SandboxServer, http: httpx.Client
) -> None:
    short, _ = _connect(client, sandbox, http, untick=[MANAGE_INSIGHTS])

    assert MANAGE_INSIGHTS not in short.permissions
    assert BASIC in short.permissions


def test_authorize_url(client: InstagramClient, sandbox: SandboxServer, http: httpx.Client) -> None:
    url = client.authorize_url(REDIRECT_URI, SecretStr("state-123"))
    forced = client.authorize_url(REDIRECT_URI, "s", [BASIC], force_authentication=True)

    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{sandbox.base_url}/oauth/authorize"
    assert (
        "scope=instagram_business_basic,instagram_business_content_publish,instagram_business_manage_insights"
        in url
    )
    assert {k: v[0] for k, v in parse_qs(parts.query).items()} == {
        "client_id": sandbox.credentials.client_id,
        "redirect_uri": REDIRECT_URI,
        "response_type": "code",
        "scope": ",".join(REQUIRED_SCOPES),
        "state": "state-123",
    }
    assert parse_qs(urlsplit(forced).query)["force_authentication"] == ["1"]
    assert http.get(url).status_code == 200
    assert http.get(forced).status_code == 200


# -- error families ------------------------------------------------------------------------------------


def test_a_used_code_is_code_invalid(
    client: InstagramClient, sandbox: SandboxServer, http: httpx.Client
) -> None:
    code = SecretStr(obtain_code(http, sandbox))
    client.exchange_code(code, REDIRECT_URI)

    error = _fails(client.exchange_code, code, REDIRECT_URI)

    assert error.code == "code_invalid"
    assert error.http_status == 400


def test_an_expired_code_is_code_invalid(
    client: InstagramClient, sandbox: SandboxServer, http: httpx.Client, clock: ManualClock
) -> None:
    code = SecretStr(obtain_code(http, sandbox))
    clock.advance(timedelta(minutes=61))

    assert _fails(client.exchange_code, code, REDIRECT_URI).code == "code_invalid"


def test_a_different_redirect_uri_is_app_misconfigured(
    client: InstagramClient, sandbox: SandboxServer, http: httpx.Client
) -> None:
    code = SecretStr(obtain_code(http, sandbox))

    assert _fails(client.exchange_code, code, "http://localhost:8765/callback").code == "app_misconfigured"


def test_a_wrong_secret_is_app_misconfigured_at_both_exchanges(
    client: InstagramClient, sandbox: SandboxServer, http: httpx.Client
) -> None:
    credentials = sandbox.credentials
    wrong = InstagramClient(
        http, sandbox.endpoints(), credentials.client_id, SecretStr("0" * 32), sleep=lambda _: None
    )
    code = SecretStr(obtain_code(http, sandbox))
    short, _ = _connect(client, sandbox, http)

    assert _fails(wrong.exchange_code, code, REDIRECT_URI).code == "app_misconfigured"
    error = _fails(wrong.exchange_long_lived, short.access_token)
    assert error.code == "app_misconfigured"
    assert error.graph_code == 101


def test_an_unknown_app_id_is_app_misconfigured(
    client: InstagramClient, sandbox: SandboxServer, http: httpx.Client
) -> None:
    other = InstagramClient(http, sandbox.endpoints(), "1111111111111111", sandbox.credentials.client_secret)
    code = SecretStr(obtain_code(http, sandbox))

    assert _fails(other.exchange_code, code, REDIRECT_URI).code == "app_misconfigured"


def test_personal_refused_at_exchange(
    client: InstagramClient, sandbox: SandboxServer, http: httpx.Client
) -> None:
    sandbox.set_personal_failure("exchange")
    code = SecretStr(obtain_code(http, sandbox, account="jane.personal"))

    assert _fails(client.exchange_code, code, REDIRECT_URI).code == "instagram_no_business_account"


@pytest.mark.parametrize("shape", ["observed", "documented"])
def test_personal_account_type_is_upper_cased(
    shape: str, client: InstagramClient, sandbox: SandboxServer, http: httpx.Client
) -> None:
    sandbox.set_shape(shape)
    _, long = _connect(client, sandbox, http, account="jane.personal")

    profile = client.me(long.access_token)

    assert profile.account_type == "PERSONAL"
    assert not profile.is_professional


def test_expired_and_revoked_tokens_need_reconnect(
    client: InstagramClient, sandbox: SandboxServer, http: httpx.Client, clock: ManualClock
) -> None:
    sandbox.set_knobs(revoke_answer="success_object")  # a revoke that works, to see what follows it
    short, long = _connect(client, sandbox, http)
    _, other = _connect(client, sandbox, http, account="northwind_shop")
    clock.advance(timedelta(hours=2))
    expired = _fails(client.exchange_long_lived, short.access_token)
    client.revoke(other.access_token)
    revoked = _fails(client.me, other.access_token)

    assert (expired.code, expired.graph_code, expired.graph_subcode) == ("needs_reconnect", 190, 463)
    assert (revoked.code, revoked.graph_code, revoked.graph_subcode) == ("needs_reconnect", 190, 458)
    assert client.me(long.access_token).username == "acme_business"


def test_refresh_after_expiry_needs_reconnect(
    client: InstagramClient, sandbox: SandboxServer, http: httpx.Client, clock: ManualClock
) -> None:
    _, long = _connect(client, sandbox, http)
    clock.advance(timedelta(days=60, seconds=1))

    assert _fails(client.refresh, long.access_token).code == "needs_reconnect"


def test_refresh_too_early_is_a_provider_error_not_a_dead_token(
    client: InstagramClient, sandbox: SandboxServer, http: httpx.Client, clock: ManualClock
) -> None:
    _, long = _connect(client, sandbox, http)
    clock.advance(timedelta(hours=23))

    error = _fails(client.refresh, long.access_token)

    assert (error.code, error.graph_code) == ("provider_error", 100)
    assert "24 hours" in error.detail


@pytest.mark.parametrize(
    ("graph_code", "subcode", "expected"),
    [
        (190, 459, "checkpoint_required"),
        (190, 460, "needs_reconnect"),
        (190, 467, "needs_reconnect"),
        (10, None, "missing_permission"),
        (200, None, "missing_permission"),
        (100, None, "provider_error"),
    ],
)
def test_graph_error_families(
    client: InstagramClient,
    sandbox: SandboxServer,
    http: httpx.Client,
    sleeps: list[float],
    graph_code: int,
    subcode: int | None,
    expected: str,
) -> None:
    _, long = _connect(client, sandbox, http)
    sandbox.inject_fault("error", endpoint="/me", count=1, graph_code=graph_code, graph_subcode=subcode)

    error = _fails(client.me, long.access_token)

    assert (error.code, error.graph_code, error.graph_subcode) == (expected, graph_code, subcode)
    assert error.fbtrace_id
    assert sleeps == []  # none of these is retried
    assert sandbox.request_count("/me") == 1


def test_missing_permission_names_it(
    client: InstagramClient, sandbox: SandboxServer, http: httpx.Client
) -> None:
    _, long = _connect(client, sandbox, http)
    sandbox.inject_fault("error", endpoint="/me", count=1, graph_code=200)

    assert _fails(client.me, long.access_token).permissions == ("instagram_business_content_publish",)


def test_a_token_endpoint_error_fault(
    client: InstagramClient, sandbox: SandboxServer, http: httpx.Client
) -> None:
    code = SecretStr(obtain_code(http, sandbox))
    sandbox.inject_fault("error", endpoint="/oauth/access_token", count=1, message="Invalid redirect_uri")

    assert _fails(client.exchange_code, code, REDIRECT_URI).code == "app_misconfigured"
    assert client.exchange_code(code, REDIRECT_URI).permissions == REQUIRED_SCOPES  # the fault never used it


# -- rate limits and retries ---------------------------------------------------------------------------


@pytest.mark.parametrize(("graph_code", "status"), [(4, 400), (17, 400), (32, 400), (613, 400), (80002, 403)])
def test_a_long_rate_limit_is_reported_with_its_wait(
    client: InstagramClient,
    sandbox: SandboxServer,
    http: httpx.Client,
    sleeps: list[float],
    graph_code: int,
    status: int,
) -> None:
    _, long = _connect(client, sandbox, http)
    sandbox.inject_fault("rate_limit", endpoint="/me", graph_code=graph_code, status=status, regain_minutes=5)

    error = _fails(client.me, long.access_token)

    assert (error.code, error.graph_code, error.http_status) == ("rate_limited", graph_code, status)
    assert error.retry_after_seconds == 300
    assert sleeps == []  # five minutes is longer than the client waits on its own


def test_a_short_rate_limit_is_waited_out(
    client: InstagramClient, sandbox: SandboxServer, http: httpx.Client, sleeps: list[float]
) -> None:
    _, long = _connect(client, sandbox, http)
    sandbox.inject_fault("rate_limit", endpoint="/me", count=1, regain_minutes=0)

    assert client.me(long.access_token).username == "acme_business"
    assert sleeps == [0.5]


def test_5xx_is_retried_with_backoff_then_network_error(
    client: InstagramClient, sandbox: SandboxServer, http: httpx.Client, sleeps: list[float]
) -> None:
    _, long = _connect(client, sandbox, http)
    sandbox.inject_fault("status", endpoint="/refresh_access_token", status=503)

    error = _fails(client.refresh, long.access_token)

    assert (error.code, error.http_status, error.graph_code) == ("network_error", 503, 2)
    assert sleeps == [0.5, 1.0, 2.0]
    assert sandbox.request_count("/refresh_access_token") == 4


@pytest.mark.parametrize(
    "fault",
    [
        {"kind": "status", "status": 500},
        {"kind": "status", "status": 502, "body": "html"},
        {"kind": "status", "status": 504, "body": "empty"},
        {"kind": "drop"},
        {"kind": "error", "graph_code": 2, "status": 500},
        {"kind": "error", "graph_code": 1, "status": 500},
    ],
)
def test_transient_failures_on_gets_are_retried(
    client: InstagramClient,
    sandbox: SandboxServer,
    http: httpx.Client,
    sleeps: list[float],
    fault: dict[str, object],
) -> None:
    _, long = _connect(client, sandbox, http)
    kind = str(fault.pop("kind"))
    sandbox.inject_fault(kind, endpoint="/me", count=2, **fault)

    assert client.me(long.access_token).username == "acme_business"
    assert sleeps == [0.5, 1.0]


def test_a_dropped_connection_is_a_network_error(
    client: InstagramClient, sandbox: SandboxServer, http: httpx.Client
) -> None:
    _, long = _connect(client, sandbox, http)
    sandbox.inject_fault("drop", endpoint="/me")

    error = _fails(client.me, long.access_token)

    assert error.code == "network_error"
    assert "dropped" in error.detail


def test_the_code_exchange_is_never_retried_once_sent(
    client: InstagramClient, sandbox: SandboxServer, http: httpx.Client, sleeps: list[float]
) -> None:
    code = SecretStr(obtain_code(http, sandbox))
    sandbox.inject_fault("status", endpoint="/oauth/access_token", count=1, status=503)
    sandbox.inject_fault("drop", endpoint="/oauth/access_token", count=1)

    first = _fails(client.exchange_code, code, REDIRECT_URI)
    second = _fails(client.exchange_code, code, REDIRECT_URI)

    assert (first.code, second.code) == ("network_error", "network_error")
    assert sleeps == []
    assert sandbox.request_count("/oauth/access_token") == 2


def test_a_refused_connection_is_retried_even_for_the_code_exchange(
    http: httpx.Client, sandbox: SandboxServer, sleeps: list[float]
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    client = InstagramClient(
        http, Endpoints(closed, closed, closed, "v25.0"), "1", SecretStr("secret-value"), sleep=sleeps.append
    )

    error = _fails(client.exchange_code, SecretStr("AQcode-value-123"), REDIRECT_URI)

    assert error.code == "network_error"
    assert "could not connect" in error.detail
    assert sleeps == [0.5, 1.0, 2.0]


def test_a_slow_answer_times_out(sandbox: SandboxServer, http: httpx.Client, client: InstagramClient) -> None:
    _, long = _connect(client, sandbox, http)
    credentials = sandbox.credentials
    impatient = InstagramClient(
        http,
        sandbox.endpoints(),
        credentials.client_id,
        credentials.client_secret,
        timeout_seconds=0.2,
        max_retries=0,
    )
    sandbox.inject_fault("latency", endpoint="/me", latency_ms=5_000, count=1)

    error = _fails(impatient.me, long.access_token)

    assert error.code == "network_error"
    assert "timed out" in error.detail


def test_revoke_after_a_lost_answer_counts_as_done(
    client: InstagramClient, sandbox: SandboxServer, http: httpx.Client, sleeps: list[float]
) -> None:
    sandbox.set_knobs(revoke_answer="success_object")  # a revoke that works, to see what follows it
    _, long = _connect(client, sandbox, http)
    client.revoke(long.access_token)
    sandbox.inject_fault("status", endpoint="/me/permissions", count=1, status=503)

    client.revoke(long.access_token)  # 503, then 190 on the retry: the first attempt may have landed

    assert sleeps == [0.5]
    assert _fails(client.revoke, long.access_token).code == "needs_reconnect"


# -- pictures ------------------------------------------------------------------------------------------


def test_pictures_over_the_cap_are_refused(sandbox: SandboxServer, http: httpx.Client) -> None:
    credentials = sandbox.credentials
    small = InstagramClient(
        http, sandbox.endpoints(), credentials.client_id, credentials.client_secret, max_picture_bytes=100
    )

    error = _fails(small.fetch_picture, f"{sandbox.base_url}/_sandbox/media/acme_business.png")

    assert error.code == "provider_error"


@pytest.mark.parametrize("path", ["/_sandbox/static/sandbox.css", "/_sandbox/media/nobody.png"])
def test_non_pictures_are_refused(client: InstagramClient, sandbox: SandboxServer, path: str) -> None:
    assert _fails(client.fetch_picture, f"{sandbox.base_url}{path}").code == "provider_error"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x.png", "not a url"])
def test_picture_addresses_must_be_http(client: InstagramClient, url: str) -> None:
    assert _fails(client.fetch_picture, url).code == "provider_error"


# -- no secret anywhere ------------------------------------------------------------------------------------


def test_no_token_code_or_secret_in_errors_or_logs(
    client: InstagramClient,
    sandbox: SandboxServer,
    http: httpx.Client,
    clock: ManualClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "desktop"):
        caplog.set_level(logging.DEBUG, logger=name)
    raw_code = obtain_code(http, sandbox)
    code = SecretStr(raw_code)
    short = client.exchange_code(code, REDIRECT_URI)
    long = client.exchange_long_lived(short.access_token)
    secrets = [
        raw_code,
        short.access_token.reveal(),
        long.access_token.reveal(),
        sandbox.credentials.client_secret.reveal(),
    ]
    errors: list[InstagramError] = [_fails(client.exchange_code, code, REDIRECT_URI)]
    for fault in (
        {"kind": "drop"},
        {"kind": "status", "status": 502, "body": "html"},
        {"kind": "error", "graph_code": 2500, "message": f"bad access_token={long.access_token.reveal()}"},
        {"kind": "rate_limit", "regain_minutes": 9},
    ):
        kind = str(fault.pop("kind"))
        sandbox.inject_fault(kind, endpoint="/access_token", **fault)
        errors.append(_fails(client.exchange_long_lived, short.access_token))
        sandbox.clear_faults()
    clock.advance(timedelta(hours=2))
    errors.append(_fails(client.exchange_long_lived, short.access_token))
    sandbox.kill_tokens(reason="removed", token=long.access_token)
    errors.append(_fails(client.me, long.access_token))
    errors.append(_fails(client.refresh, long.access_token))

    assert {e.code for e in errors} >= {
        "code_invalid",
        "network_error",
        "provider_error",
        "rate_limited",
        "needs_reconnect",
    }
    assert "HTTP Request: GET" in caplog.text  # httpx logging really was on
    for error in errors:
        assert error.__cause__ is None and error.__context__ is None
        texts = [str(error), repr(error), error.detail, "".join(traceback.format_exception(error))]
        for text in texts:
            for secret in secrets:
                assert secret not in text
    for record in caplog.records:
        rendered = record.getMessage() + repr(record.args)
        for secret in secrets:
            assert secret not in rendered
    for secret in secrets:
        assert secret not in caplog.text


# -- answers Meta may give in more than one way -------------------------------------------------------------


@pytest.mark.parametrize("answer", ["success_object", "bare_true"])
def test_revoke_accepts_both_success_shapes(
    client: InstagramClient, sandbox: SandboxServer, http: httpx.Client, answer: str
) -> None:
    sandbox.set_knobs(revoke_answer=answer)
    _, long = _connect(client, sandbox, http)

    client.revoke(long.access_token)

    assert sandbox.token_status(long.access_token).status == "revoked"


def test_an_unsupported_revoke_is_its_own_code(
    client: InstagramClient, sandbox: SandboxServer, http: httpx.Client, sleeps: list[float]
) -> None:
    _, long = _connect(client, sandbox, http)

    error = _fails(client.revoke, long.access_token)

    assert (error.code, error.graph_code) == ("revoke_unsupported", 100)
    assert sleeps == []  # not retried: asking again changes nothing
    assert sandbox.token_status(long.access_token).status == "active"


@pytest.mark.parametrize("graph_code", [100, 101])
def test_a_wrong_secret_at_the_long_lived_exchange_is_the_app_settings(
    client: InstagramClient, sandbox: SandboxServer, http: httpx.Client, graph_code: int
) -> None:
    code = SecretStr(obtain_code(http, sandbox))
    short = client.exchange_code(code, REDIRECT_URI)
    sandbox.inject_fault(
        "error", endpoint="/access_token", graph_code=graph_code, message="Error validating client secret."
    )

    assert _fails(client.exchange_long_lived, short.access_token).code == "app_misconfigured"


def test_a_bare_refusal_of_the_code_exchange_reads_as_a_personal_account(
    client: InstagramClient, sandbox: SandboxServer, http: httpx.Client
) -> None:
    sandbox.set_personal_failure("exchange")
    code = SecretStr(obtain_code(http, sandbox, account="jane.personal"))

    assert _fails(client.exchange_code, code, REDIRECT_URI).code == "instagram_no_business_account"


def test_a_pasted_code_loses_its_fragment_before_the_exchange(
    client: InstagramClient, sandbox: SandboxServer, http: httpx.Client
) -> None:
    code = SecretStr(obtain_code(http, sandbox) + "#_")

    assert client.exchange_code(code, REDIRECT_URI).access_token.reveal().startswith("IGAASBX")
