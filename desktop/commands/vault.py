"""``socialdesk vault status|rotate|reset``: the token vault from the command line.

Safe to run while the GUI is open (the database is shared through WAL; a rotation in progress
elsewhere makes ``rotate`` answer ``database_busy``). Nothing here ever prints key material.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from sqlalchemy.engine import make_url

from desktop.cli import report_error
from desktop.commands.usage import usage_handler
from desktop.core.environment import Environment
from desktop.core.errors import FACEBOOK_INTEGRATIONS_URL, MANAGE_ACCESS_URL, SocialdeskError, lookup
from desktop.core.settings import Paths, Settings
from desktop.core.vault.bootstrap import Storage, open_storage
from desktop.core.vault.status import VaultStatus


def add_parser(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "vault",
        help="inspect the token vault, rotate its key, or reset it",
        description="The token vault keeps access tokens encrypted under a key in the OS keychain.",
    )
    # Not command-line options: the GUI's composition root and tests may set these attributes.
    parser.set_defaults(
        handler=usage_handler(parser), command_name="vault", keyring_backend=None, allow_backends=()
    )
    commands = parser.add_subparsers(title="vault commands", metavar="COMMAND")

    status = commands.add_parser(
        "status", help="show the vault's mode, keychain, active key id and token count"
    )
    status.add_argument("--json", action="store_true", help="print one JSON object")
    status.set_defaults(handler=run_status, command_name="vault status")

    rotate = commands.add_parser("rotate", help="replace the vault key; every stored token is rewrapped")
    rotate.set_defaults(handler=run_rotate, command_name="vault rotate")

    reset = commands.add_parser(
        "reset",
        help="delete every stored token and start with a new key (accounts must be reconnected)",
        description="Delete every stored token and start with a new key. Use it when the vault key is lost "
        "(vault_keys_unavailable). Connections stay in their workspaces, marked for Reconnect.",
    )
    reset.add_argument("--yes", action="store_true", help="confirm that stored tokens may be deleted")
    reset.set_defaults(handler=run_reset, command_name="vault reset")


def _open(args: argparse.Namespace, paths: Paths, settings: Settings) -> Storage:
    env = Environment(paths=paths, settings=settings, force_sandbox=bool(getattr(args, "sandbox", False)))
    return open_storage(
        paths,
        settings,
        getattr(args, "keyring_backend", None),
        allow_backends=getattr(args, "allow_backends", ()),
        database_url=make_url(env.database_url),
    )


def _status_lines(status: VaultStatus) -> list[str]:
    lines = [
        f"mode: {status.mode}",
        f"backend: {status.backend}",
        f"active key: {status.active_kek_id or '(none)'}",
        f"stored tokens: {status.record_count}",
    ]
    if status.problem_code:
        info = lookup(status.problem_code)
        lines.append(f"problem: {status.problem_code}: {info.message}")
        if status.detail:
            lines.append(f"  {status.detail}")
        lines.append(f"  {info.action}")
    return lines


def run_status(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    try:
        with _open(args, paths, settings) as storage:
            status = storage.status()
    except SocialdeskError as error:
        report_error(error)
        return 1
    if args.json:
        data: dict[str, object] = status.as_dict()
        if status.problem_code:
            info = lookup(status.problem_code)
            data["message"] = info.message
            data["action"] = info.action
        print(json.dumps(data, sort_keys=True))
    else:
        print("\n".join(_status_lines(status)))
    return 0


def run_rotate(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    try:
        with _open(args, paths, settings) as storage:
            report = storage.vault.rotate()
    except SocialdeskError as error:
        report_error(error)
        return 1
    print(
        f"rotated: {report.old_kek_id or '(none)'} -> {report.new_kek_id}; {report.rewrapped} tokens rewrapped"
    )
    return 0


def run_reset(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    if not args.yes:
        print(
            "vault reset deletes every stored token; each account must then be reconnected.\n"
            "  Run 'socialdesk vault reset --yes' to go ahead.",
            file=sys.stderr,
        )
        return 2
    try:
        with _open(args, paths, settings) as storage:
            report = storage.vault.reset()
    except SocialdeskError as error:
        report_error(error)
        return 1
    print(
        f"vault reset: {report.deleted_tokens} stored tokens deleted; "
        f"{report.connections_to_reconnect} connections need Reconnect; new key {report.new_kek_id}"
    )
    if report.dropped_revocations:
        names = ", ".join(f"@{name}" for name in report.dropped_revocations)
        print(f"not yet revoked at Instagram: {names}; remove the app at {MANAGE_ACCESS_URL}")
    if report.dropped_facebook_revocations:
        # A Facebook Login grant is removed in Facebook's settings; Instagram's page does not list it.
        names = ", ".join(f"@{name}" for name in report.dropped_facebook_revocations)
        print(
            f"not yet revoked at Facebook: {names}; open {FACEBOOK_INTEGRATIONS_URL} (Business Integrations), "
            "find Socialdesk and choose Remove"
        )
    return 0
