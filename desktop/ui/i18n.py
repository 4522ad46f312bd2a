"""The UI's view of translation: the catalogue's words in the language in use."""

from __future__ import annotations

from desktop.core.errors import ErrorInfo
from desktop.core.i18n import _


def catalogue_text(info: ErrorInfo) -> tuple[str, str, str]:
    """``info``'s message, meaning and action, translated."""
    return _(info.message), _(info.meaning), _(info.action)
