"""The HTTP plumbing Instagram calls share: a client with explicit timeouts and quiet logs.

httpx logs every request URL at INFO, and Instagram puts the access token and the app secret in the
query string. A filter on httpx's own loggers masks them before any handler (a log file, pytest's
caplog, a crash reporter) sees the record.
"""

from __future__ import annotations

import functools
import logging

import httpx

from desktop import __version__
from desktop.core.redaction import redact

_THIRD_PARTY_LOGGERS = (
    "httpx",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
)
USER_AGENT = f"Socialdesk/{__version__}"


class RedactingFilter(logging.Filter):
    """Rewrites a record's message with secrets masked (never drops the record)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a record whose args don't fit its format: keep only the format
            message = str(record.msg)
        redacted = redact(message)
        if redacted != message or record.args:
            record.msg = redacted
            record.args = None
        return True


def install_log_redaction() -> None:
    """Attach :class:`RedactingFilter` to httpx's and httpcore's loggers, once."""
    for name in _THIRD_PARTY_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(existing, RedactingFilter) for existing in logger.filters):
            logger.addFilter(RedactingFilter())


def timeout(seconds: float) -> httpx.Timeout:
    """Every phase bounded; connecting gets at most 10 s even when reads may take longer."""
    return httpx.Timeout(seconds, connect=min(seconds, 10.0))


def new_http_client(timeout_seconds: float = 15.0) -> httpx.Client:
    """An httpx client fit for Instagram: explicit timeouts, redirects not followed."""
    install_log_redaction()
    return httpx.Client(
        timeout=timeout(timeout_seconds),
        follow_redirects=False,
        headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
        trust_env=True,
    )


@functools.lru_cache(maxsize=32)
def endpoint_url(url: str) -> httpx.URL:
    """An endpoint's address parsed once: the sweep calls the same two endpoints for every token."""
    return httpx.URL(url)
