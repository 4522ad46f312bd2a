"""The app's look is Fusion under its own palette, whether it made the QApplication or found one.

A QApplication the app makes is told the style on its command line (so no Python QStyle is made
before the first paint); one that already runs, as under pytest-qt, gets it set. Either way a
desktop's ``QT_STYLE_OVERRIDE`` must not change the look the style sheet was written for.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from desktop.core.environment import Environment
from desktop.core.settings import Paths, Settings
from desktop.ui.app import STYLE, create_application
from desktop.ui.palette import palette_for
from tests.support.child_report import child_report

CHILD = """
import json, sys
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from desktop.core.environment import Environment
from desktop.core.settings import Paths, Settings
from desktop.ui.app import create_application
from desktop.ui.palette import palette_for

assert QApplication.instance() is None
app = create_application(Environment(Paths.resolve(sys.argv[1]).ensure(), Settings()), scheme="dark")
role = QPalette.ColorRole.Window
window = app.palette().color(role).name()
app.setStyleSheet("")  # under a style sheet, app.style() is the sheet's proxy for this style
print(json.dumps({
    "style": app.style().metaObject().className(),
    "window": window,
    "ours": palette_for("dark").color(role).name(),
    "arguments": app.arguments(),
}))
"""


def test_an_application_the_app_makes_is_fusion_with_its_palette(tmp_path: Path) -> None:
    report = child_report("-c", CHILD, str(tmp_path), QT_STYLE_OVERRIDE="Windows")
    assert report["style"] == f"Q{STYLE}Style"
    assert report["window"] == report["ours"]
    # Qt takes its own options off the command line: the app's arguments are the program alone.
    assert "-style" not in report["arguments"]


def test_a_running_application_is_given_fusion(qapp: QApplication, tmp_path: Path) -> None:
    qapp.setStyle("Windows")
    app = create_application(Environment(Paths.resolve(tmp_path).ensure(), Settings()), scheme="light")
    assert app is qapp
    role = QPalette.ColorRole.Window
    assert app.palette().color(role).name() == palette_for("light").color(role).name()
    sheet = app.styleSheet()
    app.setStyleSheet("")  # under a style sheet, app.style() is the sheet's proxy for this style
    try:
        assert app.style().metaObject().className() == f"Q{STYLE}Style"
    finally:
        app.setStyleSheet(sheet)
