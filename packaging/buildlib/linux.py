"""Linux installers: a ``.tar.gz`` of the bundle, and a ``.deb`` that installs it to /opt.

The ``.deb`` puts the bundle in ``/opt/socialdesk``, a launcher in ``/usr/bin/socialdesk``, the
desktop entry, the icons (hicolor, every size plus the SVG) and the AppStream metainfo under
``/usr/share``. Menus and icon caches refresh through the dpkg triggers of desktop-file-utils and
hicolor-icon-theme, so the package needs no maintainer scripts and removes without leftovers.

``Depends`` lists the packages that provide the libraries the bundle links to but does not carry
(PyInstaller leaves out libc, OpenGL/EGL, libxcb and Wayland, which must match the running system).
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path

from buildlib import BuildError
from buildlib.contact import fill, shipped_contact
from buildlib.icons import IconSet
from buildlib.project import LINUX_METADATA, PACKAGING, AppInfo

PACKAGE = "socialdesk"
INSTALL_DIR = Path("opt") / PACKAGE
LINUX_PACKAGING = PACKAGING / "linux"
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
_LDD_LINE = re.compile(r"^\s*(\S+)\s+=>\s+(\S+)\s+\(0x[0-9a-f]+\)\s*$")


@dataclass(frozen=True, slots=True)
class DebPackage:
    path: Path
    depends: tuple[str, ...]


def deb_architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def tarball_name(info: AppInfo, machine: str) -> str:
    return f"{PACKAGE}-{info.version}-linux-{machine}.tar.gz"


def _is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"\x7fELF"
    except OSError:
        return False


def external_libraries(bundle: Path) -> set[Path]:
    """Libraries the bundle's binaries load from the system, as the frozen app would resolve them
    (the bootloader puts ``_internal`` on ``LD_LIBRARY_PATH``)."""
    internal = bundle / "_internal"
    env = dict(os.environ, LD_LIBRARY_PATH=str(internal))
    found: set[Path] = set()
    missing: set[str] = set()
    for path in sorted(bundle.rglob("*")):
        if path.is_symlink() or not path.is_file() or not _is_elf(path):
            continue
        completed = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env, check=False)
        for line in completed.stdout.splitlines():
            if "=> not found" in line:
                missing.add(line.split()[0])
                continue
            match = _LDD_LINE.match(line)
            if match is None:
                continue
            resolved = Path(match.group(2)).resolve()
            if not resolved.is_relative_to(bundle.resolve()):
                found.add(Path(match.group(2)))
    if missing:
        raise BuildError(
            f"bundle libraries link to libraries this system lacks: {', '.join(sorted(missing))}"
        )
    return found


def _dpkg_owner(paths: list[Path]) -> dict[Path, str]:
    """The package owning each path (``dpkg -S``), trying the merged-/usr spelling too."""
    owners: dict[Path, str] = {}
    for path in paths:
        candidates = [str(path), str(path.resolve())]
        text = str(path)
        if text.startswith("/lib"):
            candidates.append("/usr" + text)
        elif text.startswith("/usr/lib"):
            candidates.append(text[len("/usr") :])
        for candidate in dict.fromkeys(candidates):
            completed = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True, check=False)
            for line in completed.stdout.splitlines():
                package, _, owned = line.partition(": ")
                if owned.strip() == candidate and not package.startswith("diversion"):
                    owners[path] = package.split(",")[0].split(":")[0].strip()
                    break
            if path in owners:
                break
    return owners


def glibc_version() -> str:
    """The running glibc's version (``"2.36"``): the bundle's binaries need at least this one."""
    reported = os.confstr("CS_GNU_LIBC_VERSION")  # "glibc 2.36"
    if not reported:
        raise BuildError("not a glibc system: cannot state the libc6 dependency")
    return reported.split()[-1]


def compute_depends(bundle: Path) -> tuple[str, ...]:
    libraries = sorted(external_libraries(bundle))
    owners = _dpkg_owner(libraries)
    unowned = [str(path) for path in libraries if path not in owners]
    if unowned:
        raise BuildError(f"no installed package owns {', '.join(unowned)}: cannot write Depends")
    packages = sorted(set(owners.values()) - {"libc6"})
    return (f"libc6 (>= {glibc_version()})", *packages)


def _normalise_modes(root: Path) -> None:
    """Directories 0755, executables 0755, everything else 0644 (owners are set by dpkg-deb)."""
    for dirpath, dirnames, filenames in os.walk(root):
        os.chmod(dirpath, 0o755)
        for name in filenames:
            path = Path(dirpath) / name
            if path.is_symlink():
                continue
            executable = path.stat().st_mode & (stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
            path.chmod(0o755 if executable else 0o644)
        for name in dirnames:
            os.chmod(Path(dirpath) / name, 0o755)


def _tree_size_kib(root: Path) -> int:
    total = 0
    for dirpath, _dirnames, filenames in os.walk(root):
        for name in filenames:
            total += (Path(dirpath) / name).lstat().st_size
    return (total + 1023) // 1024


def stage_deb(bundle: Path, icons: IconSet, info: AppInfo, staging: Path, depends: tuple[str, ...]) -> Path:
    """Lay out the package tree under ``staging``; returns it."""
    if staging.exists():
        shutil.rmtree(staging)
    shutil.copytree(bundle, staging / INSTALL_DIR, symlinks=True)
    usr = staging / "usr"
    (usr / "bin").mkdir(parents=True)
    shutil.copy2(LINUX_PACKAGING / PACKAGE, usr / "bin" / PACKAGE)
    (usr / "share" / "applications").mkdir(parents=True)
    shutil.copy2(
        LINUX_METADATA / f"{info.app_id}.desktop", usr / "share" / "applications" / f"{info.app_id}.desktop"
    )
    (usr / "share" / "metainfo").mkdir(parents=True)
    shutil.copy2(
        LINUX_METADATA / f"{info.app_id}.metainfo.xml",
        usr / "share" / "metainfo" / f"{info.app_id}.metainfo.xml",
    )
    hicolor = usr / "share" / "icons" / "hicolor"
    for size in HICOLOR_SIZES:
        folder = hicolor / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        shutil.copy2(icons.png(size), folder / f"{info.app_id}.png")
    (hicolor / "scalable" / "apps").mkdir(parents=True)
    shutil.copy2(icons.svg, hicolor / "scalable" / "apps" / f"{info.app_id}.svg")
    doc = usr / "share" / "doc" / PACKAGE
    doc.mkdir(parents=True)
    contact = shipped_contact()
    (doc / "copyright").write_text(
        fill((LINUX_PACKAGING / "copyright").read_text(encoding="utf-8"), contact), encoding="utf-8"
    )
    _normalise_modes(staging)

    control = fill((LINUX_PACKAGING / "control.in").read_text(encoding="utf-8"), contact)
    for key, value in {
        "@VERSION@": info.version,
        "@ARCH@": deb_architecture(),
        "@INSTALLED_SIZE@": str(_tree_size_kib(staging)),
        "@DEPENDS@": ", ".join(depends),
    }.items():
        control = control.replace(key, value)
    debian = staging / "DEBIAN"
    debian.mkdir(mode=0o755)
    (debian / "control").write_text(control, encoding="utf-8")
    (debian / "control").chmod(0o644)
    shutil.copy2(LINUX_PACKAGING / "postrm", debian / "postrm")
    (debian / "postrm").chmod(0o755)
    return staging


def build_deb(bundle: Path, icons: IconSet, info: AppInfo, out: Path) -> DebPackage:
    depends = compute_depends(bundle)
    arch = deb_architecture()
    staging = stage_deb(bundle, icons, info, out / "deb-root", depends)
    target = out / f"{PACKAGE}_{info.version}_{arch}.deb"
    target.unlink(missing_ok=True)
    # xz at level 1: about a tenth larger than level 6 in a seventh of the time on two cores.
    completed = subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "-z1", "--build", str(staging), str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise BuildError(f"dpkg-deb failed:\n{completed.stderr}")
    shutil.rmtree(staging)
    return DebPackage(path=target, depends=depends)


def validate_metadata(info: AppInfo) -> list[str]:
    """Run the desktop-entry and AppStream validators that are installed; returns their complaints."""
    problems: list[str] = []
    desktop = LINUX_METADATA / f"{info.app_id}.desktop"
    metainfo = LINUX_METADATA / f"{info.app_id}.metainfo.xml"
    if shutil.which("desktop-file-validate"):
        completed = subprocess.run(
            ["desktop-file-validate", str(desktop)], capture_output=True, text=True, check=False
        )
        if completed.returncode != 0:
            problems.append(f"desktop-file-validate: {completed.stdout.strip()}")
    if shutil.which("appstreamcli"):
        completed = subprocess.run(
            ["appstreamcli", "validate", "--no-net", str(metainfo)],
            capture_output=True,
            text=True,
            check=False,
        )
        if completed.returncode != 0:
            problems.append(f"appstreamcli: {completed.stdout.strip()}")
    return problems
