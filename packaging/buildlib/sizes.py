"""Bundle sizes, unpacked and as ``.tar.gz``, and the side-by-side table the build prints.

The target is a bundle no larger than a bare PySide6 window frozen the same way: everything the
app adds (cryptography, SQLAlchemy, Alembic, httpx, keyring) must be paid for by leaving out the Qt
parts it doesn't use.
"""

from __future__ import annotations

import os
import tarfile
from dataclasses import asdict, dataclass
from pathlib import Path

MIB = 1024 * 1024
#: gzip's own default, so sizes match ``tar -czf``.
GZIP_LEVEL = 6


@dataclass(frozen=True, slots=True)
class Size:
    unpacked: int
    tar_gz: int

    def as_json(self) -> dict[str, int]:
        return asdict(self)


def folder_size(folder: Path) -> int:
    """Sum of the file sizes (symlinks counted once, as links), in bytes."""
    total = 0
    for dirpath, _dirnames, filenames in os.walk(folder):
        for name in filenames:
            total += (Path(dirpath) / name).lstat().st_size
    return total


def make_tar_gz(folder: Path, archive: Path, arcname: str | None = None) -> Path:
    """A ``.tar.gz`` with ``folder`` as its single top-level entry; owners are not recorded."""

    def anonymous(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    archive.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive, "w:gz", compresslevel=GZIP_LEVEL) as tar:
        tar.add(folder, arcname=arcname or folder.name, filter=anonymous)
    return archive


def measure(folder: Path, tar_gz: Path) -> Size:
    return Size(unpacked=folder_size(folder), tar_gz=tar_gz.stat().st_size)


def mib(size: int) -> str:
    return f"{size / MIB:.1f} MiB"


def size_table(app: Size, baseline: Size | None) -> str:
    """The report: the app next to the baseline, and the difference."""
    rows = [("", "unpacked", ".tar.gz"), ("socialdesk", mib(app.unpacked), mib(app.tar_gz))]
    if baseline is not None:
        rows.append(("bare PySide6 hello", mib(baseline.unpacked), mib(baseline.tar_gz)))
        rows.append(
            (
                "difference",
                f"{(app.unpacked - baseline.unpacked) / MIB:+.1f} MiB",
                f"{(app.tar_gz - baseline.tar_gz) / MIB:+.1f} MiB",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return "\n".join(f"{row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]:>{widths[2]}}" for row in rows)
