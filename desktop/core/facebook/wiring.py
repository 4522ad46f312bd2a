"""Building the Facebook path's parts for the composition root (``desktop.core.services``).

In sandbox mode the Facebook half of the sandbox starts beside the Instagram half, on the same
clock and state folder. Its app stands for a developer's own app: https redirect URIs only, unless
``sandbox_allow_http_localhost`` is set, which models an app in Development Mode (Meta accepts
``http://localhost`` only then). In real mode the Facebook App ID comes from
settings and its App Secret from the keychain; without either, the Facebook path is unavailable.
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import httpx
from keyring.backend import KeyringBackend

from desktop.core.app_secret import FACEBOOK_SERVICE, load_app_secret
from desktop.core.clock import Clock
from desktop.core.environment import Environment
from desktop.core.errors import SocialdeskError
from desktop.core.facebook.client import FacebookClient
from desktop.core.facebook.connect import FacebookConnections
from desktop.core.facebook.endpoints import FacebookEndpoints
from desktop.core.oauth import ConnectSessions
from desktop.core.sandbox.facebook import FacebookSandbox
from desktop.core.vault.bootstrap import Storage
from desktop.core.vault.keychain import KeychainStore, choose_backend

log = logging.getLogger(__name__)


@dataclass(slots=True)
class FacebookParts:
    connections: FacebookConnections
    client: FacebookClient | None
    sandbox: FacebookSandbox | None

    def close(self) -> None:
        if self.sandbox is not None:
            self.sandbox.stop()


def open_facebook(
    env: Environment,
    *,
    http: httpx.Client,
    clock: Clock,
    storage: Storage,
    connect_sessions: ConnectSessions,
    start_sandbox: bool,
    advance_clock: Callable[[timedelta], object] | None = None,
    real: bool,
    backend: KeyringBackend | None,
    allow: tuple[type | str, ...],
    check_interval: float = 1.0,
    tls: Callable[[], ssl.SSLContext] | None = None,
) -> FacebookParts:
    settings = env.settings
    sandbox: FacebookSandbox | None = None
    client: FacebookClient | None = None
    if start_sandbox:
        development = settings.sandbox_allow_http_localhost
        sandbox = FacebookSandbox(
            env.paths.sandbox_dir,
            clock=clock,
            port=settings.facebook_sandbox_port,
            redirect_uris=[settings.redirect_uri],
            graph_version=settings.graph_version,
            development_mode=development,
            advance_clock=advance_clock,
        ).start()
        if development:
            log.info("sandbox Facebook app in Development Mode: http://localhost redirect URIs accepted")
        client = FacebookClient(
            http, sandbox.endpoints(), sandbox.client_id, sandbox.client_secret, clock=clock
        )
    elif real and settings.facebook_app_id:
        secret = None
        choice = choose_backend(backend, allow)
        if choice.backend is not None:
            try:
                secret = load_app_secret(
                    KeychainStore(choice.backend), settings.facebook_app_id, service=FACEBOOK_SERVICE
                )
            except SocialdeskError as error:
                log.warning("could not read the Facebook app secret: %s", error.code)
        if secret is not None:
            endpoints = FacebookEndpoints(
                settings.facebook_www_base_url, settings.facebook_graph_base_url, settings.graph_version
            )
            client = FacebookClient(http, endpoints, settings.facebook_app_id, secret, clock=clock)
        else:
            log.warning("Facebook app secret not in the keychain: connecting through Facebook is unavailable")
    connections = FacebookConnections(
        sessions=storage.sessions,
        vault=storage.vault,
        client=client,
        connect_sessions=connect_sessions,
        redirect_uri=settings.redirect_uri,
        clock=clock,
        check_interval=check_interval,
        tls=tls,
    )
    return FacebookParts(connections, client, sandbox)
