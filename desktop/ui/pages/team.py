"""Settings → Team: create or join a team on a PostgreSQL database, see members, approve and remove.

All database and keychain work runs on the TaskRunner. The database password is read from a
password field, wrapped as a secret at once and the field cleared; it goes to the keychain, never
to settings or the screen. Errors show inline with their code and what to do.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from desktop.core.errors import SocialdeskError
from desktop.core.lifecycle import LifecycleReport
from desktop.core.secrets import SecretStr
from desktop.core.teams import Teams, TeamView
from desktop.core.vault.team import RemovalReport
from desktop.ui.integrations.error_panel import ErrorPanel
from desktop.ui.integrations.field_error import FieldError
from desktop.ui.pages.team_cards import TeamMembersCard, TeamSetupCard
from desktop.ui.pages.team_status import TeamStatusCard, TeamWorkspacesCard
from desktop.ui.scroll_follow import FocusFollower
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import button, label, named, page_layout


class TeamPage(QScrollArea):
    #: This desktop joined or created a team: the window reopens its workspaces on the team database.
    membership_changed = Signal()

    def __init__(self, teams: Teams | None, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("team_page")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._teams = teams
        self._tasks = tasks
        self._refresh_tokens: Callable[[], LifecycleReport] | None = None
        self.view: TeamView | None = None
        content = named(QWidget(), "team_body")
        layout = page_layout(
            content,
            self.tr("Team"),
            self.tr(
                "Share workspaces with other managers through a PostgreSQL database. The database holds only "
                "encrypted tokens: each member's key stays in their own keychain."
            ),
        )

        self.status = TeamStatusCard()
        self.status.rejoin_button.clicked.connect(self._on_status_rejoin_clicked)
        # The status card's parts, as the page's tests and actions know them.
        self.status_label = self.status.status_label
        self.fingerprint_label = self.status.fingerprint_label
        self.team_fingerprint_label = self.status.team_fingerprint_label
        self.status_rejoin_button = self.status.rejoin_button
        layout.addWidget(self.status)
        # What happened, at the top where it is seen: a notice, or the error with its code and table.
        self.notice_label = label("", object_name="team_notice_label")
        self.notice_label.hide()
        layout.addWidget(self.notice_label)
        self.error_panel = ErrorPanel()
        self.error_panel.retry_requested.connect(self._on_error_panel_retry_requested)
        layout.addWidget(self.error_panel)

        self.setup = TeamSetupCard()
        self.setup.create_button.clicked.connect(self._on_create_clicked)
        self.setup.join_button.clicked.connect(self._on_join_clicked)
        self.setup.rejoin_button.clicked.connect(self._on_rejoin_clicked)
        layout.addWidget(self.setup)

        self.members = TeamMembersCard()
        self.members.approve_button.clicked.connect(self._on_approve_clicked)
        self.members.remove_button.clicked.connect(self._on_remove_clicked)
        layout.addWidget(self.members)

        self.workspaces_card = TeamWorkspacesCard()
        self.workspaces_tree = self.workspaces_card.tree
        layout.addWidget(self.workspaces_card)

        self.refresh_tokens_button = button(
            self.tr("Refresh those tokens now"), "team_refresh_tokens_button", role="primary"
        )
        self.refresh_tokens_button.clicked.connect(self._on_refresh_tokens_clicked)
        self.refresh_tokens_button.hide()
        layout.addWidget(self.refresh_tokens_button)
        layout.addStretch(1)
        self.setWidget(content)
        #: The last join's URL, password and name, kept (in memory) for "Join again as this member".
        self._last_join: tuple[str, SecretStr | None, str] | None = None
        #: What Retry on the error panel runs again: the action that failed.
        self._retry: Callable[[], None] | None = None
        #: Where each code of the running action shows: at its field rather than in the panel.
        self._field_errors: dict[str, tuple[FieldError, QWidget]] = {}
        self._follower = FocusFollower(self)
        self.setup.member_name_field.textEdited.connect(self._forget_last_join)
        self.setup.url_field.textEdited.connect(self._forget_last_join)
        self._set_busy(teams is None)

    def attach(self, teams: Teams, refresh_tokens: Callable[[], LifecycleReport] | None = None) -> None:
        """``refresh_tokens`` refreshes every stored token now (offered after removing a member)."""
        self._teams = teams
        self._refresh_tokens = refresh_tokens
        self.refresh()

    # -- reading -------------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        if self._teams is None:
            return
        self._set_busy(True)
        self._field_errors = {}
        self._tasks.submit(
            self._teams.view, serial=True, on_success=self._on_view, on_failure=self._on_view_failed
        )

    @Slot(object)
    def _on_view_failed(self, error: object) -> None:
        """A team desktop whose key is not in the keychain can't even read the team: offer Join again."""
        self._retry = self.refresh
        self._on_failed(error)
        lost = isinstance(error, SocialdeskError) and error.code == "team_member_pending"
        self.status_rejoin_button.setVisible(lost)

    @Slot(object)
    def _on_view(self, view: object) -> None:
        assert isinstance(view, TeamView)
        self.view = view
        self._set_busy(False)
        self.setup.setVisible(not view.is_team)
        self.members.setVisible(view.is_team)
        self.workspaces_card.show_places(view)
        self.status.show_view(view)
        if not view.is_team:
            return
        self.members.show_members(view)
        if view.problem_code:
            self._retry, self._field_errors = self.refresh, {}
            self._show_error(SocialdeskError(view.problem_code))

    # -- actions -------------------------------------------------------------------------------

    @Slot()
    def _on_create_clicked(self) -> None:
        if self._teams is None:
            return
        setup = self.setup
        self._start(
            self._teams.create,
            setup.team_name_field.text(),
            setup.member_name_field.text(),
            setup.url_field.text(),
            setup.take_password(),
            on_success=self._on_joined,
            fields={
                "team_not_found": (setup.url_error, setup.url_field),
                "team_exists": (setup.url_error, setup.url_field),
            },
        )

    @Slot()
    def _on_join_clicked(self) -> None:
        if self._teams is None:
            return
        self._last_join = (
            self.setup.url_field.text(),
            self.setup.take_password(),
            self.setup.member_name_field.text(),
        )
        setup = self.setup
        self._start(
            self._teams.join,
            *self._last_join,
            setup.team_fingerprint_field.text(),
            on_success=self._on_joined,
            fields={
                "team_not_found": (setup.url_error, setup.url_field),
                "team_member_exists": (setup.member_name_error, setup.member_name_field),
                "team_fingerprint_mismatch": (setup.team_fingerprint_error, setup.team_fingerprint_field),
            },
        )

    @Slot()
    def _on_rejoin_clicked(self) -> None:
        if self._teams is None or self._last_join is None:
            return
        url, password, name = self._last_join
        teams, team_fingerprint = self._teams, self.setup.team_fingerprint_field.text()
        self._forget_last_join()
        setup = self.setup
        self._start(
            lambda: teams.join(url, password, name, team_fingerprint, rejoin=True),
            on_success=self._on_joined,
            fields={
                "team_fingerprint_mismatch": (setup.team_fingerprint_error, setup.team_fingerprint_field)
            },
        )

    @Slot()
    def _on_status_rejoin_clicked(self) -> None:
        if self._teams is None:
            return
        self.status_rejoin_button.hide()
        self._start(self._teams.rejoin, on_success=self._on_joined)

    @Slot()
    def _forget_last_join(self) -> None:
        self._last_join = None
        self.setup.rejoin_button.hide()

    @Slot()
    def _on_approve_clicked(self) -> None:
        name = self.members.selected_member()
        if self._teams is None or name is None:
            return
        self._start(
            self._teams.approve,
            name,
            self.members.fingerprint_field.text(),
            on_success=self._on_view,
            fields={
                "team_fingerprint_mismatch": (self.members.fingerprint_error, self.members.fingerprint_field)
            },
        )

    @Slot()
    def _on_remove_clicked(self) -> None:
        name = self.members.selected_member()
        if self._teams is None or name is None:
            return
        self._start(self._teams.remove, name, on_success=self._on_removed)

    @Slot(object)
    def _on_joined(self, view: object) -> None:
        self._forget_last_join()
        self._on_view(view)
        self._show_notice(
            self.tr(
                "Done. Read your fingerprint to a team member so they can approve you. The team's "
                "workspaces open now."
            )
        )
        self.membership_changed.emit()

    @Slot(object)
    def _on_removed(self, report: object) -> None:
        assert isinstance(report, RemovalReport)
        text = self.tr("Removed {name}. The team key was changed.").format(name=report.removed)
        if report.exposed_accounts:
            text += " " + self.tr(
                "{name} could read the stored tokens of {count} account(s). Refresh them now "
                "so copies they kept are replaced."
            ).format(name=report.removed, count=len(report.exposed_accounts))
        self._show_notice(text)
        self.refresh_tokens_button.setVisible(
            bool(report.exposed_accounts) and self._refresh_tokens is not None
        )
        self.refresh()

    @Slot()
    def _on_refresh_tokens_clicked(self) -> None:
        if self._refresh_tokens is None:
            return
        self.refresh_tokens_button.setEnabled(False)
        self._tasks.submit(
            self._refresh_tokens,
            serial=True,
            on_success=self._on_tokens_refreshed,
            on_failure=self._on_failed,
        )

    @Slot(object)
    def _on_tokens_refreshed(self, report: object) -> None:
        assert isinstance(report, LifecycleReport)
        done = sum(outcome.outcome == "refreshed" for outcome in report.outcomes)
        self.refresh_tokens_button.setEnabled(True)
        self.refresh_tokens_button.hide()
        self._show_notice(
            self.tr("{done} of {total} tokens refreshed.").format(done=done, total=len(report.outcomes))
        )

    def _start(
        self,
        fn: object,
        *args: object,
        on_success: object,
        fields: dict[str, tuple[FieldError, QWidget]] | None = None,
    ) -> None:
        """Run ``fn`` on the TaskRunner. A failure whose code ``fields`` names shows under that field,
        which takes the focus; any other in the error panel, whose Retry runs the same call again."""
        self._clear_errors()
        self.notice_label.hide()
        self._set_busy(True)
        self._field_errors = fields or {}
        self._retry = lambda: self._start(fn, *args, on_success=on_success, fields=fields)
        self._tasks.submit(fn, *args, serial=True, on_success=on_success, on_failure=self._on_failed)  # type: ignore[arg-type]

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        self._set_busy(False)
        self._show_error(error if isinstance(error, SocialdeskError) else SocialdeskError("internal_error"))
        taken = isinstance(error, SocialdeskError) and error.code == "team_member_exists"
        if taken and self._last_join is not None:
            self.setup.rejoin_button.show()
            self.setup.rejoin_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self._forget_last_join()

    def _show_error(self, error: SocialdeskError) -> None:
        at_field = self._field_errors.get(error.code)
        if at_field is not None:
            field_error, field = at_field
            field_error.show_error(error)
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            self._follower.follow(field_error)
            return
        self.error_panel.show_error(error.code, error.detail, retry_text=self.tr("Try again"))
        self.error_panel.focus_primary_action()
        self._follower.follow(self.error_panel)

    def _clear_errors(self) -> None:
        self.error_panel.clear()
        self.setup.clear_errors()
        self.members.fingerprint_error.clear()

    @Slot()
    def _on_error_panel_retry_requested(self) -> None:
        if self._retry is not None:
            self._retry()

    def _show_notice(self, text: str) -> None:
        self.notice_label.setText(text)
        self.notice_label.show()

    def _set_busy(self, busy: bool) -> None:
        for widget in (
            self.setup.create_button,
            self.setup.join_button,
            self.setup.rejoin_button,
            self.status_rejoin_button,
            self.members.approve_button,
            self.members.remove_button,
        ):
            widget.setEnabled(not busy)
