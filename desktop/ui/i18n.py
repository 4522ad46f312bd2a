"""The UI's view of translation: the catalogue's words in the language in use."""

from __future__ import annotations

from desktop.core.errors import ErrorInfo
from desktop.core.gui_actions import gui_action
from desktop.core.i18n import _, translated


def catalogue_text(info: ErrorInfo) -> tuple[str, str, str]:
    """``info``'s message, meaning and action, translated; the action in window words (no commands)."""
    return _(info.message), _(info.meaning), gui_action(info)


def detail_text(detail: str) -> str:
    """A core detail ("the redirect URI needs a fixed port, not 0") as a sentence, translated."""
    text = translated(detail).strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else f"{text}."
