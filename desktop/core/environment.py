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


def keychain_backend_name(backend: object) -> str:
    """A readable name for a keyring backend, e.g. 'SecretService Keyring'."""
    name = getattr(backend, "name", None)
    if isinstance(name, str) and name:
        return name
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"
