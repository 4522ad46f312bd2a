"""Settings → Integrations: the trust offer in plain words, and the connect card's warning note.

The browser stores live in a temporary HOME (real certutil), never the machine's own.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from desktop.core import i18n
from desktop.core.tls.trust import ToolContext, Trust
from desktop.ui.translation import install_translators
from tests.ui.conftest import App

needs_certutil = pytest.mark.skipif(shutil.which("certutil") is None, reason="libnss3-tools is not installed")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


def wait_status(app: App, *starts: str) -> str:
    status = app.find(QLabel, "trust_status_label")
    app.qtbot.waitUntil(lambda: status.text().startswith(starts), timeout=15_000)
    return status.text()


def test_the_offer_says_what_is_installed_and_why(home: Path, app: App) -> None:
    explanation = app.find(QLabel, "trust_explanation").text()
    installed = app.find(QLabel, "trust_what_is_installed").text()
    assert "https://localhost" in explanation
    assert "nothing but this computer" in explanation and "127.0.0.1" in explanation
    assert "Chrome" in installed and "Firefox" in installed and "Remove" in installed
    card = app.window.integrations_page.trust_card
    assert card.accessibleName() == "Let your browser trust Socialdesk's local address"


@needs_certutil
def test_untrusted_the_connect_card_warns_then_trust_and_remove_change_the_store(
    home: Path, app: App
) -> None:
    page = app.window.integrations_page
    page.trust_card._trust = Trust(home=home, platform="linux")
    page.trust_card.refresh()
    wait_status(app, "Not trusted yet")
    note = app.find(QLabel, "certificate_warning_note")
    app.qtbot.waitUntil(lambda: note.isVisibleTo(app.window), timeout=5_000)
    assert "expected" in note.text() and "certificate" in note.text()
    assert "sudo update-ca-certificates" in app.find(QLabel, "trust_manual_label").text()

    trust = app.find(QPushButton, "trust_button")
    app.qtbot.waitUntil(trust.isEnabled, timeout=5_000)
    trust.click()
    wait_status(app, "Your browsers trust")
    assert not note.isVisibleTo(app.window)
    listing = subprocess.run(
        ["certutil", "-L", "-d", f"sql:{home / '.pki' / 'nssdb'}"], capture_output=True, text=True
    ).stdout
    assert "Socialdesk local CA" in listing
    assert "Chrome and Chromium: trusts it" in app.find(QLabel, "trust_stores_label").text()

    remove = app.find(QPushButton, "untrust_button")
    app.qtbot.waitUntil(remove.isEnabled, timeout=5_000)
    remove.click()
    wait_status(app, "Not trusted yet")
    listing = subprocess.run(
        ["certutil", "-L", "-d", f"sql:{home / '.pki' / 'nssdb'}"], capture_output=True, text=True
    ).stdout
    assert "Socialdesk local CA" not in listing
    app.qtbot.waitUntil(lambda: note.isVisibleTo(app.window), timeout=5_000)


def test_without_certutil_the_card_says_what_to_install(home: Path, app: App) -> None:
    page = app.window.integrations_page
    page.trust_card._trust = Trust(home=home, platform="linux", tools=ToolContext(which=lambda name: None))
    page.trust_card.refresh()
    wait_status(app, "Not trusted yet")
    stores = app.find(QLabel, "trust_stores_label")
    app.qtbot.waitUntil(lambda: "libnss3-tools" in stores.text(), timeout=5_000)
    assert not app.find(QPushButton, "untrust_button").isEnabled()


def test_the_fingerprint_wraps_so_the_page_fits_at_820_px(home: Path, app: App) -> None:
    """A 95-character fingerprint on one line widened the page past an 820×600 window."""
    app.window.resize(820, 600)
    page = app.window.integrations_page
    page.trust_card.refresh()
    stores = app.find(QLabel, "trust_stores_label")
    app.qtbot.waitUntil(lambda: "SHA-256" in stores.text(), timeout=15_000)
    rows = [row for row in stores.text().splitlines() if row.count(":") >= 15]
    assert len(rows) == 2 and all(len(row.split(":")) == 16 for row in rows)
    fingerprint = ":".join(rows)
    assert len(fingerprint.split(":")) == 32  # nothing lost in the split
    app.qtbot.waitUntil(lambda: page.widget().minimumSizeHint().width() <= page.viewport().width())


def test_in_german_the_card_names_the_stores_in_german(home: Path, app: App) -> None:
    qt_app = QApplication.instance()
    assert qt_app is not None
    i18n.set_language("de")
    install_translators(qt_app)
    try:
        card = app.window.integrations_page.trust_card
        card._trust = Trust(home=home, platform="linux", tools=ToolContext(which=lambda name: None))
        card.refresh()
        stores = app.find(QLabel, "trust_stores_label")
        app.qtbot.waitUntil(lambda: "Chrome und Chromium:" in stores.text(), timeout=15_000)
        assert "Chrome and Chromium" not in stores.text()
    finally:
        i18n.set_language("en")
        install_translators(qt_app)
