"""Windows installer: Inno Setup compiles ``packaging/windows/socialdesk.iss`` into a setup ``.exe``.

The script is always rendered; it is compiled when ``ISCC.exe`` is on PATH (or in its usual
folder), so a machine without Inno Setup still gets a bundle and the exact command to finish.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from buildlib import BuildError
from buildlib.icons import IconSet
from buildlib.project import PACKAGING, AppInfo

ISS = PACKAGING / "windows" / "socialdesk.iss"


@dataclass(frozen=True, slots=True)
class WindowsInstaller:
    command: list[str]
    #: The setup program, or None when Inno Setup is not installed.
    path: Path | None


def find_iscc() -> str | None:
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return found
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        if base:
            candidate = Path(base) / "Inno Setup 6" / "ISCC.exe"
            if candidate.is_file():
                return str(candidate)
    return None


def setup_name(info: AppInfo) -> str:
    return f"Socialdesk-{info.version}-windows-setup"


def build_setup(bundle: Path, icons: IconSet, info: AppInfo, out: Path) -> WindowsInstaller:
    defines = {
        "AppVersion": info.version,
        "AppId": info.app_id,
        "SourceDir": str(bundle),
        "SetupIcon": str(icons.ico),
        "OutputDir": str(out),
        "OutputBaseFilename": setup_name(info),
    }
    iscc = find_iscc()
    command = [iscc or "ISCC.exe", *(f"/D{key}={value}" for key, value in defines.items()), str(ISS)]
    if iscc is None:
        return WindowsInstaller(command=command, path=None)
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise BuildError(f"Inno Setup failed:\n{completed.stdout}{completed.stderr}")
    return WindowsInstaller(command=command, path=out / f"{setup_name(info)}.exe")
