"""The services the window opens, opened and asked for what the window lists first (no Qt).

Shared by the settled-memory baselines, so the headless process and the bare window open and list
exactly the same things.
"""

from __future__ import annotations

from desktop.core.environment import Environment
from desktop.core.services import Services
from desktop.core.settings import Paths, load_settings


def open_and_list() -> Services:
    """Services.open as ``desktop.cli`` sets it up, then the workspaces and the first one's list."""
    paths = Paths.resolve(None).ensure()
    services = Services.open(Environment(paths=paths, settings=load_settings(paths)))
    workspace = services.workspaces.default()
    services.workspaces.list()
    services.connections.summaries(workspace.id)
    return services
