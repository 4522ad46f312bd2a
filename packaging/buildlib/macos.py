"""macOS installer: a compressed ``.dmg`` holding ``Socialdesk.app`` and a link to /Applications.

Signing happens in PyInstaller (``SOCIALDESK_CODESIGN_IDENTITY``, hardened runtime entitlements in
``packaging/macos/entitlements.plist``); notarisation is a release step described in the README.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from buildlib import BuildError
from buildlib.project import AppInfo


def dmg_name(info: AppInfo, machine: str) -> str:
    return f"Socialdesk-{info.version}-macos-{machine}.dmg"


def build_dmg(app: Path, info: AppInfo, out: Path, machine: str) -> Path:
    staging = out / "dmg-root"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    # ditto keeps the bundle's symlinks, extended attributes and signature intact.
    subprocess.run(["ditto", str(app), str(staging / app.name)], check=True)
    os.symlink("/Applications", staging / "Applications")
    target = out / dmg_name(info, machine)
    target.unlink(missing_ok=True)
    completed = subprocess.run(
        [
            "hdiutil",
            "create",
            "-volname",
            f"Socialdesk {info.version}",
            "-srcfolder",
            str(staging),
            "-fs",
            "HFS+",
            "-format",
            "UDZO",
            "-ov",
            str(target),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    shutil.rmtree(staging)
    if completed.returncode != 0:
        raise BuildError(f"hdiutil failed:\n{completed.stdout}{completed.stderr}")
    identity = os.environ.get("SOCIALDESK_CODESIGN_IDENTITY")
    if identity:
        subprocess.run(["codesign", "--sign", identity, "--timestamp", str(target)], check=True)
    return target
