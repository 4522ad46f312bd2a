"""Typed settings in a versioned JSON file under the platform config folder.

Folders come from platformdirs unless a base dir is given (``--base-dir`` or ``SOCIALDESK_BASE_DIR``),
which puts config, data, cache and logs under one folder: how tests, portable installs and support
sessions keep everything in one place. Secrets never live here: the App Secret is in the OS keychain.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from urllib.parse import urlsplit

from desktop.core.atomic import write_text_atomically
from desktop.core.private_files import ensure_private_dir

log = logging.getLogger(__name__)

APP_DIR_NAME = "Socialdesk"
BASE_DIR_ENV = "SOCIALDESK_BASE_DIR"
SETTINGS_VERSION = 1
#: Instagram Login registers only https redirect URIs, localhost included; the listener serves TLS.
DEFAULT_REDIRECT_URI = "https://localhost:8765/callback/"
DEFAULT_GRAPH_VERSION = "v25.0"


@dataclass(frozen=True, slots=True)
class Paths:
    config_dir: Path
    data_dir: Path
    cache_dir: Path
    log_dir: Path

    @classmethod
    def resolve(cls, base_dir: Path | str | None = None) -> Paths:
        if base_dir is None and os.environ.get(BASE_DIR_ENV):
            base_dir = os.environ[BASE_DIR_ENV]
        if base_dir is not None:
            base = Path(base_dir).expanduser().absolute()
            return cls(base / "config", base / "data", base / "cache", base / "logs")
        import platformdirs  # only here: with a base dir (tests, portable installs) it is not needed

        dirs = platformdirs.PlatformDirs(APP_DIR_NAME, appauthor=False)
        return cls(
            Path(dirs.user_config_dir),
            Path(dirs.user_data_dir),
            Path(dirs.user_cache_dir),
            Path(dirs.user_log_dir),
        )

    def ensure(self) -> Paths:
        """Create the folders, and tighten existing ones to owner-only."""
        for folder in (self.config_dir, self.data_dir, self.cache_dir, self.log_dir):
            ensure_private_dir(folder)
        return self

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def database_file(self) -> Path:
        return self.data_dir / "socialdesk.db"

    @property
    def sandbox_dir(self) -> Path:
        return self.data_dir / "sandbox"

    @property
    def sandbox_database_file(self) -> Path:
        """Sandbox mode's own store: sandbox connections never share a file with real ones."""
        return self.sandbox_dir / "socialdesk-sandbox.db"

    @property
    def lock_file(self) -> Path:
        return self.data_dir / "socialdesk.lock"


@dataclass(slots=True)
class Settings:
    version: int = SETTINGS_VERSION
    #: Empty means the SQLite file in the data folder.
    database_url: str = ""
    #: The customer's own Instagram app ("bring your own app"); empty means sandbox mode.
    instagram_app_id: str = ""
    redirect_uri: str = DEFAULT_REDIRECT_URI
    graph_version: str = DEFAULT_GRAPH_VERSION
    authorize_base_url: str = "https://www.instagram.com"
    api_base_url: str = "https://api.instagram.com"
    graph_base_url: str = "https://graph.instagram.com"
    #: Refresh a long-lived token once it is this close to expiry (and at least 24 hours old).
    refresh_window_days: int = 7
    #: Minutes between background refresh sweeps while the app runs.
    refresh_interval_minutes: int = 60
    #: Seconds for each HTTP request to Instagram.
    http_timeout_seconds: float = 15.0
    #: Port of the embedded sandbox's loopback server; 0 picks a free one.
    sandbox_port: int = 0
    #: Let the embedded sandbox's app register http://localhost redirect URIs, as a Facebook app in
    #: Development Mode does; off by default, as Instagram Login allows https only.
    sandbox_allow_http_localhost: bool = False
    active_workspace: str = ""
    #: The customer's Facebook app for Facebook Login (its App Secret is in the keychain only).
    facebook_app_id: str = ""
    facebook_www_base_url: str = "https://www.facebook.com"
    facebook_graph_base_url: str = "https://graph.facebook.com"
    #: Port of the embedded sandbox's Facebook half; 0 picks a free one.
    facebook_sandbox_port: int = 0
    #: The sandbox banner folded to its title (the user's choice, kept across starts).
    sandbox_banner_collapsed: bool = False
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def listener_port(self) -> int:
        parts = urlsplit(self.redirect_uri)
        if parts.port is not None:
            return parts.port
        return 443 if parts.scheme == "https" else 80

    def database_url_for(self, paths: Paths) -> str:
        return self.database_url or f"sqlite:///{paths.database_file}"


def load_settings(paths: Paths) -> Settings:
    """Read the settings file; a missing file gives defaults, a damaged one is set aside, not lost."""
    path = paths.settings_file
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        aside = path.with_suffix(".json.damaged")
        log.warning("settings file unreadable (%s); moved to %s, using defaults", type(exc).__name__, aside)
        with contextlib.suppress(OSError):
            path.replace(aside)
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    known = {f.name for f in fields(Settings)}
    values = {key: value for key, value in raw.items() if key in known}
    values["version"] = SETTINGS_VERSION
    try:
        return Settings(**values)
    except TypeError:
        log.warning("settings file has unexpected values; using defaults")
        return Settings()


def save_settings(paths: Paths, settings: Settings) -> None:
    """Write atomically (temp file + rename) so a crash or a full disk never leaves half a file."""
    ensure_private_dir(paths.config_dir)
    write_text_atomically(paths.settings_file, json.dumps(asdict(settings), indent=2, sort_keys=True) + "\n")
