"""Running PyInstaller: the app from its spec, and the bare "hello" window used as the size baseline."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from buildlib import BuildError
from buildlib.project import PACKAGING, ROOT, SPEC

HELLO_SCRIPT = PACKAGING / "hello" / "hello.py"


@dataclass(frozen=True, slots=True)
class Bundle:
    """A one-folder bundle: ``folder`` is what gets shipped, ``executable`` what runs the CLI."""

    folder: Path
    executable: Path
    #: The macOS ``.app``; None elsewhere.
    app: Path | None = None


def _pyinstaller(args: list[str], log_file: Path) -> None:
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", *args]
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with log_file.open("w", encoding="utf-8") as log:
        completed = subprocess.run(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, check=False)
    if completed.returncode != 0:
        tail = "\n".join(log_file.read_text(encoding="utf-8", errors="replace").splitlines()[-25:])
        raise BuildError(f"PyInstaller failed (exit {completed.returncode}); see {log_file}\n{tail}")


def app_bundle(dist: Path, platform: str = sys.platform) -> Bundle:
    """Where the spec puts the bundle on each OS."""
    if platform == "darwin":
        app = dist / "Socialdesk.app"
        return Bundle(folder=app, executable=app / "Contents" / "MacOS" / "Socialdesk", app=app)
    if platform == "win32":
        folder = dist / "Socialdesk"
        return Bundle(folder=folder, executable=folder / "socialdesk-cli.exe")
    folder = dist / "socialdesk"
    return Bundle(folder=folder, executable=folder / "socialdesk")


def freeze_app(out: Path, icons: Path) -> Bundle:
    dist, work = out / "dist", out / "work"
    _pyinstaller(
        ["--distpath", str(dist), "--workpath", str(work), str(SPEC), "--", "--icons", str(icons)],
        out / "logs" / "pyinstaller-socialdesk.log",
    )
    bundle = app_bundle(dist)
    if not bundle.executable.is_file():
        raise BuildError(f"PyInstaller finished but {bundle.executable} is missing")
    return bundle


def freeze_hello(out: Path) -> Path:
    """The baseline: a bare PySide6 window frozen with PyInstaller's defaults, one folder, windowed."""
    dist, work = out / "dist", out / "work"
    _pyinstaller(
        [
            "--onedir",
            "--windowed",
            "--name",
            "hello",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            "--specpath",
            str(work),
            str(HELLO_SCRIPT),
        ],
        out / "logs" / "pyinstaller-hello.log",
    )
    folder = dist / ("hello.app" if sys.platform == "darwin" else "hello")
    if not folder.exists():
        raise BuildError(f"PyInstaller finished but {folder} is missing")
    return folder
