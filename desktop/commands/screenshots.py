"""``socialdesk screenshots DIR``: render the window's main states to PNG files in DIR.

Empty, connecting, connected with two accounts, and every error of the troubleshooting table, in
the light and the dark palette, against the embedded sandbox in a throwaway folder (the user's data
and keychain are never touched). Each picture is the window at a real size, as the user sees it:
by default the size it opens at (1000×720), the smallest it allows (820×600, files ``-820x600``)
and the default on a 200 % display (files ``@2x``, rendered by a second process, since Qt reads the
scale once). ``--size`` or ``--scale`` renders just that one variant.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from desktop.core.errors import SocialdeskError
from desktop.core.i18n import _, set_language
from desktop.core.settings import Paths, Settings

SCHEMES = ("light", "dark")
DEFAULT_SIZE = (1000, 720)
SMALL_SIZE = (820, 600)


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "screenshots",
        help=_("render the window's main states to PNG files"),
        description=_(
            "Render the Integrations page in each main state (empty, connecting, connected, each "
            "error) to PNG files, using the embedded sandbox in a throwaway folder. Without --size or "
            "--scale: at 1000x720, at 820x600 and at 2x scale (200 percent)."
        ),
    )
    parser.add_argument("directory", metavar="DIR", type=Path, help=_("folder to write the PNG files to"))
    parser.add_argument(
        "--scheme",
        choices=(*SCHEMES, "both"),
        default="both",
        help=_("colour scheme to render (default: both; dark files end in -dark)"),
    )
    parser.add_argument(
        "--scale", type=_scale, default=None, metavar="N", help=_("display scale only, e.g. 2 for 200%%")
    )
    parser.add_argument(
        "--size", type=_size, default=None, metavar="WxH", help=_("window size only, e.g. 820x600")
    )
    parser.add_argument(
        "--language",
        metavar="LANG",
        default=None,
        help=_("render in LANG (de, pseudo, ...); files then end in -LANG"),
    )
    parser.add_argument(
        "--seed-errors-only",
        action="store_true",
        help=_("render only the help article's four errors instead of every catalogue error"),
    )
    parser.set_defaults(handler=run, command_name="screenshots")
    return parser


def run(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    # Qt reads these once, when the application object is made.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scale = args.scale or 1.0
    if scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = f"{scale:g}"
    language = args.language or getattr(args, "global_language", None)
    if args.language:
        set_language(args.language)
    from desktop.ui.screenshots import render_states

    schemes = SCHEMES if args.scheme == "both" else (args.scheme,)
    variants: list[tuple[tuple[int, int], str]]
    if args.size is not None or args.scale is not None:
        size = args.size or DEFAULT_SIZE
        suffix = "" if size == DEFAULT_SIZE else f"-{size[0]}x{size[1]}"
        variants = [(size, suffix + ("" if scale == 1.0 else f"@{scale:g}x"))]
    else:
        variants = [(DEFAULT_SIZE, ""), (SMALL_SIZE, f"-{SMALL_SIZE[0]}x{SMALL_SIZE[1]}")]
    written: list[Path] = []
    for scheme in schemes:
        for size, variant in variants:
            suffix = ("-dark" if scheme == "dark" else "") + variant + (f"-{language}" if language else "")
            written += render_states(
                args.directory,
                scheme=scheme,
                suffix=suffix,
                all_errors=not args.seed_errors_only,
                size=size,
            )
    for path in written:
        print(path, flush=True)
    if args.size is None and args.scale is None:
        _render_scaled(args, 2.0)
    return 0


def _render_scaled(args: argparse.Namespace, scale: float) -> None:
    """The 200 % variant in a process of its own (this one's Qt already has its scale)."""
    command = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "desktop"]
    command += ["screenshots", str(args.directory), "--scheme", args.scheme, "--scale", f"{scale:g}"]
    if args.seed_errors_only:
        command.append("--seed-errors-only")
    if args.language:
        command += ["--language", args.language]
    if subprocess.run(command, check=False).returncode != 0:
        raise SocialdeskError("internal_error", f"screenshots at {scale:g}x failed")


def _scale(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("the scale is a number such as 1, 1.5 or 2") from None
    if not 0.5 <= value <= 4:
        raise argparse.ArgumentTypeError("the scale must be between 0.5 and 4")
    return value


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError("the size is WIDTHxHEIGHT, such as 820x600") from None
    if width < SMALL_SIZE[0] or height < SMALL_SIZE[1] or width > 4000 or height > 4000:
        raise argparse.ArgumentTypeError("the window is at least 820x600 and at most 4000x4000")
    return width, height
