"""The Linux metadata and the .deb layout, checked on a small stand-in bundle (no freezing)."""

from __future__ import annotations

import configparser
import shutil
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from buildlib.icons import build_icons
from buildlib.linux import HICOLOR_SIZES, compute_depends, glibc_version, stage_deb
from buildlib.project import app_info

from desktop import APP_ID, APP_NAME, __version__
from tests.packaging.conftest import ROOT

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("dpkg") is None, reason="Debian packaging"
)

LINUX = ROOT / "resources" / "linux"


def test_desktop_entry_launches_the_packaged_command_with_the_app_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]

    assert section["Type"] == "Application"
    assert section["Name"] == APP_NAME
    assert section["Exec"] == (ROOT / "packaging" / "linux" / "socialdesk").name
    assert section["Icon"] == APP_ID
    assert section["StartupWMClass"] == APP_NAME
    assert section["Categories"].endswith(";")


def test_metainfo_names_the_app_its_desktop_entry_binary_and_this_release() -> None:
    component = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()

    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == f"{APP_ID}.desktop"
    assert component.findtext("provides/binary") == "socialdesk"
    releases = [r.get("version") for r in component.findall("releases/release")]
    assert releases[0] == __version__


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli is not installed")
def test_metainfo_validates() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(LINUX / f"{APP_ID}.metainfo.xml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout


def _stand_in_bundle(root: Path) -> Path:
    bundle = root / "socialdesk"
    (bundle / "_internal" / "resources").mkdir(parents=True)
    shutil.copy2("/bin/sh", bundle / "socialdesk")
    (bundle / "_internal" / "resources" / "page.html").write_text("<p>hi</p>", encoding="utf-8")
    (bundle / "_internal" / "resources" / "page.html").chmod(0o600)
    return bundle


def test_depends_come_from_the_packages_owning_the_linked_system_libraries(tmp_path: Path) -> None:
    bundle = _stand_in_bundle(tmp_path)

    assert compute_depends(bundle) == (f"libc6 (>= {glibc_version()})",)


def test_staged_tree_has_every_file_in_place_with_normal_modes(tmp_path: Path) -> None:
    bundle = _stand_in_bundle(tmp_path)
    icons = build_icons(ROOT / "resources" / "icons" / "socialdesk.svg", tmp_path / "icons")
    info = app_info()

    staging = stage_deb(bundle, icons, info, tmp_path / "root", ("libc6 (>= 2.36)", "libxcb1"))

    assert (staging / "opt" / "socialdesk" / "socialdesk").read_bytes() == Path("/bin/sh").read_bytes()
    for size in HICOLOR_SIZES:
        assert (staging / "usr/share/icons/hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    page = staging / "opt/socialdesk/_internal/resources/page.html"
    assert stat.S_IMODE(page.stat().st_mode) == 0o644
    assert stat.S_IMODE((staging / "usr/bin/socialdesk").stat().st_mode) == 0o755
    assert stat.S_IMODE((staging / "opt/socialdesk/socialdesk").stat().st_mode) == 0o755
    control = (staging / "DEBIAN" / "control").read_text(encoding="utf-8")
    assert "@" not in control.replace("support@socialdesk.io", "")
    fields = dict(line.split(": ", 1) for line in control.splitlines() if line and not line.startswith(" "))
    assert fields["Version"] == __version__
    assert fields["Depends"] == "libc6 (>= 2.36), libxcb1"
    assert int(fields["Installed-Size"]) > 0
