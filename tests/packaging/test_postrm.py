"""The .deb's postrm: on purge it undoes system-wide trust and says how to undo each user's."""

from __future__ import annotations

import subprocess
from pathlib import Path

POSTRM = Path(__file__).resolve().parents[2] / "packaging" / "linux" / "postrm"


def test_postrm_is_valid_sh_and_executable() -> None:
    assert POSTRM.stat().st_mode & 0o111
    subprocess.run(["sh", "-n", str(POSTRM)], check=True)


def test_remove_is_silent_and_purge_says_how_to_undo_browser_trust() -> None:
    removed = subprocess.run(["sh", str(POSTRM), "remove"], capture_output=True, text=True, check=True)
    assert removed.stdout == ""
    purged = subprocess.run(["sh", str(POSTRM), "purge"], capture_output=True, text=True, check=True)
    assert "socialdesk tls untrust" in purged.stdout
    assert "certutil -D" in purged.stdout


def test_an_unknown_argument_fails() -> None:
    assert subprocess.run(["sh", str(POSTRM), "bogus"], capture_output=True).returncode == 1
