"""The handler of a command group given without its subcommand: show what it takes, exit 2."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from desktop.core.settings import Paths, Settings

Handler = Callable[[argparse.Namespace, Paths, Settings], int]


def usage_handler(parser: argparse.ArgumentParser) -> Handler:
    def run(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
        parser.print_help(sys.stderr)
        return 2

    return run
