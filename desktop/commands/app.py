"""``socialdesk app set|show``: the user's own Instagram app, headless.

``set`` reads the App Secret from standard input (never from an argument, which other users can
see in the process list) and stores it in the keychain; ``show`` never prints it. Both run the
offline checks the window's guided pane runs.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from desktop.cli import report_error
from desktop.commands.usage import usage_handler
from desktop.core.app_setup import (
    Check,
    all_checks,
    save_instagram_app,
    secret_stored,
)
from desktop.core.errors import SocialdeskError
from desktop.core.i18n import N_, _, translated
from desktop.core.meta_dashboard import META_ID_FIELD, META_PRODUCT, META_REDIRECT_FIELD
from desktop.core.secrets import SecretStr
from desktop.core.settings import Paths, Settings


def add_parser(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "app",
        help=_("set up or show your own Instagram app (App ID, redirect URI, App Secret)"),
        description=_(
            "Your app at Meta needs the product '{product}'. Copy its Instagram App ID and "
            "Instagram App Secret from {id_field}, and enter the redirect URI under {redirect_field}."
        ).format(product=META_PRODUCT, id_field=META_ID_FIELD, redirect_field=META_REDIRECT_FIELD),
    )
    parser.set_defaults(
        handler=usage_handler(parser), command_name="app", keyring_backend=None, allow_backends=()
    )
    commands = parser.add_subparsers(title=N_("app commands"), metavar="COMMAND")
    set_ = commands.add_parser(
        "set",
        help=_("store the App ID and redirect URI; the App Secret is read from standard input"),
        description=_(
            "Store the Instagram App ID and redirect URI in the settings, and the App Secret (read "
            "from standard input) in the keychain. Example: socialdesk app set --app-id 123 < secret.txt"
        ),
    )
    set_.add_argument("--app-id", required=True, metavar="ID", help=_("the Instagram App ID (digits)"))
    set_.add_argument(
        "--redirect-uri",
        metavar="URI",
        help=_("the OAuth redirect URI exactly as registered at Meta (default: the current setting)"),
    )
    set_.set_defaults(handler=run_set, command_name="app set")
    show = commands.add_parser("show", help=_("the App ID, redirect URI and whether the secret is stored"))
    show.add_argument("--json", action="store_true", help=_("print one JSON object"))
    show.set_defaults(handler=run_show, command_name="app show")


def _check_lines(checks: list[Check]) -> list[str]:
    return [f"  [{'ok' if check.ok else '!!'}] {translated(check.message)}" for check in checks]


def _read_secret() -> SecretStr:
    if sys.stdin is not None and sys.stdin.isatty():
        return SecretStr(getpass.getpass(_("Instagram App Secret: ")))
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return SecretStr(line.strip())


def run_set(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    redirect_uri = args.redirect_uri or settings.redirect_uri
    checks = all_checks(args.app_id, redirect_uri)
    try:
        secret = _read_secret()
        if not secret.reveal():
            raise SocialdeskError("app_misconfigured", N_("no App Secret on standard input"))
        save_instagram_app(
            paths,
            settings,
            getattr(args, "keyring_backend", None),
            tuple(getattr(args, "allow_backends", ())),
            app_id=args.app_id,
            redirect_uri=redirect_uri,
            app_secret=secret,
        )
    except SocialdeskError as error:
        report_error(error)
        for line in _check_lines([c for c in checks if not c.ok]):
            print(line, file=sys.stderr)
        return 1
    print(
        _("saved: app {app_id}, redirect URI {redirect_uri}; App Secret in the keychain").format(
            app_id=args.app_id.strip(), redirect_uri=redirect_uri.strip()
        )
    )
    print(_("checks:"))
    print("\n".join(_check_lines(checks)))
    print(_("Register exactly this redirect URI at Meta: {field}.").format(field=META_REDIRECT_FIELD))
    return 0


def run_show(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    stored = secret_stored(
        getattr(args, "keyring_backend", None),
        tuple(getattr(args, "allow_backends", ())),
        settings.instagram_app_id,
    )
    checks = all_checks(settings.instagram_app_id, settings.redirect_uri) if settings.instagram_app_id else []
    if args.json:
        print(
            json.dumps(
                {
                    "app_id": settings.instagram_app_id or None,
                    "redirect_uri": settings.redirect_uri,
                    "app_secret_stored": stored,
                    "mode": "instagram" if settings.instagram_app_id else "sandbox",
                    "checks": [{"name": c.name, "ok": c.ok, "message": c.message} for c in checks],
                },
                sort_keys=True,
            )
        )
        return 0
    if not settings.instagram_app_id:
        print(
            _("no Instagram app set up: sandbox mode (set one with {command})").format(
                command="'socialdesk app set --app-id ID'"
            )
        )
        print(_("redirect URI: {uri}").format(uri=settings.redirect_uri))
        return 0
    print(_("app ID: {app_id}").format(app_id=settings.instagram_app_id))
    print(_("redirect URI: {uri}").format(uri=settings.redirect_uri))
    where = _("stored in the keychain") if stored else _("not stored") if stored is False else _("unknown")
    print(_("App Secret: {where}").format(where=where))
    print(_("checks:"))
    print("\n".join(_check_lines(checks)))
    return 0
