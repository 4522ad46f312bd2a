"""A desktop of its own for a subprocess: its own HOME, D-Bus session and unlocked gnome-keyring.

Two of these are two users on two machines as far as the keychain goes: a secret written by one
is invisible to the other. Only the processes started here are stopped, by their pids.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from pathlib import Path

from tests.support.cli import prepare_base_dir


class DesktopSession:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.home = root / "home"
        self.base_dir = root / "socialdesk"
        self.runtime = root / "run"
        for folder in (self.home, self.runtime):
            folder.mkdir(parents=True, mode=0o700)
        prepare_base_dir(self.base_dir)
        self._pids: list[int] = []
        self.env: dict[str, str] = {}

    def start(self) -> DesktopSession:
        base = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DBUS_", "GNOME_KEYRING", "XDG_", "SOCIALDESK_", "PYTHON_KEYRING"))
        }
        base.update(
            HOME=str(self.home),
            XDG_RUNTIME_DIR=str(self.runtime),
            XDG_DATA_HOME=str(self.home / ".local" / "share"),
            XDG_CONFIG_HOME=str(self.home / ".config"),
        )
        bus = subprocess.run(
            ["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1", "--nopidfile"],
            env=base,
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        )
        address, pid = bus.stdout.split()[:2]
        self._pids.append(int(pid))
        base["DBUS_SESSION_BUS_ADDRESS"] = address
        keyring = subprocess.run(
            ["gnome-keyring-daemon", "--unlock", "--components=secrets"],
            input="socialdesk-test\n",
            env=base,
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        )
        for line in keyring.stdout.splitlines():
            name, _, value = line.partition("=")
            if name == "GNOME_KEYRING_CONTROL":
                base[name] = value
        # The daemon forks away; it is ours if its environment names this session's runtime folder.
        self._pids.extend(pid for pid in _pids_with(str(self.runtime)) if pid not in self._pids)
        self.env = base
        return self

    def stop(self) -> None:
        for pid in reversed(self._pids):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 5
        for pid in self._pids:
            while time.monotonic() < deadline:
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.05)
        self._pids.clear()


def _pids_with(marker: str) -> list[int]:
    found: list[int] = []
    needle = f"XDG_RUNTIME_DIR={marker}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            if needle in (entry / "environ").read_bytes().split(b"\0"):
                found.append(int(entry.name))
    return found
