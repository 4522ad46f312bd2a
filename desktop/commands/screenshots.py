"""``socialdesk screenshots DIR``: render the window's main states to PNG files in DIR.

Empty, connecting, connected with two accounts, and every error of the troubleshooting table, in
the light and the dark palette, against the embedded sandbox in a throwaway folder (the user's data
and keychain are never touched). ``--scale 2`` renders as on a 200% display.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from desktop.core.settings import Paths, Settings

SCHEMES = ("light", "dark")


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "screenshots",
        help="render the window's main states to PNG files",
        description="Render the Integrations page in each main state (empty, connecting, connected, each "
        "error) to PNG files, using the embedded sandbox in a throwaway folder.",
    )
    parser.add_argument("directory", metavar="DIR", type=Path, help="folder to write the PNG files to")
    parser.add_argument(
        "--scheme",
        choices=(*SCHEMES, "both"),
        default="both",
        help="colour scheme to render (default: both; dark files end in -dark)",
    )
    parser.add_argument(
        "--scale", type=_scale, default=1.0, metavar="N", help="display scale, e.g. 2 for 200%% (default 1)"
    )
    parser.add_argument(
        "--seed-errors-only",
        action="store_true",
        help="render only the help article's four errors instead of every catalogue error",
    )
    parser.set_defaults(handler=run, command_name="screenshots")
    return parser


def run(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    # Qt reads these once, when the application object is made.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = f"{args.scale:g}"
    from desktop.ui.screenshots import render_states

    schemes = SCHEMES if args.scheme == "both" else (args.scheme,)
    scale_suffix = "" if args.scale == 1.0 else f"@{args.scale:g}x"
    written: list[Path] = []
    for scheme in schemes:
        suffix = ("-dark" if scheme == "dark" else "") + scale_suffix
        written += render_states(
            args.directory, scheme=scheme, suffix=suffix, all_errors=not args.seed_errors_only
        )
    for path in written:
        print(path)
    return 0


def _scale(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("the scale is a number such as 1, 1.5 or 2") from None
    if not 0.5 <= value <= 4:
        raise argparse.ArgumentTypeError("the scale must be between 0.5 and 4")
    return value
