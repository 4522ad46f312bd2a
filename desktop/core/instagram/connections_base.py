"""The dependencies the Instagram connect, disconnect and listing use cases share."""

from __future__ import annotations

import ssl
from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from desktop.core.clock import Clock
from desktop.core.errors import SocialdeskError
from desktop.core.facebook.client import FacebookClient
from desktop.core.instagram.client import InstagramClient
from desktop.core.oauth import ConnectSessions
from desktop.core.store.connections import TokenVault


class ConnectionsBase:
    """What :class:`desktop.core.connections.Connections` holds; its parts read it from here."""

    _facebook: FacebookClient | None
    _sessions: sessionmaker[Session]
    _vault: TokenVault
    _client: InstagramClient | None
    _connect_sessions: ConnectSessions
    _redirect_uri: str
    _clock: Clock
    _scopes: tuple[str, ...]
    _listen: bool
    _check_interval: float
    _tls: Callable[[], ssl.SSLContext] | None

    @property
    def client(self) -> InstagramClient:
        if self._client is None:
            raise SocialdeskError("not_configured")
        return self._client
