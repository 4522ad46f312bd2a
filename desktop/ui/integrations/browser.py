"""Opening the sign-in link: the system browser by default, anything callable in tests and screenshots.

An opener is called on the GUI thread with the attempt's ``start_url`` and must return quickly; one
that needs to do real work (a test "browser" filling the consent form) starts its own thread.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)

#: Opens a URL; returns False (or raises) when no browser could be started.
BrowserOpener = Callable[[str], object]


def open_in_system_browser(url: str) -> bool:
    """The desktop's browser; a ``$BROWSER`` command, when set, is honoured as Python tools do.

    A ``$BROWSER`` command may run until the user is done, so it runs on its own thread.
    """
    command = os.environ.get("BROWSER", "").split(os.pathsep)[0].strip()
    if command:
        thread = threading.Thread(
            target=_open_with_browser_command, args=(command, url), name="browser", daemon=True
        )
        thread.start()
        return True
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(QUrl(url))


def _open_with_browser_command(command: str, url: str) -> None:
    import webbrowser  # only for a $BROWSER command: its import (subprocess, shlex …) waits till then

    try:
        browser = webbrowser.get(command if "%s" in command else f"{command} %s")
        if not browser.open(url):
            log.warning("the $BROWSER command did not open the sign-in link")
    except (webbrowser.Error, OSError, ValueError) as exc:
        log.warning("the $BROWSER command failed: %s", type(exc).__name__)
