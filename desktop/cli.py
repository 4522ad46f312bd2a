"""The command line: no arguments opens the window; subcommands manage things headless.

Headless commands never import Qt, so they run on servers and in scripts, and while the GUI is open.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from desktop import __version__
from desktop.core.environment import SANDBOX_SECRET_ENV, SANDBOX_URL_ENV, Environment
from desktop.core.errors import SocialdeskError
from desktop.core.i18n import N_, _, ngettext, set_language, translated
from desktop.core.interrupts import Interrupted, flush_logs, hard_exit, stopping_on_signals
from desktop.core.logs import setup_logging
from desktop.core.settings import BASE_DIR_ENV, Paths, load_settings

log = logging.getLogger(__name__)

#: Each module has ``add_parser(subparsers)``, which sets ``handler(args, paths, settings) -> int``.
COMMAND_MODULES: tuple[str, ...] = (
    "desktop.commands.connections",
    "desktop.commands.workspaces",
    "desktop.commands.vault",
    "desktop.commands.sandbox",
    "desktop.commands.screenshots",
    "desktop.commands.tls",
    "desktop.commands.app",
    "desktop.commands.team",
)


def _wants_commands(argv: Sequence[str]) -> bool:
    """Whether parsing ``argv`` needs the subcommands: any word that is not an option or its value
    (a command, or a mistyped one that deserves the list of commands), or help that lists them."""
    expecting_value = False
    for arg in argv:
        if expecting_value:
            expecting_value = False
        elif arg in ("--base-dir", "--language", "--sandbox-url"):
            expecting_value = True
        elif arg in ("-h", "--help") or not arg.startswith("-"):
            return True
    return False


def _language_asked(argv: Sequence[str]) -> str | None:
    """``--language`` read before parsing, so help texts and argparse's own errors use it too."""
    for index, arg in enumerate(argv):
        if arg == "--language" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--language="):
            return arg.split("=", 1)[1]
    return None


def _translate_argparse() -> None:
    """argparse's own words ("usage:", "options", its errors) through the same catalogue."""
    # argparse also passes None (an absent description) and the titles it is given (marked with N_).
    argparse._ = lambda text: _(text) if text else text  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
    """The parser; without commands it skips importing their modules, so the window opens sooner."""
    parser = argparse.ArgumentParser(
        prog="socialdesk",
        description=_("Socialdesk: connect Instagram Business and Creator accounts to your workspaces."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"socialdesk {__version__}",
        help=_("show the version and exit"),
    )
    parser.add_argument(
        "--base-dir",
        metavar="DIR",
        help=_("keep config, data, cache and logs under DIR (also ${variable})").format(
            variable=BASE_DIR_ENV
        ),
    )
    parser.add_argument("--sandbox", action="store_true", help=_("use the local sandbox Instagram"))
    parser.add_argument(
        "--sandbox-url",
        metavar="URL",
        help=_(
            "use a running `socialdesk sandbox` at URL instead of an embedded one (also ${url}; its client "
            "secret in ${secret})"
        ).format(url=SANDBOX_URL_ENV, secret=SANDBOX_SECRET_ENV),
    )
    parser.add_argument("--smoke-test", action="store_true", help=_("check this installation and exit"))
    parser.add_argument("--no-crash-dialog", action="store_true", help=_("log crashes without a dialog"))
    parser.add_argument("--debug", action="store_true", help=_("log at DEBUG level (secrets stay masked)"))
    parser.add_argument(
        "--language",
        metavar="LANG",
        help=_("language of the window and messages, e.g. de or en (default: the desktop's; also $LANGUAGE)"),
    )
    subparsers = parser.add_subparsers(title=N_("commands"), metavar="COMMAND")
    if with_commands:
        for module_name in COMMAND_MODULES:
            importlib.import_module(module_name).add_parser(subparsers)
    return parser


def report_error(error: SocialdeskError) -> None:
    """The CLI's one format for failures: the code and message, then what to do."""
    print(f"error: {error.code}: {_(error.message)}", file=sys.stderr)
    if error.detail_text:
        print(f"  {translated(error.detail_text)}", file=sys.stderr)
    print(f"  {_(error.info.action)}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    asked = _language_asked(arguments)
    if asked:
        set_language(asked)
    _translate_argparse()
    parser = build_parser(with_commands=_wants_commands(arguments))
    args = parser.parse_args(arguments)
    if args.language:
        set_language(args.language)
    paths = Paths.resolve(args.base_dir).ensure()
    settings = load_settings(paths)
    handler = getattr(args, "handler", None)
    log_file = setup_logging(
        paths.log_dir, level=logging.DEBUG if args.debug else logging.INFO, console=args.debug
    )
    log.info(
        "socialdesk %s starting (%s)",
        __version__,
        "smoke test"
        if args.smoke_test
        else getattr(args, "command_name", None) or ("command" if handler else "window"),
    )
    env = Environment(
        paths=paths,
        settings=settings,
        log_file=log_file,
        force_sandbox=args.sandbox,
        sandbox_url=args.sandbox_url or os.environ.get(SANDBOX_URL_ENV, ""),
    )
    try:
        if args.smoke_test:
            from desktop.ui.smoke import run_smoke_test

            failures = run_smoke_test(env)
            for line in failures:
                print(line)
            if not failures:
                print(_("socialdesk {version}: smoke test passed").format(version=__version__))
            return 1 if failures else 0
        if handler is not None:
            with stopping_on_signals():
                code = int(handler(args, paths, settings))
            log.info("command finished (exit %d)", code)
            return code
        # The window's start-up makes many objects that live as long as it does (modules, Qt's
        # types and enums, widgets); the automatic collector would walk them a dozen-odd times
        # before the first paint. The GUI thread's own collector, installed with the application,
        # takes over from there (desktop/ui/garbage.py).
        gc.disable()
        try:
            from desktop.ui.app import run_gui
        except BaseException:
            gc.enable()
            raise
        from desktop.ui.restart import RESTART_EXIT_CODE, restart_now

        code = run_gui(env, crash_dialog=not args.no_crash_dialog)
        if code == RESTART_EXIT_CODE:
            log.info("restarting to apply the new Instagram app settings")
            restart_now()  # everything is closed and flushed; this process becomes the new one
        # Everything is closed and flushed: skip interpreter teardown, where Qt's and the
        # accessibility bridge's destructors run after Python's objects are gone (and a worker
        # stuck in a keychain call would block the thread pool's destructor forever).
        hard_exit(code)
        return code
    except SocialdeskError as error:
        log.warning("command failed: %s", error.code)
        report_error(error)
        return 1
    except Interrupted as interrupted:
        log.info("stopped by %s (exit %d)", interrupted, interrupted.exit_code)
        print(_("Interrupted; nothing half-done was kept."), file=sys.stderr)
        return interrupted.exit_code
    except KeyboardInterrupt:
        return 130
    finally:
        flush_logs()
