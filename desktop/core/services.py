"""The composition root: builds the storage, the Instagram client, the sandbox and the services.

The GUI and the CLI both call :meth:`Services.open` and nothing else constructs these parts, so
tests can hand in a keychain backend, a clock or settings without patching anything.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx
import keyring
from keyring.backend import KeyringBackend
from sqlalchemy.engine import make_url

from desktop import __version__
from desktop.core.app_secret import load_app_secret
from desktop.core.clock import Clock, SystemClock
from desktop.core.connections import Connections
from desktop.core.environment import Environment
from desktop.core.errors import SocialdeskError
from desktop.core.facebook.connect import FacebookConnections
from desktop.core.facebook.wiring import FacebookParts, open_facebook
from desktop.core.i18n import N_
from desktop.core.instagram.client import InstagramClient
from desktop.core.instagram.endpoints import Endpoints
from desktop.core.lifecycle import Lifecycle
from desktop.core.oauth import ConnectSessions
from desktop.core.sandbox.facebook import FacebookSandbox
from desktop.core.sandbox.redirect_policy import RedirectRefused
from desktop.core.sandbox.remote import RemoteSandbox
from desktop.core.sandbox.server import SandboxServer
from desktop.core.secrets import SecretStr
from desktop.core.settings import Settings
from desktop.core.store import claims
from desktop.core.store.connections import adopt_untagged
from desktop.core.store.errors import transaction
from desktop.core.tls.local_ca import CERT_FILE_NAME, LocalCa, tls_dir
from desktop.core.vault.bootstrap import Storage
from desktop.core.vault.desktop_storage import open_desktop_storage
from desktop.core.vault.keychain import KeychainStore, KeyStore, MemoryKeyStore, choose_backend
from desktop.core.vault.status import VaultStatus
from desktop.core.vault.vault import RotationReport
from desktop.core.workspaces import Workspaces

log = logging.getLogger(__name__)


class _SandboxClock:
    """In sandbox mode the app lives on the sandbox's clock, so 'advance 55 days' moves both."""

    def __init__(self, sandbox: SandboxServer) -> None:
        self._sandbox = sandbox

    def now(self) -> datetime:
        return self._sandbox.now()


def _http_client(settings: Settings, *, trust_env: bool) -> httpx.Client:
    return httpx.Client(
        timeout=settings.http_timeout_seconds,
        follow_redirects=False,
        trust_env=trust_env,
        headers={"User-Agent": f"Socialdesk/{__version__}"},
    )


