"""What the app knows about where it runs: folders, settings, mode and keychain backend."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop import __version__
from desktop.core.settings import Paths, Settings

#: A running ``socialdesk sandbox`` to use instead of an embedded one, and its client secret.
SANDBOX_URL_ENV = "SOCIALDESK_SANDBOX_URL"
SANDBOX_SECRET_ENV = "SOCIALDESK_SANDBOX_SECRET"  # noqa: S105 - the name of a variable, not a secret


@dataclass(frozen=True, slots=True)
class Environment:
    paths: Paths
    settings: Settings
    log_file: Path | None = None
    force_sandbox: bool = False
    version: str = __version__
    #: A standalone sandbox shared by several desktops (``--sandbox-url``); empty: an embedded one.
    sandbox_url: str = ""

    @property
    def sandbox_mode(self) -> bool:
        """Sandbox until the user's own Instagram app is configured, or when forced."""
        return bool(self.sandbox_url) or self.force_sandbox or not self.settings.instagram_app_id

    @property
    def database_url(self) -> str:
        """The store for this mode. In sandbox mode the embedded store is a file of its own, never
        the real one; a database server chosen in settings (a team's) is used as configured, where
        each connection's provider and app tag keeps real tokens from the sandbox all the same."""
        if self.settings.database_url:
            return self.settings.database_url
        return f"sqlite:///{self.database_file}"

    @property
    def database_file(self) -> Path | None:
        """The SQLite file of this mode's store (None for a database server)."""
        if self.settings.database_url:
            return None
        return self.paths.sandbox_database_file if self.sandbox_mode else self.paths.database_file


def keychain_backend_name(backend: object) -> str:
    """A readable name for a keyring backend, e.g. 'SecretService Keyring'."""
    name = getattr(backend, "name", None)
    if isinstance(name, str) and name:
        return name
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"
