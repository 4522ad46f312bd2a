"""``packaging/build.py``: the installers it makes, and the size report against the bare baseline."""

from __future__ import annotations

import configparser
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from buildlib import BuildError
from buildlib.contact import shipped_contact
from buildlib.project import AppInfo, app_info

from desktop import APP_ID, __version__
from tests.packaging.conftest import ROOT, FrozenBuild, load_build_script

pytestmark = [
    pytest.mark.timeout(900),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux installers"),
]


def test_bundle_is_no_larger_than_a_bare_pyside6_window(frozen_build: FrozenBuild) -> None:
    sizes = frozen_build.report["sizes"]
    assert isinstance(sizes, dict)
    app, baseline = sizes["app"], sizes["baseline"]

    assert 0 < app["unpacked"] <= baseline["unpacked"]
    assert 0 < app["tar_gz"] <= baseline["tar_gz"]
    assert app["tar_gz"] == frozen_build.artefacts["tar_gz"].stat().st_size
    assert frozen_build.report["within_size_target"] is True


def test_tarball_holds_the_bundle_in_one_versioned_folder(frozen_build: FrozenBuild) -> None:
    top = f"socialdesk-{__version__}"
    with tarfile.open(frozen_build.artefacts["tar_gz"]) as tar:
        members = {m.name: m for m in tar.getmembers()}

    assert {name.split("/")[0] for name in members} == {top}
    launcher = members[f"{top}/socialdesk"]
    assert launcher.mode & 0o111
    assert (launcher.uid, launcher.gid, launcher.uname) == (0, 0, "")
    bundled = {
        p.relative_to(frozen_build.bundle).as_posix()
        for p in frozen_build.bundle.rglob("*")
        if p.is_file() or p.is_symlink()
    }
    assert {name.removeprefix(f"{top}/") for name, m in members.items() if not m.isdir()} == bundled


def _deb_field(deb: Path, field: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "--field", str(deb), field], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_deb_control_fields(frozen_build: FrozenBuild) -> None:
    deb = frozen_build.artefacts["deb"]
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True)

    assert _deb_field(deb, "Package") == "socialdesk"
    assert _deb_field(deb, "Version") == __version__
    assert _deb_field(deb, "Architecture") == arch.stdout.strip()
    assert _deb_field(deb, "Maintainer") == shipped_contact().maintainer
    assert _deb_field(deb, "Homepage") == shipped_contact().homepage
    assert deb.name == f"socialdesk_{__version__}_{arch.stdout.strip()}.deb"
    depends = [d.strip() for d in _deb_field(deb, "Depends").split(",")]
    assert depends[0].startswith("libc6 (>= ")
    assert {"libxcb1", "libegl1"} <= set(depends)
    installed_kib = int(_deb_field(deb, "Installed-Size"))
    assert installed_kib * 1024 >= frozen_build.report["sizes"]["app"]["unpacked"]  # type: ignore[index]


def test_deb_installs_to_opt_with_launcher_desktop_entry_icons_and_metainfo(
    frozen_build: FrozenBuild, tmp_path: Path
) -> None:
    deb = frozen_build.artefacts["deb"]
    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    entries = {line.split()[-1] if " -> " not in line else line.split()[-3]: line for line in listing}

    for path in (
        "./opt/socialdesk/socialdesk",
        "./usr/bin/socialdesk",
        f"./usr/share/applications/{APP_ID}.desktop",
        f"./usr/share/metainfo/{APP_ID}.metainfo.xml",
        f"./usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg",
        f"./usr/share/icons/hicolor/48x48/apps/{APP_ID}.png",
        f"./usr/share/icons/hicolor/512x512/apps/{APP_ID}.png",
        "./usr/share/doc/socialdesk/copyright",
    ):
        assert path in entries, path
    assert all(" root/root " in line for line in listing)
    assert entries["./usr/bin/socialdesk"].startswith("-rwxr-xr-x")
    assert entries["./opt/socialdesk/socialdesk"].startswith("-rwxr-xr-x")
    assert not any("__pycache__" in path for path in entries)
    assert all(
        path.startswith(("./opt/socialdesk", "./usr/")) or path in {"./", "./opt/"} for path in entries
    )

    subprocess.run(["dpkg-deb", "--extract", str(deb), str(tmp_path)], check=True)
    launcher = (tmp_path / "usr" / "bin" / "socialdesk").read_text(encoding="utf-8")
    assert 'exec /opt/socialdesk/socialdesk "$@"' in launcher
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(tmp_path / "usr" / "share" / "applications" / f"{APP_ID}.desktop", encoding="utf-8")
    assert entry["Desktop Entry"]["Exec"].split()[0] == "socialdesk"
    assert entry["Desktop Entry"]["Icon"] == APP_ID
    icon = tmp_path / "usr" / "share" / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png"
    assert icon.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (
        tmp_path / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    ).read_bytes() == (ROOT / "resources" / "icons" / "socialdesk.svg").read_bytes()


def test_build_report_records_version_and_smoke_test(frozen_build: FrozenBuild) -> None:
    assert frozen_build.report["version"] == __version__
    assert frozen_build.report["app_id"] == APP_ID
    assert frozen_build.report["smoke_test"] == f"socialdesk {__version__}: smoke test passed"
    assert frozen_build.executable.is_relative_to(frozen_build.bundle)


def test_the_build_refuses_metainfo_without_this_release() -> None:
    build = load_build_script()
    info = app_info()

    build.check_metadata(info)
    with pytest.raises(BuildError, match=re.escape("no <release> for version 99.0.0")):
        build.check_metadata(AppInfo(info.name, info.app_id, "99.0.0"))


def test_clean_empties_only_folders_the_build_made(tmp_path: Path) -> None:
    build = load_build_script()
    foreign = tmp_path / "documents"
    foreign.mkdir()
    (foreign / "letter.txt").write_text("keep me", encoding="utf-8")

    with pytest.raises(BuildError, match=re.escape("not made by build.py")):
        build.clean(foreign)
    assert (foreign / "letter.txt").read_text(encoding="utf-8") == "keep me"

    out = tmp_path / "out"
    build.clean(out)
    (out / "dist").mkdir()
    build.clean(out)
    assert [p.name for p in out.iterdir()] == [build.OUT_MARKER]
