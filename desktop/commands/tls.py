"""``socialdesk tls status|trust|untrust|export-ca``: the local address's certificate and its trust.

Socialdesk's https redirect is served with a certificate from a CA of its own, which can vouch for
nothing but this computer (localhost, 127.0.0.1, ::1). ``trust`` asks this user's browsers to
trust that CA (once); ``untrust`` removes it from every store it was added to. The system-wide
store needs root, so its commands are shown, never run.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from desktop.cli import report_error
from desktop.commands.usage import usage_handler
from desktop.core.environment import Environment
from desktop.core.errors import SocialdeskError
from desktop.core.i18n import N_, _
from desktop.core.services import open_local_ca
from desktop.core.settings import Paths, Settings
from desktop.core.tls.local_ca import CaInfo, LocalCa
from desktop.core.tls.trust import StoreState, Trust, TrustOutcome

WHAT_IT_IS = N_(
    "Socialdesk's local CA can vouch only for this computer's own addresses (localhost, 127.0.0.1, ::1); "
    "its name constraints make browsers refuse anything it signs for another site."
)


def add_parser(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "tls",
        help=_("the certificate of Socialdesk's local https address, and whether browsers trust it"),
        description=_(WHAT_IT_IS)
        + " "
        + _("Trust it once so the browser comes back from Instagram without a warning."),
    )
    # Not command-line options: tests and the GUI's composition root may set these attributes.
    parser.set_defaults(
        handler=usage_handler(parser), command_name="tls", keyring_backend=None, allow_backends=(), trust=None
    )
    commands = parser.add_subparsers(title=N_("tls commands"), metavar="COMMAND")
    status = commands.add_parser(
        "status", help=_("the CA's fingerprint and expiry, and which stores trust it")
    )
    status.add_argument("--json", action="store_true", help=_("print one JSON object"))
    status.set_defaults(handler=run_status, command_name="tls status")
    trust = commands.add_parser("trust", help=_("let this user's browsers trust the local CA"))
    trust.set_defaults(handler=run_trust, command_name="tls trust")
    untrust = commands.add_parser("untrust", help=_("remove the local CA from every store it was added to"))
    untrust.set_defaults(handler=run_untrust, command_name="tls untrust")
    export = commands.add_parser("export-ca", help=_("print the CA certificate (PEM) on standard output"))
    export.set_defaults(handler=run_export, command_name="tls export-ca")


def _local_ca(args: argparse.Namespace, paths: Paths, settings: Settings) -> LocalCa:
    env = Environment(paths=paths, settings=settings)
    return open_local_ca(env, getattr(args, "keyring_backend", None), getattr(args, "allow_backends", ()))


def _trust(args: argparse.Namespace) -> Trust:
    given = getattr(args, "trust", None)
    return given if isinstance(given, Trust) else Trust()


def _state_lines(states: list[StoreState] | tuple[StoreState, ...]) -> list[str]:
    lines: list[str] = []
    for state in states:
        verdict = {True: _("trusts it"), False: _("does not trust it"), None: _("unknown")}[state.trusted]
        lines.append(f"  {_(state.name)}: {verdict} ({state.location})")
        if state.note:
            lines.append(f"    {_(state.note)}")
        for command in state.manual_commands:
            lines.append(f"    $ {command}")
    return lines


def _ca_json(ca: CaInfo | None) -> dict[str, object] | None:
    if ca is None:
        return None
    return {
        "fingerprint_sha256": ca.fingerprint,
        "expires_at": ca.expires_at.isoformat(),
        "session_only": ca.session_only,
        "subject": ca.certificate.subject.rfc4514_string(),
    }


def run_status(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    local_ca = _local_ca(args, paths, settings)
    ca = local_ca.stored_info()
    states = _trust(args).status(ca) if ca is not None else []
    if args.json:
        print(
            json.dumps(
                {
                    "ca": _ca_json(ca),
                    "redirect_uri": settings.redirect_uri,
                    "stores": [state.to_json() for state in states],
                },
                sort_keys=True,
            )
        )
        return 0
    if ca is None and local_ca.session_only:
        print(_("local CA: session-only (no secure keychain): a new one is made each time Socialdesk runs"))
        return 0
    if ca is None:
        print(_("local CA: none yet (made at the first https connect, or by 'socialdesk tls trust')"))
        return 0
    print(_("local CA: {subject}").format(subject=ca.certificate.subject.rfc4514_string()))
    print(_("fingerprint (SHA-256): {fingerprint}").format(fingerprint=ca.fingerprint))
    print(_("expires: {moment}").format(moment=ca.expires_at.isoformat()))
    if ca.session_only:
        print(_("session-only: no secure keychain, so this CA lasts only while Socialdesk runs"))
    print(_("stores:"))
    print("\n".join(_state_lines(states)))
    return 0


def _outcome_lines(outcome: TrustOutcome, verb: str) -> list[str]:
    lines = [f"{verb}: {location}" for location in outcome.changed]
    if not outcome.changed:
        lines.append(_("{verb}: nothing to change").format(verb=verb))
    lines += [
        _("failed: {location}: {reason}").format(location=loc, reason=why) for loc, why in outcome.failed
    ]
    return lines


def run_trust(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    local_ca = _local_ca(args, paths, settings)
    if local_ca.session_only:
        report_error(
            SocialdeskError(
                "keychain_unavailable",
                N_(
                    "without a secure keychain the local CA lasts only while Socialdesk runs; trust it from "
                    "the open window (Settings → Integrations), or install and unlock a keychain"
                ),
            )
        )
        return 1
    try:
        ca = local_ca.info()
        outcome = _trust(args).trust(ca)
    except SocialdeskError as error:
        report_error(error)
        return 1
    print(_(WHAT_IT_IS))
    print("\n".join(_outcome_lines(outcome, _("now trusted by"))))
    print(_("stores:"))
    print("\n".join(_state_lines(outcome.states)))
    print(
        _("Restart your browser if it was open. Undo with: {command}").format(
            command="socialdesk tls untrust"
        )
    )
    return 1 if outcome.failed else 0


def run_untrust(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    local_ca = _local_ca(args, paths, settings)
    try:
        ca = local_ca.stored_info() or local_ca.info()
        outcome = _trust(args).untrust(ca)
    except SocialdeskError as error:
        report_error(error)
        return 1
    print("\n".join(_outcome_lines(outcome, _("removed from"))))
    print(_("stores:"))
    print("\n".join(_state_lines(outcome.states)))
    return 1 if outcome.failed else 0


def run_export(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    try:
        ca = _local_ca(args, paths, settings).info()
    except SocialdeskError as error:
        report_error(error)
        return 1
    sys.stdout.write(ca.pem)
    return 0
