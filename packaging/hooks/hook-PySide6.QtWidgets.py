"""PySide6.QtWidgets, with the Qt plugins and translations the spec selects (see qt_selection.py)."""

from typing import Any

from qt_selection import collect_selected


def hook(hook_api: Any) -> None:
    collect_selected(hook_api, __file__)