@dataclass(slots=True)
class Services:
    env: Environment
    clock: Clock
    storage: Storage
    http: httpx.Client
    sandbox: SandboxServer | None
    connections: Connections
    workspaces: Workspaces
    keyring_backend: KeyringBackend | None
    allow_backends: tuple[type | str, ...] = ()
    #: Facebook Login: its connect use case, client and (in sandbox mode) the sandbox's Facebook half.
    facebook_parts: FacebookParts | None = None
    #: The local CA behind the https listener (session-only when the keychain is).
    local_ca: LocalCa | None = None
    remote_sandbox: RemoteSandbox | None = None

    @classmethod
    def open(
        cls,
        env: Environment,
        *,
        keyring_backend: KeyringBackend | None = None,
        allow_backends: Iterable[type | str] = (),
        clock: Clock | None = None,
        check_interval: float = 1.0,
        instagram: bool = True,
    ) -> Services:
        """Open everything; on failure nothing is left running (database errors propagate).

        ``instagram=False`` opens only the store: enough to list accounts and workspaces, and in
        sandbox mode it leaves the sandbox's files alone (the open window may be running it).
        """
        backend = keyring_backend if keyring_backend is not None else keyring.get_keyring()
        allow = tuple(allow_backends)
        sandbox: SandboxServer | None = None
        remote: RemoteSandbox | None = None
        http: httpx.Client | None = None
        storage: Storage | None = None
        facebook: FacebookParts | None = None
        settings = env.settings
        try:
            if env.sandbox_url and instagram:
                http = _http_client(settings, trust_env=False)
                remote = RemoteSandbox.from_environment(env.sandbox_url, http)
                remote.register_redirect_uri(settings.redirect_uri)
                clock = clock or remote
            elif env.sandbox_mode and instagram:
                sandbox = SandboxServer(
                    env.paths.sandbox_dir,
                    port=settings.sandbox_port,
                    graph_version=settings.graph_version,
                    allow_http_localhost=settings.sandbox_allow_http_localhost,
                ).start()
                _register_redirect(sandbox, settings.redirect_uri)
                clock = clock or _SandboxClock(sandbox)
            clock = clock or SystemClock()
            local_ca = open_local_ca(env, backend, allow)  # real time: browsers check it
            storage = open_desktop_storage(
                env.paths,
                settings,
                backend,
                clock=clock,
                allow_backends=allow,
                database_url=make_url(env.database_url),
            )
            # A system proxy must not intercept the local sandbox.
            http = http or _http_client(settings, trust_env=sandbox is None)
            client: InstagramClient | None
            if remote is not None:
                client = InstagramClient(
                    http, remote.endpoints(), remote.client_id, remote.client_secret, clock=clock
                )
                log.info("sandbox mode: shared sandbox Instagram at %s", remote.base_url)
            elif sandbox is not None:
                creds = sandbox.credentials
                client = InstagramClient(
                    http, sandbox.endpoints(), creds.client_id, creds.client_secret, clock=clock
                )
                log.info("sandbox mode: local Instagram at %s", sandbox.base_url)
            elif env.sandbox_mode or not instagram:
                client = None
            else:
                secret = _read_app_secret(backend, allow, settings.instagram_app_id)
                client = (
                    InstagramClient(
                        http,
                        Endpoints.from_settings(settings),
                        settings.instagram_app_id,
                        secret,
                        clock=clock,
                    )
                    if secret is not None
                    else None
                )
                if client is None:
                    log.warning("Instagram app secret not in the keychain: connecting is unavailable")
                else:
                    _adopt_untagged(storage, client)
            connect_sessions = ConnectSessions(clock)
            facebook = open_facebook(
                env,
                http=http,
                clock=clock,
                storage=storage,
                connect_sessions=connect_sessions,
                start_sandbox=sandbox is not None,
                advance_clock=sandbox.advance_clock if sandbox is not None else None,
                real=instagram and not env.sandbox_mode,
                backend=backend,
                allow=allow,
                check_interval=check_interval,
                tls=local_ca.server_context,
            )
            connections = Connections(
                sessions=storage.sessions,
                vault=storage.vault,
                client=client,
                connect_sessions=connect_sessions,
                redirect_uri=settings.redirect_uri,
                clock=clock,
                check_interval=check_interval,
                tls=local_ca.server_context,
                facebook=facebook.client,
            )
            return cls(
                env=env,
                clock=clock,
                storage=storage,
                http=http,
                sandbox=sandbox,
                connections=connections,
                workspaces=Workspaces(storage.sessions, clock),
                keyring_backend=backend,
                allow_backends=allow,
                facebook_parts=facebook,
                local_ca=local_ca,
                remote_sandbox=remote,
            )
        except BaseException:
            if facebook is not None:
                facebook.close()
            if http is not None:
                http.close()
            if storage is not None:
                storage.close()
            if sandbox is not None:
                sandbox.stop()
            raise

    @property
    def sandbox_mode(self) -> bool:
        return self.sandbox is not None or self.remote_sandbox is not None

    @property
    def storage_mode(self) -> str:
        return self.storage.status().mode

    def vault_status(self) -> VaultStatus:
        return self.storage.status()

    def rotate_key(self) -> RotationReport:
        return self.storage.vault.rotate()

    def retry_keychain(self) -> VaultStatus:
        """'Unlock and retry': ask the keychain again after the user unlocked it."""
        return self.storage.vault.retry()

    def lifecycle(self) -> Lifecycle:
        """A new token lifecycle (refresh sweep, revocation outbox); keep it: its back-off lives in it."""
        try:
            client: InstagramClient | None = self.connections.client
        except SocialdeskError:
            client = None
        return Lifecycle(
            sessions=self.storage.sessions,
            vault=self.storage.vault,
            client=client,
            clock=self.clock,
            retry_outbox=self.connections.retry_outbox,
            window=timedelta(days=self.env.settings.refresh_window_days),
            facebook=self.facebook_parts.client if self.facebook_parts is not None else None,
            worker_id=claims.desktop_id(self.env.paths.data_dir),
        )

    def save_instagram_app(self, app_id: str, redirect_uri: str, app_secret: SecretStr) -> None:
        """Store real-mode settings: App ID and redirect URI in the settings file, the secret in the keychain.

        The running services are not swapped under the user: the window reopens them to apply it.
        """
        from desktop.core.app_setup import save_instagram_app

        save_instagram_app(
            self.env.paths,
            self.env.settings,
            self.keyring_backend,
            self.allow_backends,
            app_id=app_id,
            redirect_uri=redirect_uri,
            app_secret=app_secret,
        )

    @property
    def facebook(self) -> FacebookConnections:
        """Connecting through Facebook Login (``not_configured`` until a Facebook app is set up)."""
        if self.facebook_parts is None:
            raise SocialdeskError("not_configured", N_("this command opened only the store"))
        return self.facebook_parts.connections

    @property
    def facebook_sandbox(self) -> FacebookSandbox | None:
        return self.facebook_parts.sandbox if self.facebook_parts is not None else None

    def save_facebook_app(self, app_id: str, app_secret: SecretStr) -> None:
        """The Facebook App ID goes to the settings file, its App Secret to the keychain only."""
        from desktop.core.facebook.app_setup import save_facebook_app

        save_facebook_app(
            self.env.paths,
            self.env.settings,
            self.keyring_backend,
            self.allow_backends,
            app_id=app_id,
            app_secret=app_secret,
        )

    def close(self) -> None:
        if self.facebook_parts is not None:
            self.facebook_parts.close()
        self.http.close()
        self.storage.close()
        if self.sandbox is not None:
            self.sandbox.stop()

    def __enter__(self) -> Services:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _adopt_untagged(storage: Storage, client: InstagramClient) -> None:
    """Rows from before tokens were tagged were made with this install's own app: tag them so."""
    with transaction(storage.sessions) as session:
        adopted = adopt_untagged(session, client.audience)
    if adopted:
        log.info("tagged %d stored connection(s) with %s", adopted, client.audience)


