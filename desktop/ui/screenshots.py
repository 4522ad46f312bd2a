"""Render the window's main states to PNG: the README's pictures and a side-by-side review of wording.

Everything runs against the embedded sandbox in a throwaway folder with a throwaway in-memory
keychain, so rendering never touches the user's data or keychain. Connecting is real: the window's
Connect button starts the flow and a small form-filler plays the user in the sandbox's consent dialog.
"""

from __future__ import annotations

import logging
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from desktop.core.environment import Environment
from desktop.core.errors import NO_CALLBACK, SEED_CODES, SocialdeskError
from desktop.core.sandbox.user import ConsentBot
from desktop.core.settings import Paths, Settings
from desktop.core.vault.scratch_keyring import ScratchKeyring
from desktop.ui.app import apply_color_scheme, create_application
from desktop.ui.integrations.troubleshooting import troubleshooting_entries
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

#: The window's size on first start (MainWindow's default).
DEFAULT_SIZE = (1000, 720)
#: Details that make each error's picture look like the real thing.
EXAMPLE_DETAILS = {
    "scope_rejected": "instagram_business_content_publish, instagram_business_manage_insights",
    "state_expired": NO_CALLBACK,
    "port_in_use": "port 8765",
}
STEP_TIMEOUT = 30.0
#: The two sandbox accounts of the "connected" picture.
SCREENSHOT_ACCOUNTS = ("acme_business", "studio.creator")


class SandboxUser:
    """Plays the user in the sandbox's consent dialog: follows the link, picks an account, clicks Allow.

    It runs on its own thread (the window's opener must return at once) and is joined by :meth:`join`.
    """

    def __init__(self, trusted_ca: str | None = None) -> None:
        self.account = "acme_business"
        #: The scratch install's local CA, trusted as after "Let your browser trust…".
        self.trusted_ca = trusted_ca
        #: While away, the link is "opened" but nobody answers (the connecting state).
        self.away = False
        self._threads: list[threading.Thread] = []

    def __call__(self, start_url: str) -> bool:
        if self.away:
            return True
        thread = threading.Thread(
            target=self._consent,
            args=(start_url, self.account, self.trusted_ca),
            name="screenshots-consent",
            daemon=True,
        )
        self._threads.append(thread)
        thread.start()
        return True

    def join(self) -> None:
        for thread in self._threads:
            thread.join(STEP_TIMEOUT)

    @staticmethod
    def _consent(start_url: str, account: str, trusted_ca: str | None) -> None:
        try:
            ConsentBot(account=account, ca_pem=trusted_ca).open(start_url)
        except (httpx.HTTPError, ValueError) as exc:
            log.warning("screenshots: the consent step failed: %s", type(exc).__name__)


def _pump_until(app: QCoreApplication, done: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + STEP_TIMEOUT
    while not done():
        if time.monotonic() > deadline:
            raise SocialdeskError("internal_error", f"screenshots: timed out waiting for {what}")
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()


def _save(window: MainWindow, folder: Path, name: str) -> Path:
    """The window as the user sees it at its size: nothing resized to fit, the page where it scrolled."""
    app = QApplication.instance()
    assert app is not None
    for _ in range(5):
        app.processEvents()
        time.sleep(0.01)
    path = folder / f"{name}.png"
    if not window.grab().save(str(path)):
        raise SocialdeskError("disk_full", f"could not write {path.name}")
    return path


@contextmanager
def _scratch_window(
    scheme: str, scale_suffix: str, size: tuple[int, int]
) -> Iterator[tuple[MainWindow, SandboxUser, TaskRunner]]:
    from desktop.core.services import Services

    with tempfile.TemporaryDirectory(prefix="socialdesk-screenshots-") as tmp:
        paths = Paths.resolve(Path(tmp)).ensure()
        settings = Settings(redirect_uri=f"https://localhost:{_free_port()}/callback/")
        env = Environment(paths, settings, force_sandbox=True)
        app = create_application(env, scheme=scheme)
        apply_color_scheme(app, scheme)
        tasks = TaskRunner(app)
        keychain = ScratchKeyring()
        services = Services.open(env, keyring_backend=keychain, allow_backends=(ScratchKeyring,))
        assert services.local_ca is not None
        user = SandboxUser(services.local_ca.info().pem)
        window = MainWindow(env, tasks, services, opener=user)
        window.setWindowTitle(f"Socialdesk{scale_suffix}")
        window.resize(*size)
        window.show()
        try:
            yield window, user, tasks
        finally:
            window.integrations_page.shutdown()
            user.join()
            window.close()
            tasks.wait_for_done(10_000)
            app.processEvents()
            window.deleteLater()
            app.processEvents()
            services.close()


def _free_port(preferred: int = 8765) -> int:
    """The default redirect port when free (the pictures then show the usual URI), else any free one."""
    for port in (preferred, 0):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(probe.getsockname()[1])
    raise SocialdeskError("port_in_use", "no free port for the screenshots")


def render_states(
    folder: Path,
    *,
    scheme: str = "light",
    suffix: str = "",
    all_errors: bool = True,
    size: tuple[int, int] = DEFAULT_SIZE,
) -> list[Path]:
    """Render every state into ``folder`` as ``<state><suffix>.png``; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with _scratch_window(scheme, suffix, size) as (window, user, _tasks):
        app = QApplication.instance()
        assert app is not None
        card = window.integrations_page.instagram_card
        _pump_until(app, card.connect_button.isEnabled, "the workspace to load")
        trust_card = window.integrations_page.trust_card
        _pump_until(app, lambda: trust_card.view is not None, "the certificate's trust status")
        written.append(_save(window, folder, f"empty{suffix}"))
        # The scratch install's CA is trusted nowhere: the card announces the browser's warning.
        if card.certificate_note.isVisible():
            written.append(_save(window, folder, f"certificate-warning{suffix}"))

        codes = [info.code for info in troubleshooting_entries()] if all_errors else list(SEED_CODES)
        for code in codes:
            card.show_error(SocialdeskError(code, EXAMPLE_DETAILS.get(code, "")), card.reload)
            written.append(_save(window, folder, f"error-{code}{suffix}"))
        card.clear_error()
        window.integrations_page.verticalScrollBar().setValue(0)

        # Connecting: the progress card as the user sees it right after clicking Connect.
        user.away = True
        card.connect_button.click()
        _pump_until(app, card.progress.isVisible, "the connect card")
        written.append(_save(window, folder, f"connecting{suffix}"))
        card.progress.cancel_button.click()
        _pump_until(app, card.connect_button.isEnabled, "the cancel")
        card.show_notice("")
        user.away = False

        # Connected with two accounts, through the real flow.
        for account in SCREENSHOT_ACCOUNTS:
            user.account = account
            count = len(card.rows())
            _pump_until(app, card.connect_button.isEnabled, "the Connect button")
            card.connect_button.click()
            _pump_until(app, lambda n=count: len(card.rows()) > n, f"@{account} to connect")  # type: ignore[misc]
        user.join()
        written.append(_save(window, folder, f"connected{suffix}"))
    return written
