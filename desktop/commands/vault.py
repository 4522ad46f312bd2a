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
from desktop.core.i18n import N_, _, ngettext, translated
from desktop.core.settings import Paths, Settings
from desktop.core.vault.bootstrap import Storage, open_storage
from desktop.core.vault.status import VaultStatus


def add_parser(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "vault",
        help=_("inspect the token vault, rotate its key, or reset it"),
        description=_("The token vault keeps access tokens encrypted under a key in the OS keychain."),
    )
    # Not command-line options: the GUI's composition root and tests may set these attributes.
    parser.set_defaults(
        handler=usage_handler(parser), command_name="vault", keyring_backend=None, allow_backends=()
    )
    commands = parser.add_subparsers(title=N_("vault commands"), metavar="COMMAND")

    status = commands.add_parser(
        "status", help=_("show the vault's mode, keychain, active key id and token count")
    )
    status.add_argument("--json", action="store_true", help=_("print one JSON object"))
    status.set_defaults(handler=run_status, command_name="vault status")

    rotate = commands.add_parser("rotate", help=_("replace the vault key; every stored token is rewrapped"))
    rotate.set_defaults(handler=run_rotate, command_name="vault rotate")

    reset = commands.add_parser(
        "reset",
        help=_("delete every stored token and start with a new key (accounts must be reconnected)"),
        description=_(
            "Delete every stored token and start with a new key. Use it when the vault key is lost "
            "(vault_keys_unavailable). Connections stay in their workspaces, marked for Reconnect."
        ),
    )
    reset.add_argument("--yes", action="store_true", help=_("confirm that stored tokens may be deleted"))
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
        _("mode: {mode}").format(mode=status.mode),
        _("backend: {backend}").format(backend=status.backend),
        _("active key: {key}").format(key=status.active_kek_id or _("(none)")),
        _("stored tokens: {count}").format(count=status.record_count),
    ]
    if status.problem_code:
        info = lookup(status.problem_code)
        lines.append(
            _("problem: {code}: {message}").format(code=status.problem_code, message=_(info.message))
        )
        if status.detail:
            lines.append(f"  {translated(status.detail)}")
        lines.append(f"  {_(info.action)}")
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
        ngettext(
            "rotated: {old} -> {new}; {count} token rewrapped",
            "rotated: {old} -> {new}; {count} tokens rewrapped",
            report.rewrapped,
        ).format(old=report.old_kek_id or _("(none)"), new=report.new_kek_id, count=report.rewrapped)
    )
    return 0


def run_reset(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    if not args.yes:
        print(
            _("vault reset deletes every stored token; each account must then be reconnected."),
            file=sys.stderr,
        )
        print("  " + _("Run 'socialdesk vault reset --yes' to go ahead."), file=sys.stderr)
        return 2
    try:
        with _open(args, paths, settings) as storage:
            report = storage.vault.reset()
    except SocialdeskError as error:
        report_error(error)
        return 1
    deleted = ngettext(
        "{count} stored token deleted", "{count} stored tokens deleted", report.deleted_tokens
    ).format(count=report.deleted_tokens)
    reconnect = ngettext(
        "{count} connection needs Reconnect",
        "{count} connections need Reconnect",
        report.connections_to_reconnect,
    ).format(count=report.connections_to_reconnect)
    print(
        _("vault reset: {deleted}; {reconnect}; new key {key}").format(
            deleted=deleted, reconnect=reconnect, key=report.new_kek_id
        )
    )
    if report.dropped_revocations:
        names = ", ".join(f"@{name}" for name in report.dropped_revocations)
        print(
            _("not yet revoked at Instagram: {names}; remove the app at {url}").format(
                names=names, url=MANAGE_ACCESS_URL
            )
        )
    if report.dropped_facebook_revocations:
        # A Facebook Login grant is removed in Facebook's settings; Instagram's page does not list it.
        names = ", ".join(f"@{name}" for name in report.dropped_facebook_revocations)
        print(
            _(
                "not yet revoked at Facebook: {names}; open {url} (Business Integrations), "
                "find Socialdesk and choose Remove"
            ).format(names=names, url=FACEBOOK_INTEGRATIONS_URL)
        )
    return 0
