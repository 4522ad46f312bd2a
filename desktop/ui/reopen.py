"""Reopening the window's services in place: when this desktop joins or creates a team."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.core.services import Services


def reopen_like(old: Services) -> Services:
    """Services opened as ``old`` was (same folders, settings, keychain), for windows handed theirs."""
    from desktop.core.services import Services

    return Services.open(old.env, keyring_backend=old.keyring_backend, allow_backends=old.allow_backends)


def switch_services(old: Services, opening: Callable[[], Services]) -> Services:
    """Runs on the serial worker: the old store (and its sandbox, port and all) closes first."""
    old.close()
    return opening()
