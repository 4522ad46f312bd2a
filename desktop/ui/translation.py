"""The window's language: Qt's translators for the UI's tr() strings, gettext for the core's words.

One choice for both: ``--language`` or ``SOCIALDESK_LANGUAGE``, else ``LANGUAGE`` and the locale
variables, else the desktop's UI languages (``QLocale.system()``). ``pseudo`` is a made-up
language that accents every string and makes it about 40 % longer, so a string that skipped
translation, or a label that clips, stands out in every screenshot.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.core import i18n
from desktop.core.resources import resource_path

log = logging.getLogger(__name__)

_installed: list[QTranslator] = []


class PseudoTranslator(QTranslator):
    """Every tr() string, accented and padded (placeholders kept)."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return i18n.pseudo(source) if source else source

    def isEmpty(self) -> bool:
        return False


def _desktop_language() -> str | None:
    """The desktop's first UI language when the environment names none."""
    if any(os.environ.get(v) for v in (i18n.LANGUAGE_ENV, "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")):
        return None
    languages = QLocale.system().uiLanguages()
    return languages[0].replace("-", "_") if languages else None


def install_translators(app: QCoreApplication) -> str:
    """Load the translations for the chosen language into ``app``; returns the language in use."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    desktop = _desktop_language()
    if desktop:
        i18n.set_language(desktop)
    language = i18n.language()
    if language == i18n.PSEUDO:
        pseudo = PseudoTranslator(app)
        app.installTranslator(pseudo)
        _installed.append(pseudo)
        return language
    if language == "en":
        return language
    QLocale.setDefault(QLocale(language))
    ours = QTranslator(app)
    if ours.load(f"socialdesk_{language}", str(resource_path("i18n"))):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.info("no window translation for %s", language)
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    return language
