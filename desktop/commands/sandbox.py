"""``socialdesk sandbox [--port N]``: run the local Instagram on its own.

Prints what a developer would copy from Meta's dashboard, one ``name: value`` per line on stdout
(base URL, client id, client secret, the registered redirect URI), then the three hosts
(``www_url``, ``api_url``, ``graph_url``; ``base_url`` is the www one), then the Facebook half's
``facebook_base_url``, ``facebook_client_id`` and ``facebook_client_secret``, then serves until SIGINT or
SIGTERM. With ``--port N`` the hosts listen on N, N+1 and N+2. Like Instagram Login, the sandbox's
app registers only https redirect URIs, so the redirect URI printed is https (the setting's, or the
default ``https://localhost:8765/callback/``); ``--allow-http-localhost`` models a Facebook app in
Development Mode instead. State lives in the data folder's ``sandbox/``, so tokens survive a restart; the client
secret is new on every run, as only its hash is kept.
"""

from __future__ import annotations

import argparse
import sys
import threading
from typing import Any, TextIO

from desktop.core.i18n import _
from desktop.core.interrupts import Interrupted, stopping_on_signals
from desktop.core.sandbox import SandboxServer
from desktop.core.sandbox.facebook import FacebookSandbox
from desktop.core.sandbox.redirect_policy import RedirectRefused
from desktop.core.settings import DEFAULT_REDIRECT_URI, Paths, Settings


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "sandbox",
        help=_("run the local sandbox Instagram and print its app credentials"),
        description=_(
            "Run the local sandbox Instagram until interrupted. Prints its base URL, client id, "
            "client secret and registered redirect URI, one per line."
        ),
    )
    parser.add_argument(
        "--port",
        type=_port,
        default=None,
        metavar="N",
        help=_(
            "port of the www host; api and graph take the next two (default: the sandbox_port "
            "setting; 0 picks free ports)"
        ),
    )
    parser.add_argument(
        "--facebook-port",
        type=_port,
        default=None,
        metavar="N",
        help=_("port of the Facebook half (default: the facebook_sandbox_port setting; 0 picks a free port)"),
    )
    parser.add_argument(
        "--allow-http-localhost",
        action="store_true",
        help=_("also accept http://localhost redirect URIs, as a Facebook app in Development Mode does"),
    )
    parser.set_defaults(handler=run, command_name="sandbox")
    return parser


def run(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    """Serve until SIGINT or SIGTERM; exits 130 or 143 once the sandbox has stopped and saved."""
    try:
        with stopping_on_signals():
            return serve(
                paths,
                settings,
                port=args.port,
                out=sys.stdout,
                stop=threading.Event(),
                facebook_port=args.facebook_port,
                allow_http_localhost=args.allow_http_localhost or settings.sandbox_allow_http_localhost,
            )
    except Interrupted as interrupted:
        return interrupted.exit_code


def serve(
    paths: Paths,
    settings: Settings,
    *,
    port: int | None,
    out: TextIO,
    stop: threading.Event,
    allow_http_localhost: bool = False,
    facebook_port: int | None = None,
) -> int:
    """Start the sandbox, print its credentials, and serve until ``stop`` is set."""
    server = SandboxServer(
        paths.sandbox_dir,
        port=settings.sandbox_port if port is None else port,
        graph_version=settings.graph_version,
        allow_http_localhost=allow_http_localhost,
    )
    redirect_uri = settings.redirect_uri
    try:
        server.register_redirect_uri(redirect_uri)
    except RedirectRefused as refused:
        if sys.stderr is not None:
            print(_("note: {reason}").format(reason=refused), file=sys.stderr)
            print(
                _("note: registering {uri} instead").format(uri=DEFAULT_REDIRECT_URI),
                file=sys.stderr,
                flush=True,
            )
        redirect_uri = DEFAULT_REDIRECT_URI
        server.register_redirect_uri(redirect_uri)
    facebook = FacebookSandbox(
        paths.sandbox_dir,
        clock=server,
        port=settings.facebook_sandbox_port if facebook_port is None else facebook_port,
        redirect_uris=[redirect_uri],
        graph_version=settings.graph_version,
        development_mode=allow_http_localhost,
        advance_clock=server.advance_clock,
    )
    with server, facebook:
        credentials = server.credentials
        out.write(f"base_url: {server.base_url}\n")
        out.write(f"client_id: {credentials.client_id}\n")
        out.write(f"client_secret: {credentials.client_secret.reveal()}\n")
        out.write(f"redirect_uri: {redirect_uri}\n")
        out.write(f"www_url: {server.www_url}\n")
        out.write(f"api_url: {server.api_url}\n")
        out.write(f"graph_url: {server.graph_url}\n")
        out.write(f"facebook_base_url: {facebook.base_url}\n")
        out.write(f"facebook_client_id: {facebook.client_id}\n")
        out.write(f"facebook_client_secret: {facebook.client_secret.reveal()}\n")
        out.flush()
        if sys.stderr is not None:
            print(
                _("Sandbox Instagram and Facebook running; press Ctrl+C to stop."),
                file=sys.stderr,
                flush=True,
            )
        while not stop.wait(0.5):
            pass
    return 0


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("the port must be a number") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("the port must be between 0 and 65535")
    return value
