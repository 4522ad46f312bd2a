"""Uncaught exceptions are logged, redacted, even in a windowed build with no stderr at all."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

from desktop.core.logs import setup_logging
from desktop.ui.crash import install_excepthook

TOKEN = "IGAASBXcrashcanary000111222333"


@pytest.fixture
def restore_hook() -> object:
    previous = sys.excepthook
    yield
    sys.excepthook = previous
    setup_logging(None)


def test_hook_logs_redacted_without_stderr(
    restore_hook: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_file = setup_logging(tmp_path / "logs", level=logging.INFO)
    assert log_file is not None
    monkeypatch.setattr(sys, "stderr", None)
    install_excepthook(show_dialog=False, log_file=str(log_file))
    try:
        raise RuntimeError(f"request failed for https://graph.instagram.com/me?access_token={TOKEN}")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "uncaught RuntimeError" in text
    assert "Traceback" in text
    assert TOKEN not in text
