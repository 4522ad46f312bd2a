"""Build Socialdesk's app bundle and this OS's installer: ``python packaging/build.py``.

clean → icons → freeze (``packaging/socialdesk.spec``) → ``--smoke-test`` on the frozen app → the
installer (Linux: ``.tar.gz`` and ``.deb``; macOS: ``.dmg``; Windows: Inno Setup ``.exe``) → the size
baseline (a bare PySide6 window frozen the same way) and the two sizes side by side.

Everything lands in ``--out`` (default ``build/package``), with ``report.json`` describing the result.
Runs in ``.venv`` with the ``package`` extra; on a fresh Debian/Ubuntu clone it sets that up first
(``.ci/bootstrap``, then ``pip install -e '.[package]'``) and reruns itself there.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from buildlib import BuildError
from buildlib.contact import metainfo_problems, shipped_contact
from buildlib.freeze import Bundle, freeze_app, freeze_hello
from buildlib.icons import IconSet, build_icons
from buildlib.project import APP_SVG_ICON, LINUX_METADATA, ROOT, AppInfo, app_info, source_digest
from buildlib.sizes import Size, make_tar_gz, measure, size_table
from buildlib.smoke import check_smoke_test

T = TypeVar("T")
DEFAULT_OUT = ROOT / "build" / "package"
REPORT_FILE = "report.json"


def _step(title: str, action: Callable[[], T]) -> T:
    print(f"==> {title}", flush=True)
    started = time.monotonic()
    result = action()
    print(f"    done in {time.monotonic() - started:.1f} s", flush=True)
    return result


def machine() -> str:
    """``x86_64``, ``arm64``…, as used in artefact names."""
    name = platform.machine().lower()
    return {"amd64": "x86_64", "aarch64": "arm64"}.get(name, name)


def check_metadata(info: AppInfo) -> None:
    """The Linux metadata must name this version: a stale release entry misleads software centres."""
    metainfo = (LINUX_METADATA / f"{info.app_id}.metainfo.xml").read_text(encoding="utf-8")
    if f'<release version="{info.version}"' not in metainfo:
        raise BuildError(
            f"resources/linux/{info.app_id}.metainfo.xml has no <release> for version {info.version}"
        )
    problems = metainfo_problems(metainfo, shipped_contact())
    if problems:
        raise BuildError(f"resources/linux/{info.app_id}.metainfo.xml: " + "; ".join(problems))


OUT_MARKER = ".socialdesk-build"


def clean(out: Path) -> None:
    """Empty the output folder, but only one this script made (or an empty one): ``--out ~`` must
    not delete a home folder."""
    if out.exists():
        if any(out.iterdir()) and not (out / OUT_MARKER).exists():
            raise BuildError(f"{out} is not empty and was not made by build.py; choose another --out")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / OUT_MARKER).write_text("made by packaging/build.py; emptied on every build\n", encoding="utf-8")


def linux_installers(bundle: Bundle, icons: IconSet, info: AppInfo, out: Path) -> dict[str, str]:
    from buildlib.linux import build_deb, tarball_name, validate_metadata

    problems = validate_metadata(info)
    if problems:
        raise BuildError("Linux metadata does not validate:\n" + "\n".join(problems))
    tarball = make_tar_gz(bundle.folder, out / tarball_name(info, machine()), f"socialdesk-{info.version}")
    deb = build_deb(bundle.folder, icons, info, out)
    print(f"    Depends: {', '.join(deb.depends)}")
    return {"tar_gz": str(tarball), "deb": str(deb.path)}


def macos_installers(bundle: Bundle, info: AppInfo, out: Path) -> dict[str, str]:
    from buildlib.macos import build_dmg

    assert bundle.app is not None
    return {"dmg": str(build_dmg(bundle.app, info, out, machine()))}


def windows_installers(bundle: Bundle, icons: IconSet, info: AppInfo, out: Path) -> dict[str, str]:
    from buildlib.windows import build_setup

    setup = build_setup(bundle.folder, icons, info, out)
    if setup.path is None:
        print("    Inno Setup is not installed; to make the installer run:\n    " + " ".join(setup.command))
        return {}
    return {"setup": str(setup.path)}


def make_installers(bundle: Bundle, icons: IconSet, info: AppInfo, out: Path) -> dict[str, str]:
    if sys.platform.startswith("linux"):
        return linux_installers(bundle, icons, info, out)
    if sys.platform == "darwin":
        return macos_installers(bundle, info, out)
    if sys.platform == "win32":
        return windows_installers(bundle, icons, info, out)
    raise BuildError(f"no installer recipe for {sys.platform}")


def app_size(bundle: Bundle, artefacts: dict[str, str], out: Path) -> Size:
    archive = Path(artefacts["tar_gz"]) if "tar_gz" in artefacts else None
    if archive is None:
        archive = make_tar_gz(bundle.folder, out / "sizes" / "socialdesk.tar.gz")
    return measure(bundle.folder, archive)


def baseline_size(out: Path) -> Size:
    folder = freeze_hello(out / "baseline")
    return measure(folder, make_tar_gz(folder, out / "baseline" / "hello.tar.gz"))


def build(out: Path, *, installers: bool = True, baseline: bool = True) -> dict[str, object]:
    started = time.monotonic()
    info = app_info()
    digest = source_digest()
    print(f"Socialdesk {info.version} for {sys.platform}-{machine()} into {out}")
    check_metadata(info)
    _step("clean", lambda: clean(out))
    icons = _step(
        "icons from resources/icons/socialdesk.svg", lambda: build_icons(APP_SVG_ICON, out / "icons")
    )
    bundle = _step("freeze with packaging/socialdesk.spec", lambda: freeze_app(out, icons.folder))
    smoke = _step(
        f"smoke test: {bundle.executable.name} --smoke-test", lambda: check_smoke_test(bundle.executable)
    )
    print("    " + smoke.stdout.strip().replace("\n", "\n    "))
    artefacts = _step("installers", lambda: make_installers(bundle, icons, info, out)) if installers else {}
    app = app_size(bundle, artefacts, out)
    base = _step("size baseline: bare PySide6 hello window", lambda: baseline_size(out)) if baseline else None
    print()
    print(size_table(app, base))
    within_target = base is None or (app.unpacked <= base.unpacked and app.tar_gz <= base.tar_gz)
    if not within_target:
        print("warning: the bundle is larger than the bare PySide6 baseline (the target is no larger)")
    report: dict[str, object] = {
        "version": info.version,
        "app_id": info.app_id,
        "platform": sys.platform,
        "machine": machine(),
        "digest": digest,
        "bundle": str(bundle.folder),
        "executable": str(bundle.executable),
        "smoke_test": smoke.stdout.strip(),
        "artefacts": artefacts,
        "sizes": {"app": app.as_json(), "baseline": base.as_json() if base else None},
        "within_size_target": within_target,
        "seconds": round(time.monotonic() - started, 1),
    }
    (out / REPORT_FILE).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print()
    for kind, path in artefacts.items():
        print(f"{kind:>8}: {path}")
    print(f"built in {report['seconds']} s")
    return report


BUILD_TOOLS = ("PyInstaller", "PIL", "PySide6")
VENV = ROOT / ".venv"
VENV_PYTHON = VENV / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
_REEXEC_FLAG = "SOCIALDESK_BUILD_IN_VENV"


def _missing_tools() -> list[str]:
    importlib.invalidate_caches()
    return [name for name in BUILD_TOOLS if importlib.util.find_spec(name) is None]


def ensure_environment(argv: Sequence[str]) -> int | None:
    """Make sure the build runs in ``.venv`` with the ``package`` extra.

    Returns an exit code when the build ran in a child interpreter, None to carry on here.
    """
    if not _missing_tools():
        return None
    in_venv = Path(sys.prefix).resolve() == VENV.resolve()
    if not in_venv and os.environ.get(_REEXEC_FLAG) != "1":
        bootstrap = ROOT / ".ci" / "bootstrap"
        if not VENV_PYTHON.exists() and sys.platform.startswith("linux") and bootstrap.exists():
            print("==> setting up .venv with .ci/bootstrap", flush=True)
            subprocess.run(["bash", str(bootstrap)], check=True)
        if VENV_PYTHON.exists():
            env = dict(os.environ, **{_REEXEC_FLAG: "1"})
            return subprocess.run([str(VENV_PYTHON), __file__, *argv], env=env, check=False).returncode
    if in_venv:
        print("==> installing the package extra: pip install -e '.[package]'", flush=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "-e", ".[package]"], cwd=ROOT, check=True
        )
        if not _missing_tools():
            return None
    raise BuildError(
        f"missing {', '.join(_missing_tools())}: create .venv and run "
        "`.venv/bin/pip install -e '.[package]'`, then build with .venv's python"
    )


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(
        prog="build.py", description=__doc__.splitlines()[0] if __doc__ else None
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (emptied first)")
    parser.add_argument("--no-installers", action="store_true", help="stop after the smoke test")
    parser.add_argument("--no-baseline", action="store_true", help="skip freezing the size baseline")
    args = parser.parse_args(arguments)
    try:
        delegated = ensure_environment(arguments)
        if delegated is not None:
            return delegated
        build(args.out.resolve(), installers=not args.no_installers, baseline=not args.no_baseline)
    except (BuildError, subprocess.CalledProcessError) as error:
        print(f"build failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
