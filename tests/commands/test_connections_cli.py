"""The headless connect flow as support or a script runs it: real subprocesses, real keychain.

Each command is its own process, so the vault key must survive between them: these tests run
against the real Secret Service that the README test command starts.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import ssl
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.support.cli import FILL_CONSENT, ROOT, prepare_base_dir, socialdesk

pytestmark = pytest.mark.real_keychain


@pytest.fixture
def cli_base(base_dir: Path) -> Path:
    return prepare_base_dir(base_dir)


def test_connect_list_disconnect_through_the_cli(cli_base: Path) -> None:
    connected = socialdesk(cli_base, "--sandbox", "connections", "connect")
    assert connected.returncode == 0, connected.stderr
    assert "Connected @acme_business (Business)" in connected.stdout
    assert "Sandbox mode" in connected.stderr

    listed = socialdesk(cli_base, "connections", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    (row,) = json.loads(listed.stdout)
    assert row["username"] == "acme_business"
    assert row["workspace"] == "My workspace"
    assert row["status"] == "active"
    assert row["status_reason"] == ""
    assert "instagram_business_content_publish" in row["scopes"]
    assert row["consented_at"] and row["expires_at"]

    for path in cli_base.rglob("*"):
        if path.is_file():
            assert b"IGAASBX" not in path.read_bytes(), f"{path} holds a token"

    removed = socialdesk(cli_base, "connections", "disconnect", "@acme_business")
    assert removed.returncode == 0, removed.stderr
    # The sandbox's strict default: Instagram will not revoke, so the user is told the manual route.
    assert "Instagram does not let Socialdesk remove its own access" in removed.stdout
    assert "instagram.com/accounts/manage_access" in removed.stdout
    after = socialdesk(cli_base, "connections", "list")
    assert (
        "@acme_business\tremove by hand: Open https://www.instagram.com/accounts/manage_access/"
        in after.stderr
    )
    assert json.loads(socialdesk(cli_base, "connections", "list", "--json").stdout) == []
    dismissed = socialdesk(cli_base, "connections", "dismiss", "acme_business")
    assert dismissed.returncode == 0, dismissed.stderr
    assert "remove by hand" not in socialdesk(cli_base, "connections", "list").stderr


def test_personal_account_prints_the_seed_message_and_code(cli_base: Path) -> None:
    result = socialdesk(cli_base, "connections", "connect", CONSENT_ACCOUNT="jane.personal")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert (
        "error: instagram_no_business_account: Connecting Instagram requires a Business or Creator account."
        in lines
    )
    assert "Switch to Business or Creator in the Instagram app, then retry." in result.stderr


def test_pasted_address_on_stdin_connects(cli_base: Path) -> None:
    """--no-browser prints the link; the 'browser' stops at Instagram's redirect and the user pastes it."""
    env = {**os.environ, "SOCIALDESK_BASE_DIR": str(cli_base)}
    env.pop("PYTHON_KEYRING_BACKEND", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop", "connections", "connect", "--no-browser"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdin is not None
    link = ""
    for line in process.stdout:
        if "/start?state=" in line:
            link = line.strip()
            break
    assert link
    sys.path.insert(0, str(ROOT))
    from tests.support.consent import ConsentBot

    trusted = (cli_base / "data" / "tls" / "local-ca.pem").read_text(encoding="ascii")
    location = (
        ConsentBot(account="studio.creator", deliver=False, ca_pem=trusted).open(link).redirect_location
    )
    assert location is not None
    process.stdin.write("not an address\n")
    process.stdin.write(location + "\n")
    process.stdin.flush()
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "Connected @studio.creator (Creator)" in out
    assert "error: invalid_callback" in err


QUESTION = "Your browser reported that the Instagram dialog was closed. Stop connecting?"


class _Connect:
    """``connections connect`` whose browser clicks Cancel; the sandbox's redirect then has no state."""

    def __init__(self, base_dir: Path) -> None:
        env = {
            **os.environ,
            "SOCIALDESK_BASE_DIR": str(base_dir),
            "BROWSER": f"{sys.executable} {FILL_CONSENT} %s",
            "CONSENT_ACTION": "deny",
        }
        env.pop("PYTHON_KEYRING_BACKEND", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "desktop", "connections", "connect"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.err: queue.Queue[str] = queue.Queue()
        self.err_lines: list[str] = []
        self._reader = threading.Thread(target=self._read_err, daemon=True)
        self._reader.start()
        assert self.process.stdout is not None
        self.link = ""
        for line in self.process.stdout:
            if "/start?state=" in line:
                self.link = line.strip()
                break
        assert self.link

    def _read_err(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.err.put(line)

    def wait_for(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.err.get(timeout=max(0.05, deadline - time.monotonic()))
            except queue.Empty:
                break
            self.err_lines.append(line)
            if text in line:
                return
        raise AssertionError(f"{text!r} not printed; stderr: {''.join(self.err_lines)}")

    def finish(self, timeout: float = 60) -> tuple[int, str, str]:
        assert self.process.stdout is not None
        out = self.process.stdout.read()
        code = self.process.wait(timeout=timeout)
        self._reader.join(timeout=10)
        while not self.err.empty():
            self.err_lines.append(self.err.get())
        return code, out, "".join(self.err_lines)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=30)
        self._reader.join(timeout=10)
        for pipe in (self.process.stdin, self.process.stdout, self.process.stderr):
            if pipe is not None:
                pipe.close()


def test_a_cancel_without_a_state_asks_and_ctrl_c_stops_with_130(cli_base: Path) -> None:
    connect = _Connect(cli_base)
    try:
        connect.wait_for(QUESTION)
        time.sleep(1.0)
        assert connect.process.poll() is None, "the state-less error ended the wait by itself"
        connect.process.send_signal(signal.SIGINT)
        code, out, err = connect.finish()
    finally:
        connect.close()
    assert code == 130, err
    assert "Cancelled; nothing was connected." in err
    assert "access_denied" not in err
    assert "Connected @" not in out


def test_a_cancel_without_a_state_keeps_waiting_and_a_pasted_answer_connects(cli_base: Path) -> None:
    connect = _Connect(cli_base)
    try:
        connect.wait_for(QUESTION)
        sys.path.insert(0, str(ROOT))
        from tests.support.consent import ConsentBot

        trusted = (cli_base / "data" / "tls" / "local-ca.pem").read_text(encoding="ascii")
        bot = ConsentBot(account="studio.creator", deliver=False, ca_pem=trusted)
        location = bot.open(connect.link).redirect_location
        assert location is not None
        assert connect.process.stdin is not None
        connect.process.stdin.write(location + "\n")
        connect.process.stdin.flush()
        code, out, err = connect.finish()
    finally:
        connect.close()
    assert code == 0, err
    assert "Connected @studio.creator (Creator)" in out


def test_further_errors_without_a_state_do_not_ask_again_and_the_real_answer_connects(
    cli_base: Path,
) -> None:
    """Anything that can reach the loopback port may keep sending them; the CLI asks once."""
    connect = _Connect(cli_base)
    try:
        connect.wait_for(QUESTION)
        sys.path.insert(0, str(ROOT))
        import httpx

        from desktop.core.sandbox.user import NAVIGATION_HEADERS
        from tests.support.consent import ConsentBot

        trusted = (cli_base / "data" / "tls" / "local-ca.pem").read_text(encoding="ascii")
        callback = connect.link.split("/start?", 1)[0] + "/callback/?error=access_denied"
        verify = ssl.create_default_context(cadata=trusted)
        with httpx.Client(verify=verify, timeout=10) as http:
            for _ in range(3):
                assert http.get(callback, headers=NAVIGATION_HEADERS).status_code == 200
            location = (
                ConsentBot(account="studio.creator", deliver=False, ca_pem=trusted)
                .open(connect.link)
                .redirect_location
            )
            assert location is not None
            http.get(location, headers=NAVIGATION_HEADERS, follow_redirects=True)
        code, out, err = connect.finish()
    finally:
        connect.close()
    assert code == 0, err
    assert "Connected @studio.creator (Creator)" in out
    assert err.count("Stop connecting?") == 1, err
