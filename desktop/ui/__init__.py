"""The Qt layer: the only package that imports PySide6."""

from desktop.ui import pyside_source_check

# First, so no module the window imports has its source kept by PySide6's import hook.
pyside_source_check.install()
