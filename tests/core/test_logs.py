"""Log canary: a token never reaches the log file in any form, whatever path it takes."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from desktop.core.logs import PrivateRotatingFileHandler, setup_logging
from desktop.core.secrets import SecretStr
from tests.support.canary import hits

CANARY = "IGAASBXcanary0000111122223333"


@pytest.fixture
def log_file(tmp_path: Path) -> Path:
    path = setup_logging(tmp_path / "logs", level=logging.DEBUG)
    assert path is not None
    yield path
    setup_logging(None)


def _flush() -> None:
    for handler in logging.getLogger().handlers:
        handler.flush()


def test_canary_never_reaches_the_log_file(log_file: Path) -> None:
    SecretStr(CANARY)  # registered, as every token is when it enters the process
    log = logging.getLogger("desktop.test")
    log.debug("plain %s", CANARY)
    log.info("url https://graph.instagram.com/v25.0/me?access_token=%s&fields=id", CANARY)
    logging.getLogger("httpx").warning(
        'HTTP Request: GET https://x/?access_token=%s "HTTP/1.1 200 OK"', CANARY
    )
    try:
        raise RuntimeError(f"failed with {CANARY}")
    except RuntimeError:
        log.exception("boom")
    log.error("stack", stack_info=True, extra={"token": CANARY})
    log.info("broken format %s %s", CANARY)  # noqa: PLE1206  # too few args: must still be logged, masked
    _flush()
    data = log_file.read_bytes()
    assert b"boom" in data and b"RuntimeError" in data
    assert hits(data, CANARY) == []


def test_httpx_loggers_are_capped(log_file: Path) -> None:
    assert logging.getLogger("httpx").getEffectiveLevel() >= logging.WARNING
    assert logging.getLogger("httpcore").getEffectiveLevel() >= logging.WARNING


def test_setup_twice_keeps_one_file_handler(tmp_path: Path, log_file: Path) -> None:
    setup_logging(tmp_path / "logs", level=logging.INFO)
    owned = [h for h in logging.getLogger().handlers if getattr(h, "_socialdesk_handler", False)]
    assert len(owned) == 1


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_log_file_is_created_owner_only(tmp_path: Path) -> None:
    import os

    old = os.umask(0o022)
    try:
        path = setup_logging(tmp_path / "logs", level=logging.INFO)
        assert path is not None
        logging.getLogger("desktop.test").warning("first line")
        _flush()
        assert _mode(path) == 0o600
        assert _mode(path.parent) == 0o700
    finally:
        os.umask(old)
        setup_logging(None)


def test_existing_log_file_and_rotated_files_are_tightened(tmp_path: Path) -> None:
    import os

    folder = tmp_path / "logs"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    old_file = folder / "socialdesk.log"
    old_file.write_text("earlier run\n")
    os.chmod(old_file, 0o644)
    old = os.umask(0o022)
    try:
        path = setup_logging(folder, level=logging.INFO)
        assert path is not None
        assert _mode(path) == 0o600
        assert _mode(folder) == 0o700
        handler = next(h for h in logging.getLogger().handlers if getattr(h, "_socialdesk_handler", False))
        assert isinstance(handler, PrivateRotatingFileHandler)
        logging.getLogger("desktop.test").warning("before rotation")
        handler.doRollover()
        logging.getLogger("desktop.test").warning("after rotation")
        _flush()
        for file in folder.iterdir():
            assert _mode(file) == 0o600, file
    finally:
        os.umask(old)
        setup_logging(None)


def test_the_log_rolls_over_at_its_size_and_keeps_only_its_backups(tmp_path: Path) -> None:
    folder = tmp_path / "rolling"
    folder.mkdir()
    log_file = folder / "socialdesk.log"
    handler = PrivateRotatingFileHandler(log_file, max_bytes=200, backup_count=2, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(message)s"))
    try:
        for number in range(20):
            handler.emit(logging.makeLogRecord({"msg": f"line {number:02d} " + "x" * 40}))
    finally:
        handler.close()
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["socialdesk.log", "socialdesk.log.1", "socialdesk.log.2"]
    for file in folder.iterdir():
        assert file.stat().st_size <= 200, file
        assert _mode(file) == 0o600, file
    # The newest lines are in the live file, the ones before in .1; the oldest have gone.
    assert "line 19" in log_file.read_text()
    assert "line 00" not in "".join(p.read_text() for p in folder.iterdir())
