"""A second launch for the same data folder brings the first window forward and exits."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.settings import Paths, Settings, save_settings
from desktop.ui.single_instance import (
    USE_UNIX_SOCKET,
    InstanceServer,
    ask_running_instance_to_show,
    socket_path,
)
from tests.support.net import find_free_port

ROOT = Path(__file__).resolve().parents[2]


def _launch(base_dir: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "SOCIALDESK_BASE_DIR": str(base_dir),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "desktop", "--no-crash-dialog"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _log_text(base_dir: Path) -> str:
    log = base_dir / "logs" / "socialdesk.log"
    return log.read_text(encoding="utf-8") if log.exists() else ""


def _wait_for(predicate: object, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


def test_second_launch_wakes_the_first_and_exits(base_dir: Path) -> None:
    paths = Paths.resolve(base_dir).ensure()
    save_settings(paths, Settings(redirect_uri=f"https://localhost:{find_free_port()}/callback/"))
    first = _launch(base_dir)
    try:
        assert _wait_for(lambda: "window shown" in _log_text(base_dir)), first.stderr
        second = _launch(base_dir)
        _out, err = second.communicate(timeout=60)
        assert second.returncode == 0, err
        assert _wait_for(lambda: "asked this window to come forward" in _log_text(base_dir))
        assert first.poll() is None  # the first window is still running
    finally:
        first.kill()
        first.communicate(timeout=30)


def test_a_later_launch_wakes_the_server_in_process(base_dir: Path, qtbot: QtBot) -> None:
    paths = Paths.resolve(base_dir).ensure()
    server = InstanceServer(paths)
    try:
        with qtbot.waitSignal(server.show_requested, timeout=5_000):
            assert ask_running_instance_to_show(paths)
    finally:
        server.close()


@pytest.mark.skipif(not USE_UNIX_SOCKET, reason="a named pipe on Windows")
def test_only_this_user_can_reach_the_socket_and_closing_removes_it(base_dir: Path, qtbot: QtBot) -> None:
    paths = Paths.resolve(base_dir).ensure()
    path = socket_path(paths)
    Path(path).write_text("left by a crashed run", encoding="utf-8")  # replaced, not an error
    server = InstanceServer(paths)
    try:
        mode = os.stat(path).st_mode
        assert stat.S_ISSOCK(mode) and stat.S_IMODE(mode) & 0o077 == 0
    finally:
        server.close()
    assert not os.path.exists(path)
    assert not ask_running_instance_to_show(paths)


@pytest.mark.skipif(not USE_UNIX_SOCKET, reason="a named pipe on Windows")
def test_anything_but_the_wake_word_is_ignored(base_dir: Path, qtbot: QtBot) -> None:
    paths = Paths.resolve(base_dir).ensure()
    server = InstanceServer(paths)
    woken: list[bool] = []
    server.show_requested.connect(lambda: woken.append(True))
    try:
        for message in (b"", b"hello\n", b"x" * 500):
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
                client.connect(socket_path(paths))
                client.sendall(message)
        qtbot.wait(300)
        assert woken == []
        assert ask_running_instance_to_show(paths)  # still listening
        qtbot.waitUntil(lambda: woken == [True], timeout=5_000)
    finally:
        server.close()


@pytest.mark.skipif(not USE_UNIX_SOCKET, reason="QLocalServer is the server on Windows")
def test_listening_loads_no_qtnetwork(base_dir: Path) -> None:
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from desktop.core.settings import Paths\n"
        "from desktop.ui.single_instance import InstanceServer, ask_running_instance_to_show\n"
        "app = QApplication([])\n"
        "paths = Paths.resolve(None).ensure()\n"
        "server = InstanceServer(paths)\n"
        "assert ask_running_instance_to_show(paths)\n"
        "server.close()\n"
        "print('PySide6.QtNetwork' in sys.modules)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SOCIALDESK_BASE_DIR": str(base_dir)}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
