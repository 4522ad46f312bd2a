"""``socialdesk --smoke-test``: prove, without showing a window, that this build can run.

Each check returns ``None`` or a one-line failure. The frozen bundle runs this in CI before any
installer is made, so a missing plugin, library or resource fails the build and not a user.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from desktop.core.environment import Environment

KEYRING_TIMEOUT_SECONDS = 10.0


def _check_qt_platform() -> str | None:
    from PySide6.QtCore import QLibraryInfo

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    needed = {"linux": "xcb", "darwin": "cocoa", "win32": "windows"}.get(sys.platform)
    if needed and not any(
        p.name.startswith(f"libq{needed}") or p.name.startswith(f"q{needed}") for p in plugins.glob("*")
    ):
        return f"qt: the {needed} platform plugin is missing from {plugins}"
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["socialdesk-smoke-test"])
    if app is None or not QApplication.platformName():
        return "qt: no platform plugin loaded"
    return None


def _check_main_window(env: Environment) -> Callable[[], str | None]:
    def check() -> str | None:
        from desktop.ui.app import create_application
        from desktop.ui.main_window import MainWindow
        from desktop.ui.tasks import TaskRunner
        from desktop.ui.window_pages import PAGE_NAMES

        app = create_application(env)
        tasks = TaskRunner(app)
        window = MainWindow(env, tasks)
        ok = window.windowTitle() == "Socialdesk" and window.pages.count() == len(PAGE_NAMES)
        tasks.wait_for_done(int(KEYRING_TIMEOUT_SECONDS * 1000))
        app.processEvents()
        window.deleteLater()
        return None if ok else "ui: the main window did not build as expected"

    return check


def _check_keyring() -> str | None:
    import keyring

    outcome: list[BaseException | None] = []

    def probe() -> None:
        try:
            keyring.get_keyring().get_password("io.socialdesk.Socialdesk.smoke-test", "probe")
        except BaseException as exc:
            outcome.append(exc)
        else:
            outcome.append(None)

    worker = threading.Thread(target=probe, name="keyring-probe", daemon=True)
    worker.start()
    worker.join(KEYRING_TIMEOUT_SECONDS)
    if not outcome:
        return f"keyring: the keychain did not answer within {KEYRING_TIMEOUT_SECONDS:.0f} s"
    if outcome[0] is not None:
        return f"keyring: {type(outcome[0]).__name__}: the keychain backend did not answer"
    return None


def _check_aes_gcm() -> str | None:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    key, nonce, data = AESGCM.generate_key(bit_length=256), secrets.token_bytes(12), b"socialdesk"
    aead = AESGCM(key)
    return (
        None if aead.decrypt(nonce, aead.encrypt(nonce, data, b"ad"), b"ad") == data else "crypto: round trip"
    )


def _check_sqlite() -> str | None:
    with tempfile.TemporaryDirectory(prefix="socialdesk-smoke-") as tmp:
        connection = sqlite3.connect(Path(tmp) / "smoke.db")
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("CREATE TABLE t (x INTEGER)")
            connection.execute("INSERT INTO t VALUES (1)")
            (value,) = connection.execute("SELECT x FROM t").fetchone()
        finally:
            connection.close()
    return None if value == 1 else "sqlite: round trip"


def _check_migrations() -> str | None:
    """The alembic scripts ship and bring an empty database to the current schema."""
    from desktop.core.store.engine import integrity_check, open_memory_engine

    engine = open_memory_engine()
    try:
        problems = integrity_check(engine)
    finally:
        engine.dispose()
    return None if problems == ["ok"] else f"database: {problems[0] if problems else 'no answer'}"


def _check_pages() -> str | None:
    """The pages the listener and the sandbox serve to the browser render."""
    from desktop.core.oauth.pages import Pages
    from desktop.core.sandbox.consent import render_error, stylesheet

    pages = Pages.load()
    rendered = (pages.done("acme", "My workspace"), pages.failed("network_error"), pages.finishing())
    for page in (*rendered, pages.cancelled(), pages.not_found()):
        if b"<html" not in page.body.lower():
            return "pages: a listener page did not render"
    if "<html" not in render_error("Smoke test", "ok").lower() or not stylesheet():
        return "pages: the sandbox pages did not render"
    return None


def _check_resources() -> str | None:
    from desktop.ui.assets import declared_assets

    missing = [str(path) for path in declared_assets() if not path.is_file()]
    return f"resources: missing {', '.join(missing)}" if missing else None


def run_smoke_test(env: Environment) -> list[str]:
    """Run every check; returns the failure lines (empty when the build is sound)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    checks: list[tuple[str, Callable[[], str | None]]] = [
        ("qt", _check_qt_platform),
        ("ui", _check_main_window(env)),
        ("keyring", _check_keyring),
        ("crypto", _check_aes_gcm),
        ("sqlite", _check_sqlite),
        ("database", _check_migrations),
        ("pages", _check_pages),
        ("resources", _check_resources),
    ]
    failures: list[str] = []
    for name, check in checks:
        try:
            problem = check()
        except Exception as exc:
            problem = f"{name}: {type(exc).__name__}: {exc}"
        if problem:
            failures.append(problem)
    return failures
