"""Folders and files only their owner can read: the data, logs and caches hold account details.

``mkdir(mode=0o700)`` only applies to a folder it creates, so a folder left 0755 by an older version,
a restored backup or a hand-made ``--base-dir`` stays open; these helpers tighten what already exists.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def ensure_private_dir(folder: Path) -> Path:
    """Create ``folder`` (and parents) and make ``folder`` itself owner-only, if it is not already."""
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    _tighten(folder, PRIVATE_DIR_MODE)
    return folder


def tighten_file(path: Path) -> None:
    """Make an existing file owner-only; a missing file is fine."""
    _tighten(path, PRIVATE_FILE_MODE)


def _tighten(path: Path, mode: int) -> None:
    # Not on Windows, where POSIX modes mean little; the profile folder is already private there.
    if os.name != "posix":
        return
    with contextlib.suppress(FileNotFoundError):
        if path.stat().st_mode & 0o777 != mode:
            os.chmod(path, mode)
