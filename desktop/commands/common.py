"""What the headless commands share: opening the services for the chosen mode and workspace."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator

from desktop.core.environment import Environment
from desktop.core.services import Services
from desktop.core.settings import Paths, Settings
from desktop.core.views import WorkspaceView


def add_workspace_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--workspace", metavar="W", help="workspace name (default: the default workspace)")


@contextlib.contextmanager
def open_services(args: argparse.Namespace, paths: Paths, settings: Settings) -> Iterator[Services]:
    env = Environment(paths=paths, settings=settings, force_sandbox=bool(getattr(args, "sandbox", False)))
    services = Services.open(env)
    try:
        status = services.vault_status()
        if status.mode == "session-only":
            print(
                "note: no secure keychain is available, so nothing is saved after this command "
                f"({status.backend}).",
                file=sys.stderr,
            )
        yield services
    finally:
        services.close()


def workspace(services: Services, args: argparse.Namespace) -> WorkspaceView:
    return services.workspaces.by_name(getattr(args, "workspace", None))
