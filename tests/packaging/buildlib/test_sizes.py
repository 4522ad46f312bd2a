"""Sizes of a bundle folder and its archive, and the side-by-side report."""

from __future__ import annotations

import tarfile
from pathlib import Path

from buildlib.sizes import MIB, Size, folder_size, make_tar_gz, measure, size_table


def _tree(root: Path) -> Path:
    (root / "app" / "lib").mkdir(parents=True)
    (root / "app" / "run").write_bytes(b"x" * 1000)
    (root / "app" / "lib" / "data.bin").write_bytes(b"y" * 3000)
    (root / "app" / "lib" / "link").symlink_to("data.bin")
    return root / "app"


def test_folder_size_counts_files_once_and_links_as_links(tmp_path: Path) -> None:
    folder = _tree(tmp_path)

    assert folder_size(folder) == 1000 + 3000 + len("data.bin")


def test_tar_gz_has_one_top_folder_anonymous_owners_and_kept_links(tmp_path: Path) -> None:
    folder = _tree(tmp_path)

    archive = make_tar_gz(folder, tmp_path / "out" / "app.tar.gz", "app-1.0")

    with tarfile.open(archive) as tar:
        members = {m.name: m for m in tar.getmembers()}
    assert set(members) == {
        "app-1.0",
        "app-1.0/run",
        "app-1.0/lib",
        "app-1.0/lib/data.bin",
        "app-1.0/lib/link",
    }
    assert members["app-1.0/lib/link"].issym()
    assert all((m.uid, m.gid, m.uname, m.gname) == (0, 0, "", "") for m in members.values())
    assert measure(folder, archive) == Size(unpacked=folder_size(folder), tar_gz=archive.stat().st_size)


def test_size_table_puts_the_app_next_to_the_baseline_with_the_difference() -> None:
    table = size_table(Size(140 * MIB, 57 * MIB), Size(170 * MIB, 65 * MIB + MIB // 2))

    lines = table.splitlines()
    assert lines[0].split() == ["unpacked", ".tar.gz"]
    assert lines[1].split() == ["socialdesk", "140.0", "MiB", "57.0", "MiB"]
    assert lines[2].split() == ["bare", "PySide6", "hello", "170.0", "MiB", "65.5", "MiB"]
    assert lines[3].split() == ["difference", "-30.0", "MiB", "-8.5", "MiB"]


def test_size_table_without_a_baseline_shows_the_app_alone() -> None:
    assert len(size_table(Size(MIB, MIB), None).splitlines()) == 2
