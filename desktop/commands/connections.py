"""``socialdesk connections list|connect|disconnect|refresh``: the Integrations page, headless.

``connect`` prints the link, opens the browser (honouring ``BROWSER``), and waits for Instagram's
answer on the loopback listener; an address pasted on standard input works too, for a browser on
another machine or one that can't reach the listener. ``refresh`` runs one token sweep over every
workspace (what the app does at start-up and on its timer) and reports each account's outcome.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import webbrowser
from datetime import UTC, datetime
from typing import IO, Any

from desktop.commands.common import add_workspace_option, open_services, workspace
from desktop.commands.usage import usage_handler
from desktop.core.connections import ConnectAttempt
from desktop.core.errors import (
    FACEBOOK_INTEGRATIONS_URL,
    REVOKE_BY_HAND_HELP,
    REVOKE_MANUALLY_HELP,
    SocialdeskError,
    lookup,
    revoke_help,
)
from desktop.core.facebook.connect import FacebookAttempt
from desktop.core.i18n import N_, _, ngettext
from desktop.core.interrupts import Interrupted
from desktop.core.lifecycle import LifecycleReport, RefreshOutcome
from desktop.core.settings import Paths, Settings
from desktop.core.views import ConnectionView, RevocationView, scope_in_words


def add_parser(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "connections", help=_("list, connect, disconnect or refresh Instagram accounts")
    )
    parser.set_defaults(handler=usage_handler(parser), command_name="connections")
    commands = parser.add_subparsers(title=N_("connections commands"), metavar="COMMAND")

    listing = commands.add_parser("list", help=_("list the workspace's Instagram accounts"))
    add_workspace_option(listing)
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    listing.set_defaults(handler=run_list, command_name="connections list")

    connect = commands.add_parser("connect", help=_("connect an Instagram account through the browser"))
    add_workspace_option(connect)
    connect.add_argument("--no-browser", action="store_true", help=_("only print the link"))
    connect.add_argument(
        "--switch-account",
        action="store_true",
        help=_("make Instagram (or Facebook, with --via facebook) ask who signs in"),
    )
    connect.add_argument(
        "--via",
        choices=("instagram", "facebook"),
        default="instagram",
        help=_(
            "instagram: sign in as one Instagram account (default); facebook: the accounts linked to "
            "Facebook Pages you manage"
        ),
    )
    connect.add_argument(
        "--account",
        action="append",
        default=[],
        metavar="USERNAME",
        help=_("with --via facebook: connect only this account (repeatable); default: every eligible one"),
    )
    connect.set_defaults(handler=run_connect, command_name="connections connect")

    disconnect = commands.add_parser("disconnect", help=_("remove an account and revoke its access"))
    disconnect.add_argument("username", help=_("the account's username (with or without @)"))
    add_workspace_option(disconnect)
    disconnect.set_defaults(handler=run_disconnect, command_name="connections disconnect")
    dismiss = commands.add_parser(
        "dismiss", help=_("forget an account whose access you removed by hand at Instagram or Facebook")
    )
    dismiss.add_argument("username", help=_("the account's username (with or without @)"))
    add_workspace_option(dismiss)
    dismiss.set_defaults(handler=run_dismiss, command_name="connections dismiss")

    refresh = commands.add_parser(
        "refresh",
        help=_("refresh tokens that are due, in every workspace, and retry pending revocations"),
        description=_(
            "Run one token sweep: refresh each token that is at least 24 hours old and within "
            "the refresh window of its expiry, mark expired or revoked ones as needing a reconnect, and "
            "retry revocations still pending at Instagram."
        ),
    )
    refresh.add_argument("--json", action="store_true", help=_("print JSON"))
    refresh.set_defaults(handler=run_refresh, command_name="connections refresh")


#: The account types in words (the view's English labels, marked here for translation).
ACCOUNT_TYPES = {
    "BUSINESS": N_("Business"),
    "MEDIA_CREATOR": N_("Creator"),
    "PROFESSIONAL": N_("Business or Creator"),
}


def _kind(view: ConnectionView) -> str:
    label = ACCOUNT_TYPES.get(view.account_type.upper())
    return _(label) if label else view.account_type


def _via(view: ConnectionView) -> str:
    """How the account came in, as the window's row says it."""
    if view.via == "facebook" and view.page_name:
        return _("via Facebook Page {page}").format(page=view.page_name)
    return _("via Facebook") if view.via == "facebook" else _("via Instagram")


