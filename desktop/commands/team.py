"""``socialdesk team create|join|members|approve|remove|status``: team workspaces, headless.

The database password is never an argument of its own: give it inside the URL (it is moved to the
keychain at once and the URL is stored without it), in ``SOCIALDESK_DATABASE_PASSWORD``, or type it
when asked. Once this desktop belongs to a team, every other command (connections, workspaces)
works on the team database.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import keyring
from sqlalchemy.engine import make_url

from desktop.commands.usage import usage_handler
from desktop.core.errors import SocialdeskError
from desktop.core.i18n import N_, _, ngettext
from desktop.core.settings import Paths, Settings
from desktop.core.vault.bootstrap import Storage
from desktop.core.vault.team import TeamAdmin, create_team, join_team, open_team_storage
from desktop.core.vault.team_identity import load_identity

PASSWORD_ENV = "SOCIALDESK_DATABASE_PASSWORD"  # noqa: S105 - a variable name


def add_parser(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "team", help=_("share workspaces with other desktops on a PostgreSQL database")
    )
    parser.set_defaults(handler=usage_handler(parser), command_name="team")
    commands = parser.add_subparsers(title=N_("team commands"), metavar="COMMAND")

    create = commands.add_parser("create", help=_("create a team on an empty PostgreSQL database"))
    create.add_argument("name", help=_("the team's name"))
    create.add_argument("--database-url", required=True, metavar="URL", help=_("postgresql://user@host/db"))
    create.add_argument(
        "--as", dest="member", metavar="NAME", help=_("your member name (default: your login)")
    )
    create.set_defaults(handler=run_create, command_name="team create")

    join = commands.add_parser("join", help=_("ask to join a team; prints your key's fingerprint"))
    join.add_argument("database_url", metavar="URL", help=_("the team's postgresql:// URL"))
    join.add_argument("--name", required=True, help=_("your member name in the team"))
    join.add_argument("--rejoin", action="store_true", help=_("replace a lost key of that member"))
    join.add_argument(
        "--team-fingerprint",
        metavar="FP",
        help=_("the team fingerprint a member reads to you (Settings → Team); refuses any other team"),
    )
    join.set_defaults(handler=run_join, command_name="team join")

    members = commands.add_parser("members", help=_("list members, their state and fingerprints"))
    members.add_argument("--json", action="store_true", help=_("print JSON"))
    members.set_defaults(handler=run_members, command_name="team members")

    approve = commands.add_parser("approve", help=_("let a pending member read the team's accounts"))
    approve.add_argument("member", metavar="NAME")
    approve.add_argument(
        "--fingerprint", required=True, metavar="FP", help=_("as the member reads it to you")
    )
    approve.set_defaults(handler=run_approve, command_name="team approve")

    remove = commands.add_parser("remove", help=_("remove a member and change the team key"))
    remove.add_argument("member", metavar="NAME")
    remove.add_argument(
        "--refresh", action="store_true", help=_("also refresh every token the member could read, now")
    )
    remove.set_defaults(handler=run_remove, command_name="team remove")

    status = commands.add_parser("status", help=_("this desktop's team, membership and key state"))
    status.add_argument("--json", action="store_true", help=_("print JSON"))
    status.set_defaults(handler=run_status, command_name="team status")


def _with_password(url: str) -> str:
    """The URL as given if it carries a password; else with one from the environment or a prompt."""
    try:
        parsed = make_url(url.strip())
    except Exception:
        raise SocialdeskError("team_not_found", N_("that is not a database URL")) from None
    if parsed.password:
        return url
    password = os.environ.get(PASSWORD_ENV)
    if password is None and sys.stdin is not None and sys.stdin.isatty():
        password = getpass.getpass(
            _("Password for {user}: ").format(user=parsed.username or _("the database user"))
        )
    if not password:
        return url
    return parsed.set(password=password).render_as_string(hide_password=False)


def _shown(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def run_create(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    _refuse_if_member(paths)
    member = args.member or getpass.getuser()
    identity = create_team(
        paths,
        keyring.get_keyring(),
        team_name=args.name,
        member_name=member,
        database_url=_with_password(args.database_url),
    )
    with _team(paths) as (storage, admin):
        status = storage.status()
        print(
            _("Team '{team}' created on {database}.").format(
                team=identity.team_name, database=_shown(identity.database_url)
            )
        )
        print(_("You are its first member, {member}.").format(member=identity.member_name))
        print(_("Your fingerprint: {fingerprint}").format(fingerprint=admin.my_fingerprint))
        print(
            _("Team fingerprint: {fingerprint} (read it to whoever joins)").format(
                fingerprint=admin.team_fingerprint
            )
        )
        if status.problem_code:
            print(
                _("note: the vault is {mode} ({code})").format(mode=status.mode, code=status.problem_code),
                file=sys.stderr,
            )
    return 0


def run_join(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    if not args.rejoin:
        _refuse_if_member(paths)
    identity, fingerprint = join_team(
        paths,
        keyring.get_keyring(),
        database_url=_with_password(args.database_url),
        member_name=args.name,
        rejoin=args.rejoin,
        expected_team_fingerprint=args.team_fingerprint,
    )
    with _team(paths) as (_storage, admin):
        pinned = admin.team_fingerprint
    print(
        _("Asked to join team '{team}' as {member}.").format(
            team=identity.team_name, member=identity.member_name
        )
    )
    if args.team_fingerprint:
        print(
            _("Team fingerprint: {fingerprint} (matches the one you were given)").format(fingerprint=pinned)
        )
    else:
        print(_("Team fingerprint: {fingerprint}").format(fingerprint=pinned))
        print(_("Check that it matches the team fingerprint a member sees; if not, stop here."))
    print(_("Your fingerprint: {fingerprint}").format(fingerprint=fingerprint))
    print(_("Read it to a team member, who approves you with:"))
    print(f"  socialdesk team approve '{identity.member_name}' --fingerprint {fingerprint}")
    print(_("Until then this desktop sees none of the team's accounts."))
    return 0


def run_members(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    with _team(paths) as (_storage, admin):
        members = admin.members()
    if args.json:
        print(json.dumps([member.to_json() for member in members], indent=2))
        return 0
    for member in members:
        me = " " + _("(you)") if member.is_me else ""
        unverified = "\t" + _("unverified") if member.state == "approved" and not member.verified else ""
        print(f"{member.name}{me}\t{member.state}\t{member.fingerprint}{unverified}")
    return 0


def run_approve(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    with _team(paths) as (_storage, admin):
        member = admin.approve(args.member, args.fingerprint)
    print(
        _("Approved {member} ({fingerprint}). They can now use the team's accounts.").format(
            member=member.name, fingerprint=member.fingerprint
        )
    )
    return 0


def run_remove(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    with _team(paths) as (_storage, admin):
        report = admin.remove(args.member)
    print(
        ngettext(
            "Removed {member}. The team key was changed ({count} token rewrapped).",
            "Removed {member}. The team key was changed ({count} tokens rewrapped).",
            report.rewrapped,
        ).format(member=report.removed, count=report.rewrapped)
    )
    if report.exposed_accounts:
        print(_(report.advice))
        print(
            _("Accounts: {accounts}").format(
                accounts=", ".join(f"@{name}" for name in report.exposed_accounts)
            )
        )
        if not args.refresh:
            print(
                _("Refresh them now with: {first}, or {second}").format(
                    first="socialdesk team remove … --refresh", second="socialdesk connections refresh"
                )
            )
    if args.refresh and report.exposed_accounts:
        from desktop.commands.common import open_services

        with open_services(args, paths, settings) as services:
            outcomes = services.lifecycle().refresh_now().outcomes
        for outcome in outcomes:
            code = f" ({outcome.error_code})" if outcome.error_code else ""
            print(f"@{outcome.view.username}\t{outcome.outcome}{code}")
    return 0


def run_status(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    identity = load_identity(paths.config_dir)
    if identity is None:
        if args.json:
            print(json.dumps({"team": None}))
        else:
            print(_("This desktop is not in a team; its workspaces are local."))
        return 0
    with _team(paths) as (storage, admin):
        vault = storage.status()
        members = admin.members()
        data = {
            "team": identity.team_name,
            "team_id": identity.team_id,
            "database": _shown(identity.database_url),
            "member": identity.member_name,
            "state": admin.my_state(),
            "fingerprint": admin.my_fingerprint,
            "team_fingerprint": admin.team_fingerprint,
            "vault_mode": vault.mode,
            "problem_code": vault.problem_code,
            "members": {
                state: sum(m.state == state for m in members) for state in ("approved", "pending", "removed")
            },
        }
    if args.json:
        print(json.dumps(data, indent=2))
        return 0
    print(_("Team '{team}' on {database}").format(team=identity.team_name, database=data["database"]))
    print(
        _("You: {member}, {state}, fingerprint {fingerprint}").format(
            member=identity.member_name, state=data["state"], fingerprint=admin.my_fingerprint
        )
    )
    team_fingerprint = data["team_fingerprint"] or _("none (from before signed key copies)")
    print(_("Team fingerprint: {fingerprint}").format(fingerprint=team_fingerprint))
    counts = data["members"]
    assert isinstance(counts, dict)
    print(
        _("Members: {approved} approved, {pending} pending").format(
            approved=counts["approved"], pending=counts["pending"]
        )
    )
    if vault.problem_code:
        error = SocialdeskError(vault.problem_code)
        print(f"{_(error.message)} {_(error.info.action)}")
    return 0


def _refuse_if_member(paths: Paths) -> None:
    if load_identity(paths.config_dir) is not None:
        raise SocialdeskError(
            "team_exists", N_("this desktop already belongs to a team (socialdesk team status)")
        )


@contextmanager
def _team(paths: Paths) -> Iterator[tuple[Storage, TeamAdmin]]:
    identity = load_identity(paths.config_dir)
    if identity is None:
        raise SocialdeskError("team_not_found", N_("this desktop is not in a team; create or join one first"))
    storage, admin = open_team_storage(paths, keyring.get_keyring(), identity)
    try:
        yield storage, admin
    finally:
        storage.close()
