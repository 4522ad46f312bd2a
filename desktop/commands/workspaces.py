"""``socialdesk workspaces list|create NAME|rename OLD NEW``."""

from __future__ import annotations

import argparse
import json
from typing import Any

from desktop.commands.common import open_services
from desktop.commands.usage import usage_handler
from desktop.core.settings import Paths, Settings


def add_parser(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "workspaces", help="list, create or rename workspaces"
    )
    parser.set_defaults(handler=usage_handler(parser), command_name="workspaces")
    commands = parser.add_subparsers(title="workspaces commands", metavar="COMMAND")
    listing = commands.add_parser("list", help="list workspaces and how many accounts each has")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=run_list, command_name="workspaces list")
    create = commands.add_parser("create", help="create a workspace")
    create.add_argument("name")
    create.set_defaults(handler=run_create, command_name="workspaces create")
    rename = commands.add_parser("rename", help="rename a workspace")
    rename.add_argument("old")
    rename.add_argument("new")
    rename.set_defaults(handler=run_rename, command_name="workspaces rename")


def run_list(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    with open_services(args, paths, settings, instagram=False) as services:
        rows = services.workspaces.list()
    if args.json:
        print(json.dumps([{"name": w.name, "connections": w.connection_count} for w in rows], indent=2))
    else:
        for w in rows:
            print(f"{w.name}\t{w.connection_count} account{'s' if w.connection_count != 1 else ''}")
    return 0


def run_create(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    with open_services(args, paths, settings, instagram=False) as services:
        created = services.workspaces.create(args.name)
    print(f"Created workspace '{created.name}'.")
    return 0


def run_rename(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    with open_services(args, paths, settings, instagram=False) as services:
        current = services.workspaces.by_name(args.old)
        renamed = services.workspaces.rename(current.id, args.new)
    print(f"Renamed workspace '{current.name}' to '{renamed.name}'.")
    return 0
