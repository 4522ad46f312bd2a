"""The Instagram card's failures: shown in its inline error panel, with a Retry that repeats the step.

The panel itself is one of the card's parts, built when the first failure comes; this keeps what its
Retry repeats and where the focus goes when the user retries or dismisses.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

from desktop.core.errors import SocialdeskError
from desktop.ui.integrations.failure_meaning import as_socialdesk_error

if TYPE_CHECKING:
    from desktop.ui.integrations.error_panel import ErrorPanel
    from desktop.ui.integrations.instagram_card import InstagramCard

log = logging.getLogger(__name__)


class CardErrors(QObject):
    def __init__(self, card: InstagramCard) -> None:
        super().__init__(card)
        self._card = card
        #: What the panel's Retry repeats (None while no error is shown, or none can be retried).
        self.retry: Callable[[], None] | None = None

    def show(
        self, exc: BaseException | str, retry: Callable[[], None] | None, *, retry_text: str, take_focus: bool
    ) -> None:
        card = self._card
        error = SocialdeskError(exc) if isinstance(exc, str) else as_socialdesk_error(exc)
        log.info("showing error %s", error.code)
        self.retry = retry
        card.notice_label.hide()
        panel = card.error_panel
        panel.show_error(error.code, error.detail, retry_text=retry_text, can_retry=retry is not None)
        if take_focus or card.holds_focus():
            panel.focus_primary_action()
        card.attention_needed.emit(panel)

    def clear(self) -> None:
        self.retry = None
        if self._card.parts.built_error_panel is not None:
            self._card.parts.built_error_panel.clear()

    def wire(self, panel: ErrorPanel) -> None:
        panel.retry_requested.connect(self._on_error_panel_retry_requested)
        panel.dismissed.connect(self._on_error_panel_dismissed)

    @Slot()
    def _on_error_panel_retry_requested(self) -> None:
        retry = self.retry
        self._card.focus_home()
        self.clear()
        if retry is not None:
            retry()

    @Slot()
    def _on_error_panel_dismissed(self) -> None:
        self.retry = None
        self._card.focus_home()
