"""The build's smoke-test step fails on a non-zero exit and on anything written to stderr."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from buildlib import BuildError
from buildlib.smoke import check_smoke_test, needs_private_session_bus, run_smoke_test

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses shell scripts as stand-in apps")


def _fake_app(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "fake-socialdesk"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return script


def test_a_clean_pass_is_returned_with_its_output(tmp_path: Path) -> None:
    app = _fake_app(tmp_path, 'echo "ok: $1 in $SOCIALDESK_BASE_DIR"')

    result = check_smoke_test(app)

    assert result.returncode == 0
    assert result.stdout.startswith("ok: --smoke-test in ")
    assert "socialdesk-smoke-" in result.stdout


def test_a_failing_check_fails_the_build_with_its_lines(tmp_path: Path) -> None:
    app = _fake_app(tmp_path, 'echo "keyring: the keychain did not answer"; exit 1')

    with pytest.raises(BuildError, match=r"exit 1\):\nkeyring: the keychain did not answer"):
        check_smoke_test(app)


def test_stderr_fails_the_build_even_when_the_checks_pass(tmp_path: Path) -> None:
    app = _fake_app(tmp_path, 'echo "passed"; echo "qt.qpa.plugin: could not load xcb" >&2')

    with pytest.raises(BuildError, match=re.escape("wrote to stderr:\nqt.qpa.plugin: could not load xcb")):
        check_smoke_test(app)

    assert run_smoke_test(app).stderr.strip() == "qt.qpa.plugin: could not load xcb"


def test_a_private_session_bus_is_used_only_without_one() -> None:
    assert not needs_private_session_bus({"DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1000/bus"})
    if sys.platform.startswith("linux"):
        from shutil import which

        expected = which("dbus-run-session") is not None and which("gnome-keyring-daemon") is not None
        assert needs_private_session_bus({}) is expected
