"""Restarting Socialdesk from the window, so a newly saved Instagram app takes effect.

The window leaves its event loop with :data:`RESTART_EXIT_CODE`; once everything is closed (the
listener, the services, the single-instance lock), the command line starts the same program again
in this process with the same arguments.
"""

from __future__ import annotations

import os
import sys

#: EX_TEMPFAIL: "try again", which is what a restart is.
RESTART_EXIT_CODE = 75


def restart_argv(argv: list[str] | None = None) -> list[str]:
    """The command that starts this Socialdesk again: the frozen binary, or ``python -m desktop``."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if getattr(sys, "frozen", False):
        return [sys.executable, *arguments]
    return [sys.executable, "-m", "desktop", *arguments]


def restart_now(argv: list[str] | None = None) -> None:
    """Replace this process with a fresh Socialdesk (never returns)."""
    command = restart_argv(argv)
    os.execv(command[0], command)  # noqa: S606 - our own program, no shell
