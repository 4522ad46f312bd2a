"""Uncaught exceptions: logged (redacted) and shown in a crash dialog instead of vanishing."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication

from desktop.core.redaction import redact

log = logging.getLogger(__name__)


def install_excepthook(*, show_dialog: bool, log_file: str | None) -> None:
    def _hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        log.critical("uncaught %s", exc_type.__name__, exc_info=(exc_type, exc, tb))
        if sys.stderr is not None:
            sys.stderr.write(redact("".join(traceback.format_exception(exc_type, exc, tb))))
        if show_dialog and QApplication.instance() is not None:
            _show_crash_dialog(exc_type.__name__, log_file)

    sys.excepthook = _hook


def _show_crash_dialog(kind: str, log_file: str | None) -> None:
    from PySide6.QtWidgets import QMessageBox  # only on a crash: not part of every start

    box = QMessageBox()
    box.setObjectName("crash_dialog")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QApplication.translate("crash", "Socialdesk ran into a problem"))
    box.setText(
        QApplication.translate(
            "crash",
            "Something went wrong inside Socialdesk ({kind}). Your connections and settings are safe.",
        ).format(kind=kind)
    )
    where = log_file or QApplication.translate("crash", "the log folder")
    box.setInformativeText(
        QApplication.translate(
            "crash", "Details were written to {where}. If it keeps happening, send that file to support."
        ).format(where=where)
    )
    box.exec()
