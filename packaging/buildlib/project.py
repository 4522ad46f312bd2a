"""Facts about the project the build needs, read from the tree without importing the app."""

from __future__ import annotations

import ast
import hashlib
import importlib.metadata
import platform
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "socialdesk.spec"
RESOURCES = ROOT / "resources"
APP_SVG_ICON = RESOURCES / "icons" / "socialdesk.svg"
LINUX_METADATA = RESOURCES / "linux"

#: What a frozen bundle is made of; a change to any of these means a new bundle.
SOURCE_PARTS = ("desktop", "resources", "packaging", "pyproject.toml")
#: Under SOURCE_PARTS but in no bundle or installer (the spec leaves them out too).
NOT_SHIPPED = ("resources/screenshots", "packaging/README.md")


@dataclass(frozen=True, slots=True)
class AppInfo:
    name: str
    app_id: str
    version: str


def app_info(root: Path = ROOT) -> AppInfo:
    """Name, reverse-DNS id and version from ``desktop/__init__.py``."""
    tree = ast.parse((root / "desktop" / "__init__.py").read_text(encoding="utf-8"))
    values: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                    values[target.id] = node.value.value
    return AppInfo(name=values["APP_NAME"], app_id=values["APP_ID"], version=values["__version__"])


def _source_files(root: Path) -> list[Path]:
    files: list[Path] = []
    for part in SOURCE_PARTS:
        path = root / part
        if path.is_file():
            files.append(path)
            continue
        for child in path.rglob("*"):
            relative = child.relative_to(root).as_posix()
            if (
                child.is_file()
                and "__pycache__" not in child.parts
                and child.suffix not in {".pyc", ".pyo"}
                and not any(relative == part or relative.startswith(f"{part}/") for part in NOT_SHIPPED)
            ):
                files.append(child)
    return sorted(files)


def source_digest(root: Path = ROOT) -> str:
    """A hash of everything that goes into a bundle: sources, resources, packaging, the installed
    distributions and the Python build. Equal digests mean an existing bundle can be reused."""
    digest = hashlib.sha256()
    for path in _source_files(root):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    # Installed distributions only: what sys.path adds on top (a checkout's egg-info) varies by caller.
    site_packages = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    distributions = sorted(
        {
            f"{dist.metadata['Name']}=={dist.version}"
            for dist in importlib.metadata.distributions(path=site_packages)
        }
    )
    digest.update("\n".join(distributions).encode())
    digest.update(f"{sys.version}|{platform.machine()}|{sys.platform}".encode())
    return digest.hexdigest()[:16]


def qt_modules_used(package: Path = ROOT / "desktop") -> set[str]:
    """The ``PySide6.Qt*`` modules the app's code imports (``{"QtCore", "QtGui", ...}``).

    The spec leaves every other Qt module out: PyInstaller's Qt hooks otherwise add modules that the
    Qt libraries merely link to (QtDBus, QtNetwork...), with their plugins and libraries.
    """
    used: set[str] = set()
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module == "PySide6":
                    names = [f"PySide6.{alias.name}" for alias in node.names]
                else:
                    names = [node.module]
            for name in names:
                parts = name.split(".")
                if parts[0] == "PySide6" and len(parts) > 1 and parts[1].startswith("Qt"):
                    used.add(parts[1])
    return used


def qt_modules_available() -> set[str]:
    """Every ``PySide6.Qt*`` extension module installed."""
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return set()
    modules: set[str] = set()
    for folder in spec.submodule_search_locations:
        for path in Path(folder).glob("Qt*"):
            if path.is_file() and path.suffix in {".so", ".pyd"}:
                modules.add(path.name.split(".")[0])
    return modules
