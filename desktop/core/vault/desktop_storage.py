"""This desktop's storage: the team database when it belongs to a team, else its own SQLite file."""

from __future__ import annotations

from collections.abc import Iterable

from keyring.backend import KeyringBackend

from desktop.core.clock import Clock
from desktop.core.settings import Paths, Settings
from desktop.core.vault.bootstrap import Storage, open_storage
from desktop.core.vault.team import open_team_storage
from desktop.core.vault.team_identity import load_identity


def open_desktop_storage(
    paths: Paths,
    settings: Settings,
    backend: KeyringBackend,
    *,
    clock: Clock | None = None,
    allow_backends: Iterable[type | str] = (),
) -> Storage:
    """Connect, list and disconnect work the same on both: only the key holder and the engine differ."""
    identity = load_identity(paths.config_dir)
    if identity is None:
        return open_storage(paths, settings, backend, clock=clock, allow_backends=allow_backends)
    storage, _admin = open_team_storage(paths, backend, identity, clock=clock, allow_backends=allow_backends)
    return storage
