"""What the headless commands share: opening the services for the chosen mode and workspace."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator

from desktop.core.environment import SANDBOX_URL_ENV, Environment
from desktop.core.errors import SocialdeskError
from desktop.core.i18n import N_, _
from desktop.core.services import Services
from desktop.core.settings import Paths, Settings
from desktop.core.store.instance_lock import InstanceLock
from desktop.core.views import WorkspaceView

#: Vault problems that keep a team desktop out of the team's accounts altogether.
TEAM_REFUSALS = ("team_member_pending", "team_member_removed")


def add_workspace_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--workspace", metavar="W", help=_("workspace name (default: the default workspace)"))


def _window_is_open(paths: Paths) -> bool:
    lock = InstanceLock(paths.lock_file)
    if lock.try_acquire():
        lock.release()
        return False
    return True


@contextlib.contextmanager
def open_services(
    args: argparse.Namespace, paths: Paths, settings: Settings, *, instagram: bool = True
) -> Iterator[Services]:
    """The services for one command; ``instagram=False`` when it only reads or edits the store."""
    env = Environment(
        paths=paths,
        settings=settings,
        force_sandbox=bool(getattr(args, "sandbox", False)),
        sandbox_url=getattr(args, "sandbox_url", None) or os.environ.get(SANDBOX_URL_ENV, ""),
    )
    if instagram and env.sandbox_mode and not env.sandbox_url and _window_is_open(paths):
        # The window runs this data folder's sandbox; a second one would replace its app secret.
        raise SocialdeskError(
            "already_running",
            N_("in sandbox mode, connect, disconnect and refresh from the open window (or close it first)"),
        )
    services = Services.open(env, instagram=instagram)
    try:
        status = services.vault_status()
        if status.problem_code in TEAM_REFUSALS:
            # The team's accounts are not this desktop's to see (yet, or any more).
            raise SocialdeskError(status.problem_code, status.detail)
        if status.mode == "session-only":
            print(
                _(
                    "note: no secure keychain is available, so nothing is saved after this command ({backend})."
                ).format(backend=status.backend),
                file=sys.stderr,
            )
        yield services
    finally:
        services.close()


def workspace(services: Services, args: argparse.Namespace) -> WorkspaceView:
    return services.workspaces.by_name(getattr(args, "workspace", None))
