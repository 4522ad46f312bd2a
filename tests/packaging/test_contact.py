"""The maintainer and homepage the installers show: one source, no placeholder, no bundle build needed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from buildlib import BuildError
from buildlib.contact import Contact, check_contact, fill, metainfo_problems, read_contact, shipped_contact
from buildlib.icons import IconSet
from buildlib.linux import HICOLOR_SIZES, stage_deb
from buildlib.project import LINUX_METADATA, app_info

from tests.packaging.conftest import ROOT, load_build_script

LINUX = ROOT / "packaging" / "linux"


def test_the_project_names_a_real_maintainer_and_homepage() -> None:
    contact = read_contact()
    assert check_contact(contact) == []
    assert shipped_contact() == contact


def test_the_deb_control_and_copyright_take_both_from_pyproject() -> None:
    contact = shipped_contact()
    control = fill((LINUX / "control.in").read_text(encoding="utf-8"), contact)
    copyright_text = fill((LINUX / "copyright").read_text(encoding="utf-8"), contact)

    fields = dict(re.findall(r"^([A-Za-z-]+): (.*)$", control, re.MULTILINE))
    assert fields["Maintainer"] == contact.maintainer
    assert fields["Homepage"] == contact.homepage
    assert f"Source: {contact.homepage}\n" in copyright_text
    # Nowhere but pyproject.toml holds the values themselves.
    for template in ("control.in", "copyright"):
        text = (LINUX / template).read_text(encoding="utf-8")
        assert contact.maintainer_email not in text
        assert contact.homepage not in text


def test_the_metainfo_names_the_same_homepage() -> None:
    metainfo = (LINUX_METADATA / f"{app_info().app_id}.metainfo.xml").read_text(encoding="utf-8")
    assert metainfo_problems(metainfo, shipped_contact()) == []
    other = Contact("Socialdesk", "support@socialdesk.io", "https://www.socialdesk.io")
    assert metainfo_problems(metainfo, other) != []


@pytest.mark.parametrize(
    ("name", "email", "homepage", "complaint"),
    [
        ("Socialdesk", "support@example.com", "https://example.com", "reserved domain"),
        ("Socialdesk", "maintainer@socialdesk.example", "https://socialdesk.example", "reserved domain"),
        ("Socialdesk", "noreply@socialdesk.io", "https://socialdesk.io", "placeholder"),
        ("TODO", "support@socialdesk.io", "https://socialdesk.io", "placeholder"),
        ("Your Name", "support@socialdesk.io", "https://socialdesk.io", "placeholder"),
        ("Socialdesk", "@MAINTAINER_EMAIL@", "https://socialdesk.io", "not an address"),
        ("Socialdesk", "support@socialdesk.io", "http://socialdesk.io", "not an https address"),
        ("Socialdesk", "support@socialdesk.io", "https://localhost", "not an https address"),
        ("Socialdesk", "support@socialdesk.io", "https://socialdesk.test", "reserved domain"),
        ("Socialdesk", "support@socialdesk.io", "https://another.org", "not the homepage's"),
        ("", "support@socialdesk.io", "https://socialdesk.io", "empty"),
    ],
)
def test_a_placeholder_is_refused(name: str, email: str, homepage: str, complaint: str) -> None:
    problems = check_contact(Contact(name, email, homepage))
    assert any(complaint in problem for problem in problems), problems


def test_the_build_stops_on_a_placeholder_in_pyproject(tmp_path: Path) -> None:
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    text = (tmp_path / "pyproject.toml").read_text(encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        text.replace('Homepage = "https://socialdesk.io"', 'Homepage = "https://example.org"'),
        encoding="utf-8",
    )
    with pytest.raises(BuildError, match="reserved domain"):
        shipped_contact(tmp_path)


def test_the_build_stops_on_a_metainfo_without_the_homepage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build = load_build_script()
    info = app_info()
    build.check_metadata(info)
    metainfo = (LINUX_METADATA / f"{info.app_id}.metainfo.xml").read_text(encoding="utf-8")
    (tmp_path / f"{info.app_id}.metainfo.xml").write_text(
        re.sub(r'<url type="homepage">[^<]*</url>', "", metainfo), encoding="utf-8"
    )
    monkeypatch.setattr(build, "LINUX_METADATA", tmp_path)
    with pytest.raises(BuildError, match="homepage"):
        build.check_metadata(info)


def test_the_staged_deb_carries_the_maintainer_homepage_and_source(tmp_path: Path) -> None:
    """The real staging step on a stand-in bundle: no freeze, the same control and copyright code."""
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "socialdesk").write_text("#!/bin/sh\n", encoding="utf-8")
    icons = IconSet(folder=tmp_path / "icons", svg=ROOT / "resources" / "icons" / "socialdesk.svg")
    icons.folder.mkdir()
    for size in HICOLOR_SIZES:
        icons.png(size).write_bytes(b"\x89PNG\r\n\x1a\n")
    staging = stage_deb(bundle, icons, app_info(), tmp_path / "deb-root", ("libc6 (>= 2.36)",))

    contact = shipped_contact()
    control = (staging / "DEBIAN" / "control").read_text(encoding="utf-8")
    assert f"Maintainer: {contact.maintainer}\n" in control
    assert f"Homepage: {contact.homepage}\n" in control
    assert not re.search(r"@[A-Z_]+@", control), control
    copyright_text = (staging / "usr" / "share" / "doc" / "socialdesk" / "copyright").read_text(
        encoding="utf-8"
    )
    assert f"Source: {contact.homepage}\n" in copyright_text
    assert "@HOMEPAGE@" not in copyright_text
