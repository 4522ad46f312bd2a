"""The sandbox as a server: lifecycle, persistence, Host checks and the control API."""

from __future__ import annotations

import json
import socket
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from desktop.core.clock import ManualClock
from desktop.core.errors import SocialdeskError
from desktop.core.sandbox import SandboxServer
from desktop.core.sandbox.state import STATE_DB_NAME, STATE_FILE_NAME, fingerprint, saved_state
from desktop.core.secrets import SecretStr
from tests.core.sandbox.helpers import (
    REDIRECT_URI,
    exchange,
    files_text,
    long_token,
    me,
    obtain_code,
    refresh,
    running_sandbox,
    thread_snapshot,
)

# -- lifecycle ---------------------------------------------------------------------------------------


def test_stop_leaves_no_thread_and_closes_the_port(
    state_dir: Path, clock: ManualClock, http: httpx.Client
) -> None:
    before = thread_snapshot()
    server = SandboxServer(state_dir, clock=clock, redirect_uris=[REDIRECT_URI]).start()
    port = server.port
    assert http.get(f"{server.base_url}/_sandbox").status_code == 200

    server.stop()

    assert thread_snapshot() - before == set()
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port), timeout=2):
        pass
    assert not server.running
    server.stop()  # stopping twice is harmless


def test_stop_cuts_idle_and_slow_connections(state_dir: Path, clock: ManualClock) -> None:
    before = thread_snapshot()
    server = SandboxServer(state_dir, clock=clock, redirect_uris=[REDIRECT_URI]).start()
    idle = socket.create_connection(("127.0.0.1", server.port), timeout=5)  # connected, never sends
    server.inject_fault("latency", endpoint="/me", latency_ms=60_000)
    outcome: list[object] = []

    def slow_request() -> None:
        with httpx.Client(timeout=30.0) as client:
            try:
                outcome.append(client.get(f"{server.graph_url}/v25.0/me").status_code)
            except httpx.HTTPError as exc:
                outcome.append(type(exc))

    worker = threading.Thread(target=slow_request)
    worker.start()
    while server.request_count("/me") == 0:
        threading.Event().wait(0.01)

    server.stop()
    worker.join()
    idle.close()

    assert outcome == [httpx.RemoteProtocolError]
    assert thread_snapshot() - before == set()


def test_a_taken_port_is_a_port_in_use_error(state_dir: Path, clock: ManualClock) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        server = SandboxServer(state_dir, clock=clock, port=blocker.getsockname()[1])

        with pytest.raises(SocialdeskError) as caught:
            server.start()

    assert caught.value.code == "port_in_use"
    assert not server.running


def test_base_url_and_endpoints(sandbox: SandboxServer) -> None:
    endpoints = sandbox.endpoints()

    assert sandbox.base_url == f"http://127.0.0.1:{sandbox.port}"
    assert endpoints.authorize_base_url == sandbox.base_url == sandbox.www_url
    assert (endpoints.api_base_url, endpoints.graph_base_url) == (sandbox.api_url, sandbox.graph_url)
    assert endpoints.graph_version == "v25.0"


def test_base_url_needs_a_running_server(state_dir: Path, clock: ManualClock) -> None:
    with pytest.raises(RuntimeError):
        _ = SandboxServer(state_dir, clock=clock).base_url


def test_can_start_again_after_stop(state_dir: Path, clock: ManualClock, http: httpx.Client) -> None:
    server = SandboxServer(state_dir, clock=clock, redirect_uris=[REDIRECT_URI])
    server.start()
    server.stop()
    with server:
        assert http.get(f"{server.base_url}/_sandbox").status_code == 200


# -- persistence -------------------------------------------------------------------------------------


def test_tokens_and_app_survive_a_restart(state_dir: Path, clock: ManualClock, http: httpx.Client) -> None:
    with running_sandbox(state_dir, clock) as first:
        token = long_token(http, first)
        client_id = first.credentials.client_id
        old_secret = first.credentials.client_secret
        code = obtain_code(http, first)

    with running_sandbox(state_dir, clock) as second:
        assert second.credentials.client_id == client_id
        assert second.credentials.redirect_uris == (REDIRECT_URI,)
        assert me(http, second, token).json()["username"] == "acme_business"
        # Only the secret's hash was kept, so a new run has a new secret; the old one no longer works.
        assert second.credentials.client_secret != old_secret
        second.set_knobs(failed_exchange="keeps_code")  # to try the new secret on the same code
        assert exchange(http, second, code, secret=old_secret.reveal()).status_code == 400
        assert exchange(http, second, code).status_code == 200


