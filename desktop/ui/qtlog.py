"""Qt's own messages, routed into Python logging so they land in the log file, redacted."""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("qt")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _handler(msg_type: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category or "default"
    log.log(_LEVELS.get(msg_type, logging.WARNING), "[%s] %s", category, message)


def install_qt_message_handler() -> None:
    qInstallMessageHandler(_handler)
