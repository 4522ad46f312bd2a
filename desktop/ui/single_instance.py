"""One window per data folder: a second launch brings the open window forward instead.

The file lock (core) decides who owns the data folder, so two processes never write the same
database from two GUIs. A local socket named after the data folder lets the second launch ask the
first to show itself, which is what a user double-clicking the icon again expects.
"""

from __future__ import annotations

import hashlib
import logging
import time

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from desktop.core.settings import Paths

log = logging.getLogger(__name__)

_WAKE = b"show\n"
_TIMEOUT_MS = 1000
#: How long a later launch waits for the first to listen: it starts listening once it has painted.
_LISTEN_WAIT_S = 5.0
_RETRY_S = 0.05


def server_name(paths: Paths) -> str:
    digest = hashlib.sha256(str(paths.data_dir).encode()).hexdigest()[:16]
    return f"socialdesk-{digest}"


def ask_running_instance_to_show(paths: Paths) -> bool:
    """True when a running Socialdesk for this data folder answered and will show its window.

    The first window listens once it has painted, so a launch that finds no listener yet retries
    for a few seconds before saying nobody answered.
    """
    socket = QLocalSocket()
    deadline = time.monotonic() + _LISTEN_WAIT_S
    while True:
        socket.connectToServer(server_name(paths))
        if socket.waitForConnected(_TIMEOUT_MS):
            break
        if time.monotonic() >= deadline:
            return False
        socket.abort()
        time.sleep(_RETRY_S)
    socket.write(_WAKE)
    delivered = socket.waitForBytesWritten(_TIMEOUT_MS)
    socket.disconnectFromServer()
    return delivered


class InstanceServer(QObject):
    """Listens for later launches; emits ``show_requested`` when one asks."""

    show_requested = Signal()

    def __init__(self, paths: Paths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        name = server_name(paths)
        # We hold the instance lock, so a leftover socket file can only be a crashed run's.
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

    def _on_connection_ready_read(self, connection: QLocalSocket) -> None:
        if bytes(connection.readAll().data()).startswith(_WAKE.strip()):
            log.info("a later launch asked this window to come forward")
            self.show_requested.emit()

    def close(self) -> None:
        self._server.close()
