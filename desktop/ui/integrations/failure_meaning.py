"""What a failure on a worker means to the user, in a module of its own: the card needs it before
the first paint, and the jobs' modules (with their result types) wait until the list is loaded."""

from __future__ import annotations

import logging

from desktop.core.errors import SocialdeskError

log = logging.getLogger(__name__)


def as_socialdesk_error(exc: BaseException) -> SocialdeskError:
    """What a failure means to the user; anything unexpected is an internal error (and is logged)."""
    if isinstance(exc, SocialdeskError):
        return exc
    log.error("unexpected failure: %s", type(exc).__name__, exc_info=(type(exc), exc, exc.__traceback__))
    return SocialdeskError("internal_error")