def open_local_ca(
    env: Environment, backend: KeyringBackend | None, allow: Iterable[type | str], clock: Clock | None = None
) -> LocalCa:  # the clock is for tests: browsers judge certificates by the real time
    """The local CA, with its key in the same keychain as the vault's (memory when session-only)."""
    choice = choose_backend(backend if backend is not None else keyring.get_keyring(), tuple(allow))
    if choice.backend is None:
        return LocalCa(MemoryKeyStore(), None, clock=clock)
    keystore: KeyStore = KeychainStore(choice.backend)
    return LocalCa(keystore, tls_dir(env.paths.data_dir) / CERT_FILE_NAME, clock=clock)


def _register_redirect(sandbox: SandboxServer, uri: str) -> None:
    """Register the app's redirect URI at the sandbox, which refuses http as Meta does."""
    try:
        sandbox.register_redirect_uri(uri)
    except RedirectRefused as refused:
        # As at Meta: the dialog will show "URL Blocked" for this URI, and never redirect to it.
        log.warning("sandbox: the redirect URI was not registered: %s", refused)


def _read_app_secret(
    backend: KeyringBackend | None, allow: tuple[type | str, ...], app_id: str
) -> SecretStr | None:
    choice = choose_backend(backend, allow)
    if choice.backend is None or not app_id:
        return None
    try:
        return load_app_secret(KeychainStore(choice.backend), app_id)
    except SocialdeskError as error:
        log.warning("could not read the Instagram app secret: %s", error.code)
        return None
