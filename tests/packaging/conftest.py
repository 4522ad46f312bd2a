"""The frozen bundle, built once per session with ``packaging/build.py`` and reused while unchanged.

The build lands in ``build/package`` (where ``python packaging/build.py`` and ``.ci/package`` put it)
with ``report.json`` naming the source digest it was made from. When that digest matches the tree,
the bundle, installers and sizes are reused, so reruns cost seconds; any change to ``desktop/``,
``resources/``, ``packaging/``, ``pyproject.toml`` or the installed packages rebuilds.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

from buildlib.project import source_digest  # noqa: E402

BUILD_OUT = ROOT / "build" / "package"
BUILD_TIMEOUT_SECONDS = 900


def load_build_script() -> ModuleType:
    """``packaging/build.py`` as a module (it is a script, and ``build`` is a PyPI name)."""
    spec = importlib.util.spec_from_file_location("socialdesk_build_script", ROOT / "packaging" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class FrozenBuild:
    report: dict[str, object]
    bundle: Path
    executable: Path
    artefacts: dict[str, Path]

    @property
    def internal(self) -> Path:
        return self.bundle / "_internal"


def _reusable(report_file: Path, digest: str | None) -> dict[str, object] | None:
    """The report if it describes a complete build (of the tree with ``digest``, when given)."""
    try:
        report = json.loads(report_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    artefacts = report.get("artefacts") or {}
    sizes = report.get("sizes") or {}
    complete = (
        (digest is None or report.get("digest") == digest)
        and Path(str(report.get("executable"))).is_file()
        and {"deb", "tar_gz"} <= set(artefacts)
        and all(Path(path).is_file() for path in artefacts.values())
        and sizes.get("baseline") is not None
    )
    return report if complete else None


def _build() -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.fail("PyInstaller is not installed: pip install -e '.[package]'")
    log_file = BUILD_OUT.parent / "package-build.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    env = {key: value for key, value in os.environ.items() if key != "SOCIALDESK_BASE_DIR"}
    with log_file.open("w", encoding="utf-8") as log:
        completed = subprocess.run(
            [sys.executable, str(ROOT / "packaging" / "build.py"), "--out", str(BUILD_OUT)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            timeout=BUILD_TIMEOUT_SECONDS,
            check=False,
        )
    if completed.returncode != 0:
        tail = "\n".join(log_file.read_text(encoding="utf-8").splitlines()[-40:])
        pytest.fail(f"packaging/build.py failed (exit {completed.returncode}), log {log_file}:\n{tail}")


@pytest.fixture(scope="session")
def frozen_build() -> FrozenBuild:
    digest = source_digest()
    report = _reusable(BUILD_OUT / "report.json", digest)
    if report is None:
        _build()
        # The build hashes the tree as it starts; files edited meanwhile just mean a rebuild next time.
        report = _reusable(BUILD_OUT / "report.json", None)
        if report is None:
            pytest.fail("packaging/build.py finished without a complete report for this tree")
    artefacts = report["artefacts"]
    assert isinstance(artefacts, dict)
    return FrozenBuild(
        report=report,
        bundle=Path(str(report["bundle"])),
        executable=Path(str(report["executable"])),
        artefacts={kind: Path(path) for kind, path in artefacts.items()},
    )