def _describe(view: ConnectionView, now: datetime) -> str:
    days = view.days_left(now)
    expiry = (
        ngettext("token expires in {days} day", "token expires in {days} days", days).format(days=days)
        if days is not None
        else _("no expiry")
    )
    return f"@{view.username}\t{_kind(view)}\t{view.status}\t{expiry}\t{_via(view)}"


def run_list(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    with open_services(args, paths, settings, instagram=False) as services:
        ws = workspace(services, args)
        rows = services.connections.list(ws.id)
        pending = services.connections.revocations(ws.id)
        now = services.clock.now()
    if args.json:
        print(json.dumps([row.as_json() for row in rows], indent=2))
        return 0
    if not rows:
        print(_("No Instagram account connected to '{workspace}' yet.").format(workspace=ws.name))
    for row in rows:
        print(_describe(row, now))
    for entry in pending:
        print(revocation_line(entry), file=sys.stderr)
    return 0


def revocation_line(entry: RevocationView) -> str:
    """One disconnected account still holding access: where it is removed depends on how it came in."""
    if entry.remove_by_hand:
        action = _(lookup(_final_code(entry.state, entry.via)).action)
        return f"@{entry.username}\t" + _("remove by hand: {action}").format(action=action)
    where = "Facebook" if entry.via == "facebook" else "Instagram"
    return f"@{entry.username}\t" + _("revocation pending at {provider}").format(provider=where)


def _final_code(state: str, via: str = "instagram") -> str:
    """The catalogue entry telling where to remove the access by hand: Facebook grants differ."""
    code = "revoke_gave_up" if state == "gave_up" else "revoke_unsupported"
    return f"{code}_facebook" if via == "facebook" else code


def _open_browser(url: str) -> None:
    def run() -> None:
        try:
            webbrowser.open(url)
        except Exception as exc:
            print(
                _("note: could not open a browser ({reason}); open the link yourself.").format(
                    reason=type(exc).__name__
                ),
                file=sys.stderr,
            )

    threading.Thread(target=run, name="open-browser", daemon=True).start()


def _read_pasted(attempt: ConnectAttempt | FacebookAttempt, stream: IO[str] | None) -> None:
    """Accept a pasted redirect address line by line until one is taken or input ends."""

    def run() -> None:
        if stream is None:
            return
        for line in stream:
            text = line.strip()
            if not text:
                continue
            try:
                attempt.submit_pasted_url(text)
            except SocialdeskError as error:
                print(f"error: {error.code}: {_(error.message)}", file=sys.stderr)
                print(f"  {_(error.info.action)}", file=sys.stderr)
                if attempt.ended:
                    return
                continue
            return

    threading.Thread(target=run, name="read-pasted-url", daemon=True).start()


def _ask_stop(provider: str = "Instagram") -> None:
    """Any web page can send a state-less error, so it only asks; the user ends the wait, or not.

    The attempt passes on only the first such report, so this is asked once per connect.
    """
    print(
        _(
            "Your browser reported that the {provider} dialog was closed. Stop connecting? "
            "Press Ctrl+C to stop, or keep waiting: choose Allow in the browser, or paste the address here."
        ).format(provider=provider),
        file=sys.stderr,
        flush=True,
    )


def run_connect(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    if args.via == "facebook":
        from desktop.commands.connect_facebook import run_connect_facebook

        return run_connect_facebook(args, paths, settings)
    if args.account:
        print(
            _("error: --account is for --via facebook (Instagram Login connects one account)"),
            file=sys.stderr,
        )
        return 2
    with open_services(args, paths, settings) as services:
        ws = workspace(services, args)
        if services.sandbox is not None:
            print(
                _("Sandbox mode: using the local Instagram at {url}").format(url=services.sandbox.base_url),
                file=sys.stderr,
            )
        attempt = services.connections.start_connect(ws.id, force_authentication=args.switch_account)
        if attempt.forced:
            print(_("Instagram will ask you to sign in: choose the account to connect."), file=sys.stderr)
        try:
            minutes = max(1, round((attempt.expires_at - services.clock.now()).total_seconds() / 60))
            print(
                ngettext(
                    "Open this link to connect Instagram to '{workspace}' (it works for {minutes} minute):",
                    "Open this link to connect Instagram to '{workspace}' (it works for {minutes} minutes):",
                    minutes,
                ).format(workspace=ws.name, minutes=minutes)
            )
            print(f"  {attempt.start_url}")
            print(_("Or paste here the address your browser shows after you choose Allow."), flush=True)
            if not args.no_browser:
                _open_browser(attempt.start_url)
            attempt.on_stateless_error(_ask_stop)
            _read_pasted(attempt, sys.stdin)
            view = attempt.wait()
        except KeyboardInterrupt as interrupted:
            # Closes the listener and forgets the state, so a late answer connects nothing.
            attempt.cancel()
            print(_("Cancelled; nothing was connected."), file=sys.stderr)
            return interrupted.exit_code if isinstance(interrupted, Interrupted) else 130
        except SocialdeskError as error:
            if error.code == "account_already_connected":
                # Said before the catalogue line, so the way out is the last thing on screen.
                print(
                    _("note: to connect another account, run: {command}").format(
                        command="socialdesk connections connect --switch-account"
                    ),
                    file=sys.stderr,
                )
            raise
    granted = ", ".join(_(scope_in_words(s)) for s in view.scopes)
    print(
        _("Connected @{username} ({kind}) to '{workspace}'.").format(
            username=view.username, kind=_kind(view), workspace=view.workspace_name
        )
    )
    print("  " + _("Permissions: {granted}").format(granted=granted))
    if view.expires_at is not None:
        print(
            "  "
            + _("Token valid until {moment} UTC").format(
                moment=f"{view.expires_at.astimezone(UTC):%Y-%m-%d %H:%M}"
            )
        )
    return 0


def run_disconnect(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    with open_services(args, paths, settings) as services:
        ws = workspace(services, args)
        view = services.connections.find(ws.id, args.username)
        outcome = services.connections.disconnect(ws.id, view.ig_user_id)
    print(_("Removed @{username} from '{workspace}'.").format(username=outcome.username, workspace=ws.name))
    if outcome.revoked_at_provider and view.via == "facebook":
        print("  " + _("Socialdesk's access was revoked at Facebook."))
    elif outcome.revoked_at_provider:
        print("  " + _("Socialdesk's access was revoked at Instagram."))
    elif outcome.kept_alive_by:
        print(
            "  "
            + _(
                "Its Facebook grant still serves {accounts}, so Socialdesk's access at "
                "Facebook was kept for those accounts."
            ).format(accounts=", ".join(outcome.kept_alive_by))
        )
    elif outcome.remove_by_hand and view.via == "facebook":
        # A Facebook grant is never refused for good: by hand means its retries ran out.
        gave_up = lookup("revoke_gave_up_facebook")
        print(f"  {_(gave_up.message)} {_(gave_up.action)}")
    elif outcome.remove_by_hand:
        print(f"  {revoke_help(REVOKE_MANUALLY_HELP)}")
    elif outcome.shared_with:
        print(
            "  "
            + _(
                "@{username} stays connected in {workspaces}, "
                "so Socialdesk's access at Instagram was kept for those workspaces."
            ).format(username=outcome.username, workspaces=", ".join(repr(n) for n in outcome.shared_with))
        )
    elif view.via == "facebook":
        print(
            "  "
            + _(
                "Facebook could not be reached, so Socialdesk will revoke access when it can. To revoke it "
                "now, open {url} (Business Integrations), find Socialdesk and choose Remove."
            ).format(url=FACEBOOK_INTEGRATIONS_URL)
        )
    else:
        print(f"  {revoke_help(REVOKE_BY_HAND_HELP)}")
    return 0


def run_dismiss(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    with open_services(args, paths, settings, instagram=False) as services:
        ws = workspace(services, args)
        name = args.username.removeprefix("@")
        listed = [r.via for r in services.connections.revocations(ws.id) if r.username == name]
        services.connections.dismiss_revocation(ws.id, args.username)
    where = "Facebook" if listed[:1] == ["facebook"] else "Instagram"
    print(
        _("Forgot @{username}: Socialdesk no longer lists its access at {provider}.").format(
            username=name, provider=where
        )
    )
    return 0


def _when(moment: datetime | None) -> str:
    return f"{moment.astimezone(UTC):%Y-%m-%d %H:%M} UTC" if moment is not None else _("later")


def _describe_outcome(item: RefreshOutcome, now: datetime) -> str:
    """One account's outcome in words; the reason a row shows in the app when there is one."""
    view = item.view
    days = view.days_left(now)
    left = (
        ngettext("expires in {days} day", "expires in {days} days", days).format(days=days)
        if days is not None
        else _("no expiry")
    )
    reason = _(view.status_reason) if view.status_reason else ""
    failure = _(lookup(item.error_code).message) if item.error_code else ""
    retry = _when(item.retry_at)
    templates = {
        "refreshed": _("refreshed, valid until {until}"),
        "verified": _("checked, Instagram still accepts it ({left})"),
        "not_due": _("not due yet ({left})"),
        "too_young": _("not refreshed: under 24 hours old ({left})"),
        "expired": _("needs reconnect: {reason}"),
        "needs_reconnect": _("needs reconnect: {reason}"),
        "missing_permission": _("missing permission: {reason}"),
        "rate_limited": _("not refreshed: {failure} Retrying after {retry} ({left})"),
        "failed": _("not refreshed: {failure} Retrying after {retry} ({left})"),
        "deferred": _("waiting to retry after {retry} ({left})"),
        "save_failed": _("refreshed but not saved ({failure}); the old token still works ({left})"),
        "skipped": _("needs reconnect: {reason}"),
        "superseded": _("changed by another Socialdesk meanwhile; left as it is"),
    }
    if item.outcome == "skipped" and not reason:
        reason = _("reconnect it in Settings → Integrations")
    template = templates.get(item.outcome)
    words = (
        template.format(until=_when(view.expires_at), left=left, reason=reason, failure=failure, retry=retry)
        if template is not None
        else item.outcome
    )
    return f"@{view.username} ({view.workspace_name}): {words}"


def _print_report(report: LifecycleReport, now: datetime) -> None:
    if not report.outcomes:
        print(_("No Instagram account is connected."))
    for item in report.outcomes:
        print(_describe_outcome(item, now))
    outbox = report.outbox
    if outbox is not None and (outbox.revoked or outbox.still_pending or outbox.finalized):
        # One line for both providers: the outbox holds Instagram Login and Facebook Login grants.
        print(
            _("Revocations of disconnected accounts: {done} done, {pending} still pending.").format(
                done=outbox.revoked, pending=outbox.still_pending
            )
        )
    if outbox is not None and outbox.finalized > outbox.finalized_facebook:
        print(
            "  "
            + _("{count} no longer retried: {action}").format(
                count=outbox.finalized - outbox.finalized_facebook, action=revoke_help(REVOKE_MANUALLY_HELP)
            )
        )
    if outbox is not None and outbox.finalized_facebook:
        print(
            "  "
            + _("Facebook Login accounts no longer retried: {count}. {action}").format(
                count=outbox.finalized_facebook, action=_(lookup("revoke_gave_up_facebook").action)
            )
        )
    if report.outbox_error is not None:
        print(
            _("note: pending revocations were not retried ({reason}).").format(reason=report.outbox_error),
            file=sys.stderr,
        )


def run_refresh(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    with open_services(args, paths, settings) as services:
        report = services.lifecycle().run()
        now = services.clock.now()
    if args.json:
        print(json.dumps(report.as_json(), indent=2))
    else:
        _print_report(report, now)
    return 0
