"""Ctrl+C and SIGTERM sent to the real headless commands while they wait."""

from __future__ import annotations

import re
import signal
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from desktop.core.sandbox.state import STATE_DB_NAME
from desktop.core.settings import Paths, load_settings
from tests.support.cli import prepare_base_dir
from tests.support.net import port_free
from tests.support.processes import finish, log_text, spawn, wait_for

pytestmark = pytest.mark.real_keychain

CODES = [(signal.SIGINT, 130), (signal.SIGTERM, 143)]


@pytest.mark.parametrize(("signum", "code"), CODES, ids=["SIGINT", "SIGTERM"])
def test_a_waiting_connect_is_cancelled_its_listener_closed_and_the_store_closed(
    tmp_path: Path, signum: int, code: int
) -> None:
    base = prepare_base_dir(tmp_path / "base")
    port = urlsplit(load_settings(Paths.resolve(base)).redirect_uri).port
    assert port is not None
    process = spawn(base, "--sandbox", "connections", "connect", "--no-browser")
    assert process.stdout is not None
    link = ""
    for line in process.stdout:
        match = re.match(r"^\s+(https?://\S+)$", line)
        if match:
            link = match.group(1)
            break
    assert link, "no link printed"
    assert not port_free("127.0.0.1", port), "the listener should be up while the connect waits"
    process.send_signal(signum)
    returncode, _, err = finish(process)
    assert returncode == code
    assert "Cancelled" in err and "Traceback" not in err
    # The listener is gone: the port is free, and the old link leads nowhere.
    assert port_free("127.0.0.1", port)
    # (certificate checks off: only a closed port may make this fail)
    with pytest.raises(httpx.ConnectError):
        httpx.get(link, timeout=2.0, verify=False)
    paths = Paths.resolve(base)
    # --sandbox: the sandbox's own store.
    assert paths.sandbox_database_file.exists()
    assert not Path(f"{paths.sandbox_database_file}-wal").exists(), "the database was not closed"
    text = log_text(base)
    assert f"{signal.Signals(signum).name} received: stopping cleanly" in text
    assert f"command finished (exit {code})" in text


@pytest.mark.parametrize(("signum", "code"), CODES, ids=["SIGINT", "SIGTERM"])
def test_the_sandbox_command_stops_and_saves_on_a_signal(tmp_path: Path, signum: int, code: int) -> None:
    base = prepare_base_dir(tmp_path / "base")
    process = spawn(base, "sandbox", "--port", "0")
    assert process.stdout is not None
    base_url = process.stdout.readline().strip().removeprefix("base_url: ")
    assert httpx.get(f"{base_url}/_sandbox", timeout=10).status_code == 200
    process.send_signal(signum)
    returncode, _, err = finish(process)
    assert returncode == code
    assert "Traceback" not in err
    assert (Paths.resolve(base).sandbox_dir / STATE_DB_NAME).exists()
    wait_for(lambda: f"exit {code}" in log_text(base), 5, "the log's last line")
