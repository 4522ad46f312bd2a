"""Binding the redirect URI's fixed port on the loopback addresses, and saying why it failed.

The port comes from the redirect URI registered at Meta, so it cannot move: a taken or forbidden
port becomes ``port_in_use`` with what to change and where.
"""

from __future__ import annotations

import errno
import logging
import socket

from desktop.core.errors import SocialdeskError
from desktop.core.oauth.listener_server import ConnectionServer, ListenerServer
from desktop.core.oauth.redirect_uri import RedirectUri

log = logging.getLogger("desktop.core.oauth.listener")

_ADDRESS_IN_USE = {errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", errno.EADDRINUSE)}
_NOT_ALLOWED = {errno.EACCES, getattr(errno, "WSAEACCES", errno.EACCES)}
_NO_IPV6 = {errno.EAFNOSUPPORT, errno.EADDRNOTAVAIL, errno.EPROTONOSUPPORT}


def bind_plan(redirect: RedirectUri) -> list[tuple[str, bool]]:
    """The (host, required) pairs to listen on for this redirect URI."""
    if redirect.host == "localhost":
        # Browsers may resolve localhost to either address; ::1 is skipped only without IPv6.
        return [("127.0.0.1", True), ("::1", False)]
    return [(redirect.host, True)]


def bind(
    redirect: RedirectUri, host: str, required: bool, owner: ConnectionServer, max_connections: int
) -> ListenerServer | None:
    """A bound, listening server on ``host``; None for an optional IPv6 address this computer lacks."""
    port = redirect.port
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    if family == socket.AF_INET6 and not socket.has_ipv6 and not required:
        return None
    try:
        server = ListenerServer((host, port), family, owner, max_connections)
    except OSError as exc:
        if not required and exc.errno in _NO_IPV6:
            log.info("no IPv6 loopback here; listening on 127.0.0.1 only")
            return None
        raise bind_error(port, host, exc) from None
    try:
        server.server_bind()
        server.server_activate()
    except OSError as exc:
        server.server_close()
        if not required and exc.errno in _NO_IPV6:
            log.info("no IPv6 loopback here; listening on 127.0.0.1 only")
            return None
        raise bind_error(port, host, exc) from None
    return server


def bind_error(port: int, host: str, exc: OSError) -> SocialdeskError:
    where = f"[{host}]" if ":" in host else host
    fix = "the port of the redirect URI (in Settings → Integrations and in your app at Meta)"
    if exc.errno in _ADDRESS_IN_USE:
        detail = (
            f"port {port} on {where} is already in use by another program; close that program, "
            f"or change {fix} to a free port"
        )
    elif exc.errno in _NOT_ALLOWED:
        detail = f"this computer does not allow listening on port {port}; change {fix} to a port above 1024"
    else:
        detail = f"could not listen on {where} port {port} ({exc.strerror or type(exc).__name__})"
    log.warning("loopback listener: %s", detail)
    return SocialdeskError("port_in_use", detail)
