"""``socialdesk --smoke-test`` on the frozen bundle, before any installer is made.

The build fails on a non-zero exit and on anything the app writes to stderr: a frozen app that
complains about a missing module or plugin while still passing is a bundle about to break.

On Linux without a session bus (a build container, an SSH session) the test runs under
``dbus-run-session`` with the throw-away gnome-keyring that ``.ci/with-keyring`` starts, so the
keychain check meets a real Secret Service rather than failing for want of one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from buildlib import BuildError
from buildlib.project import ROOT

WITH_KEYRING = ROOT / ".ci" / "with-keyring"
SMOKE_TIMEOUT_SECONDS = 120


@dataclass(frozen=True, slots=True)
class SmokeResult:
    returncode: int
    stdout: str
    stderr: str


def needs_private_session_bus(environ: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    return (
        sys.platform.startswith("linux")
        and not environ.get("DBUS_SESSION_BUS_ADDRESS")
        and shutil.which("dbus-run-session") is not None
        and shutil.which("gnome-keyring-daemon") is not None
    )


def run_smoke_test(executable: Path, *, timeout: float = SMOKE_TIMEOUT_SECONDS) -> SmokeResult:
    """Run the frozen ``--smoke-test`` in a fresh base dir; the app's own stderr is kept apart from
    the session bus's."""
    with tempfile.TemporaryDirectory(prefix="socialdesk-smoke-") as tmp:
        env = dict(os.environ)
        env["SOCIALDESK_BASE_DIR"] = str(Path(tmp) / "base")
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        stderr_file = Path(tmp) / "stderr.txt"
        command = [str(executable), "--smoke-test"]
        private_bus = needs_private_session_bus(env)
        if private_bus:
            env["SMOKE_STDERR_FILE"] = str(stderr_file)
            command = [
                "dbus-run-session",
                "--",
                "bash",
                str(WITH_KEYRING),
                "sh",
                "-c",
                'exec "$@" 2>"$SMOKE_STDERR_FILE"',
                "sh",
                *command,
            ]
        completed = subprocess.run(
            command,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            stdin=subprocess.DEVNULL,
        )
        stderr = completed.stderr
        if private_bus:
            stderr = stderr_file.read_text(encoding="utf-8", errors="replace") if stderr_file.exists() else ""
    return SmokeResult(completed.returncode, completed.stdout, stderr)


def check_smoke_test(executable: Path) -> SmokeResult:
    try:
        result = run_smoke_test(executable)
    except subprocess.TimeoutExpired as exc:
        raise BuildError(f"the frozen smoke test did not finish within {exc.timeout:.0f} s") from None
    if result.returncode != 0:
        raise BuildError(
            f"the frozen smoke test failed (exit {result.returncode}):\n{result.stdout}{result.stderr}"
        )
    if result.stderr.strip():
        raise BuildError(f"the frozen smoke test passed but wrote to stderr:\n{result.stderr}")
    return result
