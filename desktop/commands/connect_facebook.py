"""``socialdesk connections connect --via facebook [--account USERNAME ...]``.

One Facebook consent, then every eligible Page-linked account is connected (or only those named
with ``--account``), and each outcome is printed: connected, left out, or why a Page has no account.
"""

from __future__ import annotations

import argparse
import sys

from desktop.commands.common import open_services, workspace
from desktop.commands.connections import _ask_stop, _open_browser, _read_pasted
from desktop.core.errors import SocialdeskError
from desktop.core.facebook.discovery import UNTICKED_HINT
from desktop.core.i18n import _, ngettext
from desktop.core.interrupts import Interrupted
from desktop.core.settings import Paths, Settings


def run_connect_facebook(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    with open_services(args, paths, settings) as services:
        ws = workspace(services, args)
        if services.facebook_sandbox is not None:
            print(
                _("Sandbox mode: using the local Facebook at {url}").format(
                    url=services.facebook_sandbox.base_url
                ),
                file=sys.stderr,
            )
        facebook = services.facebook
        attempt = facebook.start_connect(ws.id, reauthenticate=args.switch_account)
        if args.switch_account and not facebook.will_rerequest:
            print(
                _("Facebook will ask you to sign in again: choose the person to continue as."),
                file=sys.stderr,
            )
        try:
            minutes = max(1, round((attempt.expires_at - services.clock.now()).total_seconds() / 60))
            print(
                ngettext(
                    "Open this link to connect Instagram accounts through Facebook to '{workspace}' "
                    "(it works for {minutes} minute):",
                    "Open this link to connect Instagram accounts through Facebook to '{workspace}' "
                    "(it works for {minutes} minutes):",
                    minutes,
                ).format(workspace=ws.name, minutes=minutes)
            )
            print(f"  {attempt.start_url}")
            print(_("Or paste here the address your browser shows after you choose Allow."), flush=True)
            if not args.no_browser:
                _open_browser(attempt.start_url)
            attempt.on_stateless_error(lambda: _ask_stop("Facebook"))
            _read_pasted(attempt, sys.stdin)
            found = attempt.wait()
        except KeyboardInterrupt as interrupted:
            # Closes the listener and forgets the state, so a late answer connects nothing.
            attempt.cancel()
            print(_("Cancelled; nothing was connected."), file=sys.stderr)
            return interrupted.exit_code if isinstance(interrupted, Interrupted) else 130
        named = [name.strip().removeprefix("@") for name in args.account]
        unknown = [name for name in named if found.find(name) is None]
        if unknown:
            facebook.dismiss(found)
            reachable = ", ".join(f"@{c.username}" for c in found.candidates)
            raise SocialdeskError(
                "account_not_found",
                f"{', '.join('@' + n for n in unknown)} is not among the accounts this consent reaches ({reachable})",
            )
        wanted = {name.casefold() for name in named}
        chosen = [c for c in found.candidates if not named or c.username.casefold() in wanted]
        views = facebook.connect(found, [c.ig_user_id for c in chosen])
    for view in views:
        print(
            _("Connected @{username} (Page {page}) to '{workspace}'.").format(
                username=view.username, page=view.page_name, workspace=view.workspace_name
            )
        )
    for candidate in found.candidates:
        if candidate not in chosen:
            print(
                _("Left out @{username} (Page {page}): not named with --account.").format(
                    username=candidate.username, page=candidate.page_name
                )
            )
    for problem in found.problems:
        print(_("Not connected: {problem}").format(problem=problem.line()))
    print(f"  {_(UNTICKED_HINT)}")
    return 0
