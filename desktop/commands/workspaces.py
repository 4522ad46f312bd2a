"""``socialdesk workspaces list|create NAME|rename OLD NEW``."""

from __future__ import annotations

import argparse
import json
from typing import Any

from desktop.commands.common import open_services
from desktop.commands.usage import usage_handler
from desktop.core.i18n import N_, _, ngettext
from desktop.core.settings import Paths, Settings


def add_parser(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "workspaces", help=_("list, create or rename workspaces")
    )
    parser.set_defaults(handler=usage_handler(parser), command_name="workspaces")
    commands = parser.add_subparsers(title=N_("workspaces commands"), metavar="COMMAND")
    listing = commands.add_parser("list", help=_("list workspaces and how many accounts each has"))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    listing.set_defaults(handler=run_list, command_name="workspaces list")
    create = commands.add_parser("create", help=_("create a workspace"))
    create.add_argument("name", help=_("the new workspace's name"))
    create.set_defaults(handler=run_create, command_name="workspaces create")
    rename = commands.add_parser("rename", help=_("rename a workspace"))
    rename.add_argument("old", help=_("the workspace's current name"))
    rename.add_argument("new", help=_("its new name"))
    rename.set_defaults(handler=run_rename, command_name="workspaces rename")


def run_list(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    with open_services(args, paths, settings, instagram=False) as services:
        rows = services.workspaces.list()
    if args.json:
        print(json.dumps([{"name": w.name, "connections": w.connection_count} for w in rows], indent=2))
    else:
        for w in rows:
            count = w.connection_count
            print(f"{w.name}\t" + ngettext("{count} account", "{count} accounts", count).format(count=count))
    return 0


def run_create(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    with open_services(args, paths, settings, instagram=False) as services:
        created = services.workspaces.create(args.name)
    print(_("Created workspace '{name}'.").format(name=created.name))
    return 0


def run_rename(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    with open_services(args, paths, settings, instagram=False) as services:
        current = services.workspaces.by_name(args.old)
        renamed = services.workspaces.rename(current.id, args.new)
    print(_("Renamed workspace '{old}' to '{new}'.").format(old=current.name, new=renamed.name))
    return 0
