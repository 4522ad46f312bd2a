"""One window per data folder: a second launch brings the open window forward instead.

The file lock (core) decides who owns the data folder, so two processes never write the same
database from two GUIs. A local socket named after the data folder lets the second launch ask the
first to show itself, which is what a user double-clicking the icon again expects.

On Linux and macOS the socket is a plain Unix socket watched by a ``QSocketNotifier``, at the path
``QLocalServer`` would use: QtNetwork (about 3 MiB resident, with the Kerberos libraries it links)
loads only on Windows, where the socket is a named pipe.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import socket
import sys
import tempfile
import time
from collections.abc import Callable

from PySide6.QtCore import QDir, QObject, QSocketNotifier, QTimer, Signal, Slot

from desktop.core.settings import Paths

log = logging.getLogger(__name__)

_WAKE = b"show\n"
_TIMEOUT_MS = 1000
#: Bytes read from a later launch before its connection is dropped (it sends five).
_MAX_MESSAGE = 64
#: How long a later launch waits for the first to listen: it starts listening once it has painted.
_LISTEN_WAIT_S = 5.0
_RETRY_S = 0.05
USE_UNIX_SOCKET = sys.platform != "win32"


def server_name(paths: Paths) -> str:
    digest = hashlib.sha256(str(paths.data_dir).encode()).hexdigest()[:16]
    return f"socialdesk-{digest}"


def socket_path(paths: Paths) -> str:
    """Where the Unix socket lives: where ``QLocalServer`` puts a server of this name."""
    return os.path.join(QDir.tempPath(), server_name(paths))


def ask_running_instance_to_show(paths: Paths) -> bool:
    """True when a running Socialdesk for this data folder answered and will show its window.

    The first window listens once it has painted, so a launch that finds no listener yet retries
    for a few seconds before saying nobody answered.
    """
    deadline = time.monotonic() + _LISTEN_WAIT_S
    while not _ask_once(paths):
        if time.monotonic() >= deadline:
            return False
        time.sleep(_RETRY_S)
    return True


def _ask_once(paths: Paths) -> bool:
    if not USE_UNIX_SOCKET:
        return _ask_over_pipe(paths)
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    client.settimeout(_TIMEOUT_MS / 1000)
    try:
        client.connect(socket_path(paths))
        client.sendall(_WAKE)
    except OSError:
        return False
    finally:
        client.close()
    return True


class InstanceServer(QObject):
    """Listens for later launches; emits ``show_requested`` when one asks."""

    show_requested = Signal()

    def __init__(self, paths: Paths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pipe: QObject | None = None
        self._listener: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None
        self._connections: dict[QSocketNotifier, tuple[socket.socket, bytearray]] = {}
        self._retired: list[QSocketNotifier] = []
        self._path = socket_path(paths)
        if not USE_UNIX_SOCKET:
            self._pipe = _PipeServer(server_name(paths), self.show_requested.emit, self)
            return
        try:
            self._listener = _listen_for_owner_only(self._path)
        except OSError as exc:
            log.warning("could not listen for later launches: %s", exc.strerror or type(exc).__name__)
            return
        self._notifier = QSocketNotifier(self._listener.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_listener_activated)

    @Slot()
    def _on_listener_activated(self) -> None:
        assert self._listener is not None
        while True:
            try:
                connection, _address = self._listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:
                log.warning("a later launch could not connect: %s", exc.strerror or type(exc).__name__)
                return
            connection.setblocking(False)
            # Unparented, so that only this object's dictionaries hold it (see ``_drop``).
            notifier = QSocketNotifier(connection.fileno(), QSocketNotifier.Type.Read)
            self._connections[notifier] = (connection, bytearray())
            notifier.activated.connect(lambda *_args, n=notifier: self._on_connection_readable(n))

    def _on_connection_readable(self, notifier: QSocketNotifier) -> None:
        connection, received = self._connections[notifier]
        try:
            chunk = connection.recv(_MAX_MESSAGE)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            chunk = b""
        received += chunk
        if chunk and len(received) < _MAX_MESSAGE and b"\n" not in received:
            return  # the rest of the message is on its way
        self._drop(notifier)
        if bytes(received).startswith(_WAKE.strip()):
            log.info("a later launch asked this window to come forward")
            self.show_requested.emit()

    def _drop(self, notifier: QSocketNotifier) -> None:
        connection, _received = self._connections.pop(notifier)
        notifier.setEnabled(False)
        connection.close()
        # Usually called from the notifier's own signal: it is let go once that has returned.
        self._retired.append(notifier)
        QTimer.singleShot(0, self, self._retired.clear)

    def close(self) -> None:
        if isinstance(self._pipe, _PipeServer):
            self._pipe.close()
        for notifier in list(self._connections):
            self._drop(notifier)
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None
            with contextlib.suppress(OSError):
                os.unlink(self._path)


def _listen_for_owner_only(path: str) -> socket.socket:
    """A listening socket at ``path`` that only this user can connect to.

    It is bound in a private folder, made owner-only, then moved into place, so there is no moment
    when another user could connect. We hold the instance lock, so a socket already at ``path``
    can only be a crashed run's.
    """
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        with tempfile.TemporaryDirectory(dir=os.path.dirname(path), prefix=".sd-") as folder:
            staged = os.path.join(folder, "s")
            listener.bind(staged)
            os.chmod(staged, 0o600)
            os.rename(staged, path)
        listener.listen(8)
        listener.setblocking(False)
    except OSError:
        listener.close()
        raise
    return listener


def _ask_over_pipe(paths: Paths) -> bool:
    from PySide6.QtNetwork import QLocalSocket

    pipe = QLocalSocket()
    pipe.connectToServer(server_name(paths))
    if not pipe.waitForConnected(_TIMEOUT_MS):
        return False
    pipe.write(_WAKE)
    delivered = pipe.waitForBytesWritten(_TIMEOUT_MS)
    pipe.disconnectFromServer()
    return delivered


class _PipeServer(QObject):
    """Windows: ``QLocalServer`` on a named pipe."""

    def __init__(self, name: str, on_wake: Callable[[], None], parent: QObject) -> None:
        from PySide6.QtNetwork import QLocalServer

        super().__init__(parent)
        self._on_wake = on_wake
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(name)
        if not self._server.listen(name):
            log.warning("could not listen for later launches: %s", self._server.errorString())
        self._server.newConnection.connect(self._on_server_new_connection)

    @Slot()
    def _on_server_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            if connection is None:
                break
            connection.readyRead.connect(lambda c=connection: self._on_connection_ready_read(c))
            connection.disconnected.connect(connection.deleteLater)

    def _on_connection_ready_read(self, connection: QObject) -> None:
        if bytes(connection.readAll().data()).startswith(_WAKE.strip()):  # type: ignore[attr-defined]
            log.info("a later launch asked this window to come forward")
            self._on_wake()

    def close(self) -> None:
        self._server.close()
