"""The card shown while a connect attempt waits for the browser: countdown, link, paste box, Cancel.

When the browser reports the dialog closed without the state that proves it came from Instagram
(any web page can send that), the card asks inline whether to stop, and waits on unless told to.
It only displays and asks; the Instagram card owns the attempt and does the work off the GUI thread.
The rest of the window stays usable meanwhile.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from desktop.core.clock import Clock
from desktop.ui import assets
from desktop.ui.widgets import SPACING, button, icon_label, label, named

TICK_MS = 250
#: A connect link lives ten minutes; the countdown never shows more, whatever the clocks say.
SESSION_SECONDS = 600.0


def format_countdown(seconds: float) -> str:
    """``m:ss`` of the time left, never negative; whole seconds are rounded up so it starts at 10:00."""
    whole = max(0, int(-(-seconds // 1)))
    return f"{whole // 60}:{whole % 60:02d}"


class ConnectProgressCard(QFrame):
    cancel_requested = Signal()
    reopen_requested = Signal()
    pasted_url_submitted = Signal(str)

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connect_progress")
        self.setProperty("role", "progress")
        self.setAccessibleName(self.tr("Connecting Instagram"))
        self._clock = clock
        self._expires_at: datetime | None = None
        self._start_url = ""
        #: The question is asked once per attempt, whatever keeps sending state-less reports.
        self._asked = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 16)
        layout.setSpacing(10)
        head = QHBoxLayout()
        head.setSpacing(SPACING)
        head.addWidget(
            icon_label(
                assets.BROWSER_ICON, 24, object_name="browser_icon", accessible_name=self.tr("Browser")
            ),
            0,
            Qt.AlignmentFlag.AlignTop,
        )
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(
            label(self.tr("Finish in your browser"), role="section_title", object_name="progress_title")
        )
        self._explanation = label(self._explain(""), object_name="progress_explanation")
        titles.addWidget(self._explanation)
        head.addLayout(titles, 1)
        countdown_box = QVBoxLayout()
        countdown_box.setSpacing(0)
        self.countdown_label = label("10:00", role="countdown", object_name="countdown_label", wrap=False)
        self.countdown_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.countdown_label.setAccessibleDescription(self.tr("Time left to finish"))
        countdown_box.addWidget(self.countdown_label)
        left = label(self.tr("left"), role="muted", wrap=False)
        left.setAlignment(Qt.AlignmentFlag.AlignRight)
        countdown_box.addWidget(left)
        head.addLayout(countdown_box)
        layout.addLayout(head)
        layout.addWidget(self._build_question())

        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        self.copy_link_button = button(self.tr("Copy link"), "copy_link_button")
        self.copy_link_button.setToolTip(self.tr("Copy the sign-in link to open it in another browser"))
        self.copy_link_button.clicked.connect(self._on_copy_link_clicked)
        self.open_browser_button = button(self.tr("Open browser again"), "open_browser_button")
        self.open_browser_button.clicked.connect(self._on_open_browser_clicked)
        self.cancel_button = button(
            self.tr("Cancel"), "cancel_connect_button", accessible_name=self.tr("Cancel connecting")
        )
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.copied_label = label(
            self.tr("Link copied"), role="muted", object_name="link_copied_label", wrap=False
        )
        self.copied_label.hide()
        buttons.addWidget(self.copy_link_button)
        buttons.addWidget(self.open_browser_button)
        buttons.addWidget(self.copied_label)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)

        layout.addWidget(
            label(
                self.tr(
                    "Browser can't reach Socialdesk? Paste the whole address from its address bar after "
                    "clicking Allow:"
                ),
                role="muted",
                object_name="paste_hint",
            )
        )
        paste = QHBoxLayout()
        paste.setSpacing(8)
        self.paste_field = named(QLineEdit(), "paste_url_field")
        # The address carries Instagram's one-time code: it never shows on screen.
        self.paste_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.paste_field.setPlaceholderText(self.tr("Paste the address here"))
        self.paste_field.setAccessibleName(self.tr("Address from the browser after Allow"))
        self.paste_field.returnPressed.connect(self._on_submit_clicked)
        self.paste_field.textChanged.connect(self._on_paste_field_changed)
        self.submit_button = button(
            self.tr("Continue"), "submit_url_button", accessible_name=self.tr("Use pasted address")
        )
        self.submit_button.setEnabled(False)
        self.submit_button.clicked.connect(self._on_submit_clicked)
        paste.addWidget(self.paste_field, 1)
        paste.addWidget(self.submit_button)
        layout.addLayout(paste)

        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._copied_timer = QTimer(self)
        self._copied_timer.setSingleShot(True)
        self._copied_timer.timeout.connect(self.copied_label.hide)
        self.hide()

    def _build_question(self) -> QFrame:
        """Created before the other buttons, so Tab reaches its choices first while it shows."""
        self.question = named(QFrame(), "stateless_error_question")
        self.question.setProperty("role", "question")
        self.question.setAccessibleName(self.tr("Stop connecting?"))
        row = QHBoxLayout(self.question)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        self.question_label = label(
            self.tr("Your browser reported that the Instagram dialog was closed. Stop connecting?"),
            object_name="stateless_error_label",
        )
        self.question.setAccessibleDescription(self.question_label.text())
        self.keep_waiting_button = button(
            self.tr("Keep waiting"),
            "keep_waiting_button",
            accessible_name=self.tr("Keep waiting for Instagram"),
        )
        self.keep_waiting_button.clicked.connect(self._on_keep_waiting_clicked)
        self.stop_button = button(
            self.tr("Stop"), "stop_connect_button", accessible_name=self.tr("Stop connecting")
        )
        self.stop_button.clicked.connect(self._on_stop_clicked)
        row.addWidget(self.question_label, 1)
        row.addWidget(self.keep_waiting_button)
        row.addWidget(self.stop_button)
        self.question.hide()
        return self.question

    def ask_stop(self, *, facebook: bool = False) -> None:
        """Ask whether to stop after a state-less report; focus goes to the safe choice, Keep waiting.

        Only once per attempt: while the question shows, or after Keep waiting, it is not asked again.
        """
        if self._expires_at is None or not self.cancel_button.isEnabled():
            return  # not waiting any more, or already cancelling
        if self._asked:
            return
        self._asked = True
        if facebook:
            text = self.tr("Your browser reported that the Facebook dialog was closed. Stop connecting?")
        else:
            text = self.tr("Your browser reported that the Instagram dialog was closed. Stop connecting?")
        self.question_label.setText(text)
        self.question.setAccessibleDescription(text)
        self.question.show()
        self.keep_waiting_button.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def asking(self) -> bool:
        return not self.question.isHidden()

    def set_clock(self, clock: Clock) -> None:
        self._clock = clock

    @property
    def start_url(self) -> str:
        return self._start_url

    def begin(self, start_url: str, expires_at: datetime, *, reconnecting: str = "") -> None:
        """Show the card for an attempt that started; ``reconnecting`` names the account being renewed."""
        self._start_url, self._expires_at = start_url, expires_at
        self.paste_field.clear()
        self.paste_field.setEnabled(True)
        self.copied_label.hide()
        self._explanation.setText(self._explain(reconnecting))
        self._set_buttons_enabled(True)
        self.question.hide()
        self._asked = False
        self._update_countdown()
        self._timer.start()
        self.show()

    def _explain(self, reconnecting: str) -> str:
        if reconnecting:
            return self.tr(
                "Instagram's sign-in page is open in your browser. Sign in as @{username}, leave every "
                "permission ticked and click Allow; Socialdesk picks up the answer by itself."
            ).format(username=reconnecting)
        return self.tr(
            "Instagram's sign-in page is open in your browser. Choose the account, leave every permission "
            "ticked and click Allow; Socialdesk picks up the answer by itself."
        )

    def finish(self) -> None:
        self._timer.stop()
        self._start_url, self._expires_at = "", None
        self.paste_field.clear()
        self.question.hide()
        self.hide()

    def set_cancelling(self) -> None:
        self.question.hide()
        self._set_buttons_enabled(False)
        self.cancel_button.setText(self.tr("Cancelling…"))

    def seconds_left(self) -> float:
        if self._expires_at is None:
            return 0.0
        left = (self._expires_at - self._clock.now()).total_seconds()
        return min(left, SESSION_SECONDS)

    def _set_buttons_enabled(self, enabled: bool) -> None:
        for widget in (self.copy_link_button, self.open_browser_button, self.cancel_button, self.paste_field):
            widget.setEnabled(enabled)
        self.submit_button.setEnabled(enabled and bool(self.paste_field.text().strip()))
        if enabled:
            self.cancel_button.setText(self.tr("Cancel"))

    def _update_countdown(self) -> None:
        left = self.seconds_left()
        self.countdown_label.setText(format_countdown(left))
        self.countdown_label.setProperty("urgent", left < 60)

    @Slot()
    def _on_timer_timeout(self) -> None:
        self._update_countdown()

    @Slot()
    def _on_copy_link_clicked(self) -> None:
        if not self._start_url:
            return
        QGuiApplication.clipboard().setText(self._start_url)
        self.copied_label.show()
        self._copied_timer.start(3000)

    @Slot()
    def _on_open_browser_clicked(self) -> None:
        self.reopen_requested.emit()

    @Slot()
    def _on_cancel_clicked(self) -> None:
        self.cancel_requested.emit()

    @Slot()
    def _on_keep_waiting_clicked(self) -> None:
        self.question.hide()
        self.open_browser_button.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def _on_stop_clicked(self) -> None:
        self.cancel_requested.emit()

    @Slot(str)
    def _on_paste_field_changed(self, text: str) -> None:
        self.submit_button.setEnabled(bool(text.strip()) and self.paste_field.isEnabled())

    @Slot()
    def _on_submit_clicked(self) -> None:
        text = self.paste_field.text().strip()
        if text:
            self.pasted_url_submitted.emit(text)