def test_a_given_client_secret_is_kept(state_dir: Path, clock: ManualClock, http: httpx.Client) -> None:
    secret = SecretStr("f" * 32)
    with running_sandbox(state_dir, clock, client_secret=secret) as first:
        code = obtain_code(http, first)
    with running_sandbox(state_dir, clock, client_secret=secret) as second:
        assert exchange(http, second, code, secret=secret.reveal()).status_code == 200


def test_revocations_survive_a_restart(state_dir: Path, clock: ManualClock, http: httpx.Client) -> None:
    with running_sandbox(state_dir, clock) as first:
        token = long_token(http, first)
        first.set_knobs(revoke_answer="success_object")
        http.delete(f"{first.graph_url}/v25.0/me/permissions", params={"access_token": token})
    with running_sandbox(state_dir, clock) as second:
        assert me(http, second, token).json()["error"]["code"] == 190


def test_the_state_file_holds_hashes_only(
    state_dir: Path, sandbox: SandboxServer, http: httpx.Client
) -> None:
    code = obtain_code(http, sandbox)
    unused_code = obtain_code(http, sandbox)
    short = exchange(http, sandbox, code).json()["access_token"]
    token = long_token(http, sandbox)
    refreshed_at = sandbox.now() + timedelta(hours=25)
    assert refreshed_at > sandbox.now()

    saved = json.dumps(saved_state(state_dir))
    raw = files_text(state_dir)

    for secret in (code, unused_code, short, token, sandbox.credentials.client_secret.reveal()):
        assert secret not in saved and secret not in raw
    assert fingerprint(token) in saved
    assert fingerprint(unused_code) in saved
    assert fingerprint(sandbox.credentials.client_secret.reveal()) in saved
    assert "IGAASBX" not in raw
    for path in state_dir.iterdir():
        assert path.stat().st_mode & 0o077 == 0, path.name
    assert (state_dir / STATE_DB_NAME).exists()


def test_a_damaged_state_file_is_set_aside(state_dir: Path, clock: ManualClock, http: httpx.Client) -> None:
    state_dir.mkdir(parents=True)
    (state_dir / STATE_FILE_NAME).write_text("{not json", encoding="utf-8")

    with running_sandbox(state_dir, clock) as server:
        assert long_token(http, server).startswith("IGAASBX")

    assert (state_dir / (STATE_FILE_NAME + ".damaged")).read_text(encoding="utf-8") == "{not json"


def test_the_clock_offset_persists_when_the_sandbox_owns_its_clock(state_dir: Path) -> None:
    first = SandboxServer(state_dir)
    start = first.now()
    first.advance_clock(timedelta(days=3))

    second = SandboxServer(state_dir)

    assert second.now() - start >= timedelta(days=3)


# -- Host header and control API ---------------------------------------------------------------------


@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "192.168.1.9"])
def test_foreign_host_headers_are_refused(sandbox: SandboxServer, http: httpx.Client, host: str) -> None:
    response = http.get(f"{sandbox.base_url}/_sandbox", headers={"Host": host})

    assert response.status_code == 421


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "[::1]"])
def test_loopback_host_headers_are_accepted(sandbox: SandboxServer, http: httpx.Client, host: str) -> None:
    response = http.get(f"{sandbox.base_url}/_sandbox", headers={"Host": f"{host}:{sandbox.port}"})

    assert response.status_code == 200


def test_describe(sandbox: SandboxServer, http: httpx.Client) -> None:
    body = http.get(f"{sandbox.base_url}/_sandbox").json()

    assert body["client_id"] == sandbox.credentials.client_id
    assert body["redirect_uris"] == [REDIRECT_URI]
    assert "client_secret" not in json.dumps(body)
    assert sandbox.credentials.client_secret.reveal() not in json.dumps(body)
    types = {account["username"]: account["account_type"] for account in body["accounts"]}
    assert types["acme_business"] == "BUSINESS"
    assert types["northwind_shop"] == "BUSINESS"
    assert types["studio.creator"] == "MEDIA_CREATOR"
    assert types["jane.personal"] == "PERSONAL"


def test_control_changes_need_json(sandbox: SandboxServer, http: httpx.Client) -> None:
    response = http.post(f"{sandbox.base_url}/_sandbox/shape", data={"shape": "documented"})

    assert response.status_code == 415
    assert sandbox.shape == "observed"


def test_control_api_moves_the_clock(sandbox: SandboxServer, http: httpx.Client, clock: ManualClock) -> None:
    before = clock.now()

    response = http.post(f"{sandbox.base_url}/_sandbox/clock", json={"hours": 25, "minutes": 30})

    assert clock.now() - before == timedelta(hours=25, minutes=30)
    assert response.json()["now"] == clock.now().isoformat()


