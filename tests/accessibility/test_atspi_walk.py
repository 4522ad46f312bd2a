"""The real window under Xvfb, as a screen reader meets it over AT-SPI, driven by the keyboard alone.

The window runs as its own process (``python -m desktop``) with Qt's accessibility bridge on; the
walker (tests/support/atspi_walker.py, run by the system Python, which has pyatspi) reads the tree
and sends real key presses through the AT-SPI registry. Walked: connect, an error, dismissing it,
switching workspace, filling the app form, and disconnecting with confirmation. Checked each time:
names, roles, states and the text read out.
"""

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

pytestmark = pytest.mark.real_keychain

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


#: A connection is an item of the connections list, read out as "@user, type, status, dates".
ROW_ROLE = "list item"
ROW_NAME = "@acme_business, Business"


def test_keyboard_alone_through_connect_error_workspace_form_and_disconnect(
    desktop: tuple[Walker, Path, Path],
) -> None:
    walk, control, _base = desktop
    # Every showing control has a name; no label's name hides the text it shows.
    for node in walk("nodes")["nodes"]:
        if node["role"] in ("push button", "text", "password text", "combo box", "check box", "list item"):
            assert node["name"].strip(), node
        if node["role"] == "label" and node["text"].strip() and node["name"]:
            assert node["text"].strip() in node["name"], node

    # Connect, with the keyboard alone.
    connect = walk.tab_to("push button", "Connect Instagram")
    assert {"enabled", "focusable", "focused", "showing"} <= set(connect["states"])
    walk("key", keysym="space")
    row = walk.node(role=ROW_ROLE, contains=ROW_NAME, timeout=40)
    assert "showing" in row["states"]
    notice = walk.node(role="label", contains="Connected @acme_business")
    assert notice["name"] == "Connected @acme_business."
    walk.node(role="image", name="Done")
    # The focus went to the new row, never to its Disconnect button.
    assert walk.focused()["name"].startswith(ROW_NAME)

    # An error: its message and its code are read out; the focus is on its primary action.
    control.write_text(json.dumps({"account": "jane.personal"}))
    walk.tab_to("push button", "Connect Instagram")
    walk("key", keysym="space")
    walk.node(role="panel", name="Error", timeout=40)
    message = walk.node(role="label", name="Connecting Instagram requires a Business or Creator account.")
    assert "showing" in message["states"]
    # The code label reads out the code itself, described as the error code.
    code = walk.node(role="label", name="instagram_no_business_account")
    assert code["description"] == "Error code"
    focused = walk.focused()
    assert (focused["role"], focused["name"]) == ("push button", "Connect again")
    walk("find", role="table", name="Troubleshooting table")
    # Dismiss it from the keyboard: the focus is back on Connect.
    walk.tab_to("push button", "Dismiss")
    walk("key", keysym="space")
    walk("find", role="panel", name="Error", absent=True)
    assert walk.focused()["name"] == "Connect Instagram"

    # Switch workspace with the keyboard.
    walk.tab_to("combo box", "My workspace")
    walk("key", keysym="Down")
    walk.node(role="label", name="No Instagram account connected yet", timeout=20)
    walk("find", role=ROW_ROLE, contains=ROW_NAME, absent=True)
    walk("key", keysym="Up")
    walk.node(role=ROW_ROLE, contains=ROW_NAME, timeout=20)
    # Churn: the list is reset again and again while a screen reader reads the whole tree.
    for _round in range(4):
        for keysym in ("Down", "Up"):
            walk("key", keysym=keysym)
            walk("nodes")
    walk.node(role=ROW_ROLE, contains=ROW_NAME, timeout=20)
    assert walk.focused()["role"] == "combo box"

    # Fill the app form: a wrong App ID is explained at the field.
    walk.tab_to("text", "Instagram App ID")
    walk("type", text="12ab")
    walk.tab_to("password text", "Instagram App Secret")
    walk("type", text="secret")
    walk.tab_to("push button", "Save Instagram app")
    walk("key", keysym="space")
    field_error = walk.node(role="label", contains="app_misconfigured", timeout=20)
    assert "The Instagram App ID is a number." in field_error["name"]
    assert walk.focused()["name"] == "Instagram App ID"

    # Disconnect, confirming in the dialog; its default is to keep the account.
    walk.tab_to("push button", "Disconnect @acme_business")
    walk("key", keysym="space")
    walk.node(role="push button", name="Disconnect @acme_business", timeout=10)
    keep = walk.focused(role="push button")
    assert keep["name"] == "Keep @acme_business connected"
    walk("key", keysym="Escape")
    walk.node(role=ROW_ROLE, contains=ROW_NAME)
    walk.tab_to("push button", "Disconnect @acme_business")
    walk("key", keysym="space")
    walk.focused(name="Keep @acme_business connected")
    walk("key", keysym="Tab")
    assert walk.focused()["name"] == "Disconnect @acme_business"
    walk("key", keysym="space")
    walk("find", role=ROW_ROLE, contains=ROW_NAME, absent=True, timeout=30)
    # The notice says what happened and what is left to do at Instagram.
    removed = walk.node(role="label", contains="Removed @acme_business from this workspace")
    assert "instagram.com/accounts/manage_access" in removed["name"]
