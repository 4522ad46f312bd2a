"""Logging set-up: a rotating file in the log folder, with every record redacted on its way out.

The redaction filter sits on every handler (not on loggers), so records from any library, and the
tracebacks attached to them, are masked before they are written. httpx and httpcore log request URLs,
which carry ``access_token=``; they are capped at WARNING as a second line of defence.
"""

from __future__ import annotations

import io
import logging
import os
import sys
from pathlib import Path

from desktop.core.private_files import PRIVATE_FILE_MODE, ensure_private_dir, tighten_file
from desktop.core.redaction import redact

LOG_FILE_NAME = "socialdesk.log"
_FORMAT = "%(asctime)s %(levelname)-7s %(threadName)s %(name)s: %(message)s"
_NOISY_LOGGERS = ("httpx", "httpcore", "hpack", "urllib3", "keyring", "alembic.runtime.migration")
_OWNED_HANDLER_FLAG = "_socialdesk_handler"


class RedactingFilter(logging.Filter):
    """Rewrites each record so the message, its arguments and its traceback hold no secret."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not hide the record
            message = f"{record.msg!r} (unformattable arguments)"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and record.exc_info[0] is not None:
            formatter = logging.Formatter()
            record.exc_text = redact(formatter.formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class PrivateRotatingFileHandler(logging.FileHandler):
    """A log that rolls over at ``max_bytes`` into ``.1`` … ``.<backup_count>``, every file created 0600
    whatever the umask and rotated ones kept so.

    The rollover is the standard library's ``RotatingFileHandler``'s, here so that starting the app
    need not import ``logging.handlers`` (and the socket, pickle and queue modules it brings) before
    the window can paint.
    """

    def __init__(
        self, filename: Path, *, max_bytes: int, backup_count: int, encoding: str, delay: bool = False
    ) -> None:
        self.max_bytes, self.backup_count = max_bytes, backup_count
        super().__init__(filename, mode="a", encoding=encoding, delay=delay)

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE_MODE)
        tighten_file(Path(self.baseFilename))
        return io.TextIOWrapper(os.fdopen(fd, "ab"), encoding=self.encoding, errors=self.errors)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.should_roll_over(record):
                self.doRollover()
            super().emit(record)
        except Exception:
            self.handleError(record)

    def should_roll_over(self, record: logging.LogRecord) -> bool:
        # Only a regular file rolls over (not /dev/null or a pipe someone pointed the log at).
        if self.max_bytes <= 0 or (
            os.path.exists(self.baseFilename) and not os.path.isfile(self.baseFilename)
        ):
            return False
        if self.stream is None:
            self.stream = self._open()
        position = self.stream.tell()
        return bool(position) and position + len(f"{self.format(record)}\n") >= self.max_bytes

    def doRollover(self) -> None:  # the standard library's name for it
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        base = self.baseFilename
        if self.backup_count > 0:
            for index in range(self.backup_count - 1, 0, -1):
                source, target = f"{base}.{index}", f"{base}.{index + 1}"
                if os.path.exists(source):
                    os.replace(source, target)
            if os.path.exists(base):
                os.replace(base, f"{base}.1")
        if not self.delay:
            self.stream = self._open()


def _mark(handler: logging.Handler) -> logging.Handler:
    setattr(handler, _OWNED_HANDLER_FLAG, True)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter(_FORMAT))
    return handler


def setup_logging(log_dir: Path | None, *, level: int = logging.INFO, console: bool = False) -> Path | None:
    """Install the app's handlers on the root logger; returns the log file path, if any.

    Calling it again replaces the handlers it installed before (tests, CLI then GUI), never others'.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _OWNED_HANDLER_FLAG, False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    log_file: Path | None = None
    if log_dir is not None:
        ensure_private_dir(log_dir)
        log_file = log_dir / LOG_FILE_NAME
        for existing in (log_file, *log_dir.glob(f"{LOG_FILE_NAME}.*")):
            tighten_file(existing)
        file_handler = PrivateRotatingFileHandler(
            log_file, max_bytes=2_000_000, backup_count=5, encoding="utf-8", delay=True
        )
        root.addHandler(_mark(file_handler))
    # Windowed frozen builds have no stderr at all.
    if console and sys.stderr is not None:
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(logging.WARNING)
        root.addHandler(_mark(stream))
    for name in _NOISY_LOGGERS:
        logging.getLogger(name).setLevel(max(logging.WARNING, level))
    logging.captureWarnings(True)
    return log_file


def redact_all_handlers() -> None:
    """Attach the redaction filter to handlers installed by others (pytest's caplog, a debugger)."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
