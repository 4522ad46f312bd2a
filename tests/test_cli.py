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
