"""The Instagram card's parts that its first paint does not show, built the first time they are needed.

The connect progress card, the Facebook picker and the error panel (with its troubleshooting table)
are hidden until a connect starts or something fails, and the connect and disconnect flows load
the OAuth, Facebook and dialog modules: none of that belongs in the start-up. Each part is made
on first use and placed where it always stood in the card (below the certificate note, in this
order); :attr:`CardParts.built` then tells the page to redo the tab order. The way chooser (shown
once a Facebook app is available) goes above the certificate note, and the connections panel
(search, rows, details; built when the first list arrives) last: before the services open there
is nothing for either to show, and hidden they would still be styled at the window's first show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.ui.integrations.browser import BrowserOpener
from desktop.ui.integrations.pictures import PictureCache
from desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from desktop.ui.integrations.connect_flow import ConnectFlow
    from desktop.ui.integrations.connect_progress import ConnectProgressCard
    from desktop.ui.integrations.connections_view import ConnectionsPanel
    from desktop.ui.integrations.disconnect_flow import DisconnectFlow
    from desktop.ui.integrations.error_panel import ErrorPanel
    from desktop.ui.integrations.facebook_picker import FacebookPicker, WayChooser
    from desktop.ui.integrations.instagram_card import InstagramCard


class CardParts(QObject):
    """Builds, places and wires the card's hidden parts and its flows on first use."""

    #: A part with controls joined the card (the page redoes the tab order).
    built = Signal()

    def __init__(
        self,
        card: InstagramCard,
        layout: QVBoxLayout,
        anchor: QWidget,
        *,
        tasks: TaskRunner,
        opener: BrowserOpener,
        pictures: PictureCache,
    ) -> None:
        """``anchor``: the widget the first part goes below."""
        super().__init__(card)
        self._card, self._layout, self._anchor = card, layout, anchor
        self._tasks, self._opener, self._pictures = tasks, opener, pictures
        self.built_progress: ConnectProgressCard | None = None
        self.built_picker: FacebookPicker | None = None
        self.built_error_panel: ErrorPanel | None = None
        self.built_connect_flow: ConnectFlow | None = None
        self.built_disconnect_flow: DisconnectFlow | None = None
        self.built_panel: ConnectionsPanel | None = None
        self.built_way_chooser: WayChooser | None = None
        self._reconnect_allowed = True

    def _place(self, part: QWidget, *before_it: QWidget | None) -> None:
        """Insert ``part`` below the last part already built of those that stand above it."""
        above = next((w for w in reversed(before_it) if w is not None), self._anchor)
        self._layout.insertWidget(self._layout.indexOf(above) + 1, part)

    def focus_chain(self) -> list[QWidget]:
        """The built parts' controls in tab order (progress card, Facebook picker, error panel)."""
        chain: list[QWidget] = []
        progress = self.built_progress
        if progress is not None:
            chain += [
                progress.keep_waiting_button,
                progress.stop_button,
                progress.copy_link_button,
                progress.open_browser_button,
                progress.paste_field,
                progress.submit_button,
                progress.cancel_button,
            ]
        picker = self.built_picker
        if picker is not None:
            chain += picker.focus_chain()
        panel = self.built_error_panel
        if panel is not None:
            chain += [panel.retry_button, panel.dismiss_button, panel.show_all_button]
        if self.built_panel is not None:
            chain += self.built_panel.focus_chain()
        return chain

    def set_reconnect_allowed(self, allowed: bool) -> None:
        """The details' Reconnect is off while a connect runs (kept for a panel not built yet)."""
        self._reconnect_allowed = allowed
        if self.built_panel is not None:
            self.built_panel.details.set_reconnect_allowed(allowed)

    @property
    def panel(self) -> ConnectionsPanel:
        if self.built_panel is None:
            from desktop.ui.integrations.connections_view import ConnectionsPanel

            card = self._card
            panel = ConnectionsPanel(card.model, card)
            panel.disconnect_requested.connect(card.on_panel_disconnect_requested)
            panel.reconnect_requested.connect(card.on_panel_reconnect_requested)
            panel.details.set_reconnect_allowed(self._reconnect_allowed)
            self._layout.addWidget(panel)  # last in the card
            self.built_panel = panel
            self.built.emit()
        return self.built_panel

    @property
    def way_chooser(self) -> WayChooser:
        """Built hidden: the card shows it once a Facebook app is available."""
        if self.built_way_chooser is None:
            from desktop.ui.integrations.facebook_picker import WayChooser

            chooser = WayChooser(self._card)
            chooser.hide()
            self._layout.insertWidget(self._layout.indexOf(self._anchor), chooser)  # above the note
            self.built_way_chooser = chooser
            self.built.emit()  # its options join the tab order, after Connect Instagram
        return self.built_way_chooser

    @property
    def via(self) -> str:
        if self.built_way_chooser is not None:
            return self.built_way_chooser.via
        from desktop.ui.integrations.facebook_picker import VIA_INSTAGRAM

        return VIA_INSTAGRAM

    @property
    def connect_flow(self) -> ConnectFlow:
        if self.built_connect_flow is None:
            from desktop.ui.integrations.connect_flow import ConnectFlow

            self.built_connect_flow = ConnectFlow(self._card, self._tasks, self._opener)
        return self.built_connect_flow

    @property
    def disconnect_flow(self) -> DisconnectFlow:
        if self.built_disconnect_flow is None:
            from desktop.ui.integrations.disconnect_flow import DisconnectFlow

            self.built_disconnect_flow = DisconnectFlow(self._card, self._tasks)
        return self.built_disconnect_flow

    @property
    def progress(self) -> ConnectProgressCard:
        if self.built_progress is None:
            from desktop.ui.integrations.connect_progress import ConnectProgressCard

            progress = ConnectProgressCard(self._card.clock, self._card)
            self._place(progress)
            self.built_progress = progress
            self.connect_flow.wire_progress(progress)
            self.built.emit()
        return self.built_progress

    @property
    def picker(self) -> FacebookPicker:
        if self.built_picker is None:
            from desktop.ui.integrations.facebook_picker import FacebookPicker

            picker = FacebookPicker(self._pictures, self._card)
            self._place(picker, self.built_progress)
            self.built_picker = picker
            self.connect_flow.wire_picker(picker)
            self.built.emit()
        return self.built_picker

    @property
    def error_panel(self) -> ErrorPanel:
        if self.built_error_panel is None:
            from desktop.ui.integrations.error_panel import ErrorPanel

            panel = ErrorPanel(self._card)
            self._place(panel, self.built_progress, self.built_picker)
            self.built_error_panel = panel
            self._card.wire_error_panel(panel)
            self.built.emit()
        return self.built_error_panel