def test_control_api_refresh_rules_end_to_end(sandbox: SandboxServer, http: httpx.Client) -> None:
    token = long_token(http, sandbox)
    http.post(f"{sandbox.base_url}/_sandbox/clock", json={"hours": 23})
    assert refresh(http, sandbox, token).status_code == 400
    http.post(f"{sandbox.base_url}/_sandbox/clock", json={"hours": 2})
    assert refresh(http, sandbox, token).status_code == 200


def test_control_api_knobs(sandbox: SandboxServer, http: httpx.Client) -> None:
    base = f"{sandbox.base_url}/_sandbox"

    assert http.post(f"{base}/shape", json={"shape": "documented"}).json() == {"shape": "documented"}
    assert http.post(f"{base}/personal-failure", json={"mode": "exchange"}).json() == {"mode": "exchange"}
    assert http.post(f"{base}/shape", json={"shape": "other"}).status_code == 400
    assert sandbox.shape == "documented"
    assert sandbox.personal_failure == "exchange"
    uri = "https://localhost:9000/cb/"
    assert uri in http.post(f"{base}/redirect-uris", json={"uri": uri}).json()["redirect_uris"]
    assert uri in sandbox.credentials.redirect_uris


def test_control_api_token_status_and_counts(sandbox: SandboxServer, http: httpx.Client) -> None:
    token = long_token(http, sandbox)
    base = f"{sandbox.base_url}/_sandbox"

    status = http.post(f"{base}/token-status", json={"access_token": token}).json()
    unknown = http.post(f"{base}/token-status", json={"access_token": "nope"}).json()
    counts = http.get(f"{base}/requests").json()

    assert status["status"] == "active"
    assert status["kind"] == "long"
    assert status["user_id"] == "17841400008460001"
    assert unknown["status"] == "unknown"
    assert counts["requests"]["/oauth/access_token"] == 1
    assert counts["requests"]["/access_token"] == 1
    assert counts["revoked_tokens"] == 0


def test_control_api_faults(sandbox: SandboxServer, http: httpx.Client) -> None:
    base = f"{sandbox.base_url}/_sandbox"
    token = long_token(http, sandbox)

    created = http.post(
        f"{base}/faults", json={"kind": "status", "endpoint": "/me", "count": 2, "status": 503}
    )
    listed = http.get(f"{base}/faults").json()["faults"]

    assert created.status_code == 201
    assert [fault["remaining"] for fault in listed] == [2]
    assert me(http, sandbox, token).status_code == 503
    assert me(http, sandbox, token).status_code == 503
    assert me(http, sandbox, token).status_code == 200
    assert http.post(f"{base}/faults", json={"kind": "flood"}).status_code == 400
    assert http.post(f"{base}/faults", json={"kind": "status", "count": "two"}).status_code == 400
    http.post(f"{base}/faults", json={"kind": "status"})
    assert http.delete(f"{base}/faults").json() == {"faults": []}
    assert me(http, sandbox, token).status_code == 200


def test_pictures_are_served(sandbox: SandboxServer, http: httpx.Client) -> None:
    picture = http.get(f"{sandbox.base_url}/_sandbox/media/acme_business.png")
    missing = http.get(f"{sandbox.base_url}/_sandbox/media/nobody.png")

    assert picture.status_code == 200
    assert picture.headers["content-type"] == "image/png"
    assert picture.content.startswith(b"\x89PNG\r\n\x1a\n")
    assert missing.status_code == 404


def test_unknown_paths_answer_a_graph_error(sandbox: SandboxServer, http: httpx.Client) -> None:
    response = http.get(f"{sandbox.graph_url}/v25.0/17841400008460001/media")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == 2500


def test_the_server_log_never_shows_query_strings(
    sandbox: SandboxServer, http: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG", logger="desktop.core.sandbox")
    token = long_token(http, sandbox)
    me(http, sandbox, token)

    server_lines = [r.getMessage() for r in caplog.records if r.name.startswith("desktop.core.sandbox")]
    assert "sandbox GET /v25.0/me -> 200 (graph)" in server_lines
    assert token not in caplog.text
    assert not any("access_token=" in line or "?" in line for line in server_lines)
    assert sandbox.credentials.client_secret.reveal() not in caplog.text


def test_advance_clock_needs_a_movable_clock(state_dir: Path) -> None:
    class FixedClock:
        def now(self) -> datetime:
            return datetime(2026, 1, 1, tzinfo=UTC)

    server = SandboxServer(state_dir, clock=FixedClock())

    with pytest.raises(TypeError):
        server.advance_clock(timedelta(hours=1))


def test_redirect_uris_registered_after_start_take_effect(sandbox: SandboxServer, http: httpx.Client) -> None:
    uri = "https://localhost:8765/other/"
    sandbox.register_redirect_uri(uri)

    code = obtain_code(http, sandbox, redirect_uri=uri)

    assert exchange(http, sandbox, code, redirect_uri=uri).status_code == 200
