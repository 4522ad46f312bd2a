"""German is complete for the window: every ``tr()`` string in desktop/ui has its German in the .qm.

The sources are extracted afresh with ``pyside6-lupdate``, so a string added to the window without
running ``packaging/translations/update.py`` (and translating it) fails here, not in front of users.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QLabel

from desktop.core import i18n
from desktop.core.errors import SocialdeskError
from desktop.core.oauth.redirect_uri import RedirectUri
from desktop.ui.integrations.error_panel import ErrorPanel
from desktop.ui.integrations.troubleshooting import TroubleshootingTable
from desktop.ui.translation import install_translators

ROOT = Path(__file__).resolve().parents[2]
LUPDATE = Path(sys.executable).parent / "pyside6-lupdate"


@pytest.fixture
def german() -> Iterator[None]:
    i18n.set_language("de")
    app = QApplication.instance()
    assert app is not None
    install_translators(app)
    yield
    i18n.set_language("en")
    install_translators(app)


def test_every_window_string_has_german(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "desktop" / "ui").rglob("*.py"))
    subprocess.run([str(LUPDATE), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    translator = QTranslator()
    assert translator.load(str(ROOT / "resources" / "i18n" / "socialdesk_de.qm"))
    missing = []
    for context in ET.parse(fresh).getroot():
        name = context.findtext("name") or ""
        for message in context.findall("message"):
            source = message.findtext("source") or ""
            comment = message.findtext("comment")
            if not translator.translate(name, source, comment):
                missing.append(f"{name}: {source}")
    assert len(missing) == 0, missing


def test_the_table_quotes_the_message_the_german_way(german: None, qtbot) -> None:  # type: ignore[no-untyped-def]
    table = TroubleshootingTable()
    qtbot.addWidget(table)
    first = table.item(0, 0).text()
    assert first.startswith("„") and "“\n" in first


def test_an_error_detail_from_the_core_is_shown_in_german(german: None, qtbot) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SocialdeskError) as caught:
        RedirectUri.parse("ftp://localhost:8765/callback/")
    panel = ErrorPanel()
    qtbot.addWidget(panel)
    panel.show_error(caught.value.code, caught.value.detail)
    detail = panel.findChild(QLabel, "error_detail_label")
    assert detail is not None
    assert detail.text() == "Details: die Weiterleitungs-URI muss mit http:// oder https:// beginnen"
