"""Headless subcommands: each module adds its parser and a ``run(args, paths, settings)`` handler."""
