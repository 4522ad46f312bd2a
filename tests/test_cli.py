"""The command line as a user runs it: a real subprocess of ``python -m desktop``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop import __version__

ROOT = Path(__file__).resolve().parents[1]


def run_cli(
    *args: str, base_dir: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SOCIALDESK_BASE_DIR": str(base_dir)}
    full_env.setdefault("PYTHON_KEYRING_BACKEND", "tests.support.memory_keyring.MemoryKeyring")
    if env:
        full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_version(base_dir: Path) -> None:
    result = run_cli("--version", base_dir=base_dir)
    assert result.returncode == 0
    assert result.stdout.strip() == f"socialdesk {__version__}"


def test_smoke_test_passes_offscreen(base_dir: Path) -> None:
    result = run_cli("--smoke-test", base_dir=base_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "smoke test passed" in result.stdout


def test_smoke_test_reports_a_dead_keychain(base_dir: Path) -> None:
    result = run_cli(
        "--smoke-test", base_dir=base_dir, env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    )
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("keyring:")


def test_base_dir_flag_puts_logs_there(tmp_path: Path, base_dir: Path) -> None:
    target = tmp_path / "elsewhere"
    result = run_cli("--base-dir", str(target), "--smoke-test", base_dir=base_dir)
    assert result.returncode == 0, result.stderr
    assert (target / "logs" / "socialdesk.log").is_file()
    assert (target / "config").is_dir() and (target / "data").is_dir()
    assert not (base_dir / "logs" / "socialdesk.log").exists()


def test_opening_the_window_does_not_load_the_commands() -> None:
    """The window's start path skips the headless commands' imports (SQLAlchemy, httpx, alembic)."""
    code = (
        "import sys\n"
        "from desktop import cli\n"
        "cli.build_parser(with_commands=cli._wants_commands(['--base-dir', 'x', '--no-crash-dialog']))\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'httpx', 'alembic')]\n"
        "print(len(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0"


def test_a_mistyped_command_lists_the_real_ones(base_dir: Path) -> None:
    result = run_cli("conections", "list", base_dir=base_dir)
    assert result.returncode == 2
    assert "connections" in result.stderr and "invalid choice" in result.stderr


def test_with_the_window_open_sandbox_commands_defer_to_it(base_dir: Path) -> None:
    """The window owns the data folder's sandbox: a second one would replace its app secret."""
    from desktop.core.settings import Paths
    from desktop.core.store.instance_lock import InstanceLock

    paths = Paths.resolve(base_dir).ensure()
    with InstanceLock(paths.lock_file):
        connect = run_cli("connections", "connect", "--no-browser", base_dir=base_dir)
        listed = run_cli("connections", "list", "--json", base_dir=base_dir)
        state_files = list(paths.sandbox_dir.glob("*")) if paths.sandbox_dir.exists() else []
    assert connect.returncode == 1
    assert "error: already_running: Socialdesk is already running." in connect.stderr
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.strip() == "[]"
    assert state_files == []  # listing never touched the sandbox's files
