"""Settings → Integrations: "Let your browser trust Socialdesk's local address", and Remove.

It says in plain words what gets installed and why, asks nothing of the system store (showing
its root commands instead), and reports per store whether the CA is trusted now. Status, trust
and removal run on workers: they ask the keychain and run ``certutil``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from desktop.core.errors import SocialdeskError
from desktop.core.i18n import translated
from desktop.ui.i18n import catalogue_text
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import SPACING, button, label

if TYPE_CHECKING:
    # Loaded with the services (they bring cryptography), not before the first paint.
    from desktop.core.tls.local_ca import CaInfo, LocalCa
    from desktop.core.tls.trust import StoreState, Trust, TrustOutcome


@dataclass(frozen=True, slots=True)
class TrustView:
    ca: CaInfo
    states: tuple[StoreState, ...]

    @property
    def trusted(self) -> bool:
        return any(state.trusted and state.managed for state in self.states)


def load_trust_view(local_ca: LocalCa, trust: Trust) -> TrustView:
    ca = local_ca.info()
    return TrustView(ca, tuple(trust.status(ca)))


def _run(local_ca: LocalCa, trust: Trust, add: bool) -> TrustOutcome:
    ca = local_ca.info()
    return trust.trust(ca) if add else trust.untrust(ca)


class TrustCard(QFrame):
    """Emits :attr:`trust_changed` with whether any browser store trusts the CA now."""

    trust_changed = Signal(bool)

    def __init__(self, tasks: TaskRunner, trust: Trust | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trust_card")
        self.setProperty("role", "card")
        self.setAccessibleName(self.tr("Let your browser trust Socialdesk's local address"))
        self._tasks = tasks
        #: The browser stores asked; the user's own unless given (made once the CA is attached).
        self._trust: Trust | None = trust
        self._local_ca: LocalCa | None = None
        self.view: TrustView | None = None
        self._failure = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(SPACING)
        layout.addWidget(
            label(
                self.tr("Let your browser trust Socialdesk's local address"),
                role="section_title",
                object_name="trust_title",
            )
        )
        layout.addWidget(
            label(
                self.tr(
                    "When Instagram sends you back, your browser opens https://localhost, an address on this "
                    "computer only. Socialdesk made its own certificate for it, signed by a certificate "
                    "authority that can vouch for nothing but this computer (localhost, 127.0.0.1 and ::1): "
                    "even if it leaked, no browser would accept it for any real website."
                ),
                object_name="trust_explanation",
            )
        )
        layout.addWidget(
            label(
                self.tr(
                    "Trusting it adds that one certificate to your browsers' certificate stores (Chrome and "
                    "Chromium, and each Firefox profile), so they open the address without a warning. "
                    "Nothing else is installed, and Remove takes it out of every store it was added to."
                ),
                role="muted",
                object_name="trust_what_is_installed",
            )
        )
        self.status_label = label(self.tr("Checking…"), object_name="trust_status_label")
        layout.addWidget(self.status_label)
        self.stores_label = label("", role="muted", object_name="trust_stores_label")
        layout.addWidget(self.stores_label)
        self.manual_label = label("", role="muted", object_name="trust_manual_label")
        self.manual_label.hide()
        layout.addWidget(self.manual_label)
        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.trust_button = button(self.tr("Trust"), "trust_button", role="primary")
        self.trust_button.setAccessibleName(self.tr("Let your browser trust Socialdesk's local address"))
        self.trust_button.clicked.connect(self._on_trust_clicked)
        self.untrust_button = button(self.tr("Remove"), "untrust_button")
        self.untrust_button.setAccessibleName(self.tr("Remove Socialdesk's certificate from your browsers"))
        self.untrust_button.clicked.connect(self._on_untrust_clicked)
        actions.addWidget(self.trust_button)
        actions.addWidget(self.untrust_button)
        actions.addStretch(1)
        layout.addLayout(actions)
        self._set_busy(True)

    @property
    def trusted(self) -> bool:
        return self.view is not None and self.view.trusted

    def _stores(self) -> Trust:
        if self._trust is None:
            from desktop.core.tls.trust import Trust

            self._trust = Trust()
        return self._trust

    def attach(self, local_ca: LocalCa | None) -> None:
        self._local_ca = local_ca
        self.refresh()

    def refresh(self) -> None:
        if self._local_ca is None:
            self.status_label.setText(self.tr("Not available."))
            return
        self._set_busy(True)
        self._tasks.submit(
            load_trust_view,
            self._local_ca,
            self._stores(),
            on_success=self._on_view_loaded,
            on_failure=self._on_failed,
        )

    def _set_busy(self, busy: bool) -> None:
        ready = not busy and self.view is not None
        self.trust_button.setEnabled(ready and not self.view.trusted if self.view else False)
        self.untrust_button.setEnabled(
            ready and any(s.trusted for s in self.view.states) if self.view else False
        )

    @Slot(object)
    def _on_view_loaded(self, view: object) -> None:
        assert isinstance(view, TrustView)
        self.view = view
        self._show(view)
        self._set_busy(False)
        self.trust_changed.emit(view.trusted)

    def _show(self, view: TrustView) -> None:
        if view.ca.session_only:
            status = self.tr(
                "No secure keychain: this certificate lasts only until Socialdesk quits, and a new one is "
                "made next time, so trusting it now helps only this session."
            )
        elif view.trusted:
            status = self.tr("Your browsers trust Socialdesk's local address.")
        else:
            status = self.tr("Not trusted yet: the browser will show a certificate warning when you connect.")
        if self._failure:
            status = f"{status}\n{self._failure}"
            self._failure = ""
        self.status_label.setText(status)
        lines: list[str] = []
        manual: list[str] = []
        for state in view.states:
            if not state.managed:
                manual.append(self.tr("Optional, for other programs (needs root; Socialdesk never runs it):"))
                manual.extend(state.manual_commands)
                continue
            verdict = {
                True: self.tr("trusts it"),
                False: self.tr("does not trust it"),
                None: self.tr("cannot be checked"),
            }[state.trusted]
            lines.append(f"{state.label or state.name}: {verdict}")
            if state.note:
                lines.append(state.note)
        lines.append(
            self.tr("Fingerprint (SHA-256): %1").replace("%1", _fingerprint_lines(view.ca.fingerprint))
        )
        self.stores_label.setText("\n".join(lines))
        self.manual_label.setText("\n".join(manual))
        self.manual_label.setVisible(bool(manual))

    @Slot(object)
    def _on_failed(self, exc: object) -> None:
        detail = translated(exc.detail) if isinstance(exc, SocialdeskError) and exc.detail else ""
        message = (
            catalogue_text(exc.info)[0]
            if isinstance(exc, SocialdeskError)
            else self.tr("Something went wrong.")
        )
        self.status_label.setText(f"{message} {detail}".strip())
        self._set_busy(False)

    def _change(self, add: bool) -> None:
        if self._local_ca is None:
            return
        self.trust_button.setEnabled(False)
        self.untrust_button.setEnabled(False)
        self.status_label.setText(self.tr("Adding…") if add else self.tr("Removing…"))
        self._tasks.submit(
            _run, self._local_ca, self._stores(), add, on_success=self._on_changed, on_failure=self._on_failed
        )

    @Slot()
    def _on_trust_clicked(self) -> None:
        self._change(True)

    @Slot()
    def _on_untrust_clicked(self) -> None:
        self._change(False)

    @Slot(object)
    def _on_changed(self, outcome: object) -> None:
        from desktop.core.tls.trust import TrustOutcome

        assert isinstance(outcome, TrustOutcome)
        self._failure = "\n".join(f"{location}: {reason}" for location, reason in outcome.failed)
        self.refresh()


def _fingerprint_lines(fingerprint: str, per_line: int = 16) -> str:
    """A colon-separated fingerprint cannot wrap; in lines of 16 bytes it fits at 820 px and at 200 %."""
    parts = fingerprint.split(":")
    if len(parts) <= per_line:
        return fingerprint
    rows = [":".join(parts[i : i + per_line]) for i in range(0, len(parts), per_line)]
    return "\n" + "\n".join(rows)
