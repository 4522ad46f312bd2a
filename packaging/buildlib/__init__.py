"""The steps of ``packaging/build.py``: icons, freezing, the smoke test, installers, sizes."""


class BuildError(Exception):
    """A step failed; the message says which and why, and the build stops."""
