"""The window as its own process under Xvfb with the accessibility bridge on, and an AT-SPI walker
(tests/support/atspi_walker.py, run by the system Python, which has pyatspi) to read it and press keys."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import FILL_CONSENT, ROOT, prepare_base_dir, socialdesk
from tests.support.processes import finish, log_text, spawn, wait_for
from tests.support.xvfb import xvfb_display

SYSTEM_PYTHON = "/usr/bin/python3"
WALKER = ROOT / "tests" / "support" / "atspi_walker.py"


def _pyatspi_missing() -> str | None:
    if not Path(SYSTEM_PYTHON).exists():
        return "no system Python"
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False)
    if probe.returncode != 0:
        return "python3-pyatspi is not installed (bash .ci/bootstrap installs it)"
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (bash .ci/bootstrap installs it)"
    return None


#: What a native crash of the window (SIGSEGV) is reported as. Connections are items of a painted
#: list, not widgets torn down and rebuilt, so nothing the bridge caches is deleted under it: a crash
#: fails the walk.
WINDOW_CRASHED = "the window crashed (SIGSEGV)"


class Walker:
    def __init__(self, env: dict[str, str]) -> None:
        self.window: subprocess.Popen[str] | None = None
        self.process = subprocess.Popen(
            [SYSTEM_PYTHON, str(WALKER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )

    def __call__(self, op: str, **args: Any) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"op": op, **args}) + "\n")
        self.process.stdin.flush()
        answer: dict[str, Any] = json.loads(self.process.stdout.readline())
        if not answer.pop("ok"):
            if self.window is not None and self.window.poll() == -11:
                raise AssertionError(f"{WINDOW_CRASHED} during {op}: {answer.get('error')}")
            raise AssertionError(f"{answer.get('error')}; showing now: {self.showing()}")
        return answer

    def showing(self) -> list[str]:
        """What a screen reader could read now (for failure messages)."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"op": "nodes"}) + "\n")
        self.process.stdin.flush()
        nodes = json.loads(self.process.stdout.readline()).get("nodes", [])
        return [
            f"{n['role']}:{n['name'] or n['text']}{' [focused]' if 'focused' in n['states'] else ''}"
            for n in nodes
            if n["name"] or n["text"] or "focused" in n["states"]
        ]

    def node(self, **query: Any) -> dict[str, Any]:
        found: dict[str, Any] = self("find", **query)["node"]
        return found

    def focused(self, **query: Any) -> dict[str, Any]:
        found: dict[str, Any] = self("focused", **query)["node"]
        return found

    def tab_to(self, role: str, name: str, limit: int = 40) -> dict[str, Any]:
        """Press Tab until ``name`` has the focus, as a keyboard user does."""
        for _ in range(limit):
            current = self("focused", timeout=5)["node"]
            if current["role"] == role and current["name"] == name:
                return current
            self("key", keysym="Tab")
        seen = [self("focused", timeout=5)["node"]["name"]]
        raise AssertionError(f"Tab never reached {role} {name!r}; focus stayed on {seen}")

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(10)
        if self.process.stdout is not None:
            self.process.stdout.close()


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[tuple[Walker, Path, Path]]:
    reason = _pyatspi_missing()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    base = prepare_base_dir(tmp_path / "base")
    created = socialdesk(base, "workspaces", "create", "Globex")
    assert created.returncode == 0, created.stderr
    control = tmp_path / "consent.json"
    control.write_text(json.dumps({"account": "acme_business"}))
    with xvfb_display() as display:
        env = {
            "QT_QPA_PLATFORM": "xcb",
            "DISPLAY": display,
            "QT_ACCESSIBILITY": "1",
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
            "BROWSER": f"{sys.executable} {FILL_CONSENT} %s",
            "CONSENT_FILE": str(control),
            "LANGUAGE": "en",
        }
        window = spawn(base, "--sandbox", "--no-crash-dialog", **env)
        walker = Walker({**os.environ, **env})
        walker.window = window
        try:
            wait_for(lambda: "sandbox mode: local Instagram" in log_text(base), 60, "the window")
            walker("wait_app", name="Socialdesk")
            walker("pointer")
            yield walker, control, base
        finally:
            walker.close()
            window.terminate()
            code, _, err = finish(window, timeout=30)
            assert code != -11, f"{WINDOW_CRASHED} on SIGTERM: {err}"
            assert code == 143, err
