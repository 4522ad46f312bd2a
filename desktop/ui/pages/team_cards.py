"""The Team page's two forms: creating or joining a team, and the members list with approve/remove.

Each card owns its fields and buttons and knows how to show what it is given; the page decides what
to run and when, on the TaskRunner.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from desktop.core.secrets import SecretStr
from desktop.core.teams import TeamView
from desktop.ui.integrations.field_error import FieldError
from desktop.ui.widgets import button, card_layout, label, named


def _line(object_name: str, accessible: str, *, password: bool = False) -> QLineEdit:
    field = named(QLineEdit(), object_name)
    field.setAccessibleName(accessible)
    if password:
        field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class TeamSetupCard(QFrame):
    """Create a team on a database, or join one; the password is taken out of its field at once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("team_setup_card")
        body = card_layout(self)
        body.addWidget(label(self.tr("Create or join a team"), role="section_title"))
        form = QFormLayout()
        self.team_name_field = _line("team_name_field", self.tr("Team name"))
        self.member_name_field = _line("team_member_name_field", self.tr("Your name in the team"))
        self.url_field = _line("team_database_url_field", self.tr("Database URL"))
        self.url_field.setPlaceholderText("postgresql://user@host:5432/socialdesk")
        self.password_field = _line(
            "team_database_password_field", self.tr("Database password"), password=True
        )
        self.team_fingerprint_field = _line(
            "team_join_team_fingerprint_field", self.tr("Team fingerprint a member read to you")
        )
        self.team_fingerprint_field.setPlaceholderText(self.tr("When joining: as a member reads it to you"))
        # Each problem shows under the field that caused it.
        self.member_name_error = FieldError("team_member_name_error")
        self.url_error = FieldError("team_database_url_error")
        self.team_fingerprint_error = FieldError("team_join_team_fingerprint_error")
        form.addRow(self.tr("Team name") + ":", self.team_name_field)
        form.addRow(self.tr("Your name") + ":", self.member_name_field)
        form.addRow("", self.member_name_error)
        form.addRow(self.tr("Database URL") + ":", self.url_field)
        form.addRow("", self.url_error)
        form.addRow(self.tr("Password") + ":", self.password_field)
        form.addRow(self.tr("Team fingerprint") + ":", self.team_fingerprint_field)
        form.addRow("", self.team_fingerprint_error)
        for field, error in (
            (self.member_name_field, self.member_name_error),
            (self.url_field, self.url_error),
            (self.password_field, self.url_error),
            (self.team_fingerprint_field, self.team_fingerprint_error),
        ):
            field.textEdited.connect(error.clear)
        body.addLayout(form)
        actions = QHBoxLayout()
        self.create_button = button(self.tr("Create team"), "team_create_button", role="primary")
        self.join_button = button(self.tr("Join team"), "team_join_button")
        # After "that name is already taken": the same person on a desktop that lost its key.
        self.rejoin_button = button(self.tr("Join again as this member"), "team_rejoin_button")
        self.rejoin_button.setAccessibleDescription(
            self.tr("Replace the lost key of the member with this name; a member then approves the new key")
        )
        self.rejoin_button.hide()
        actions.addWidget(self.create_button)
        actions.addWidget(self.join_button)
        actions.addWidget(self.rejoin_button)
        actions.addStretch(1)
        body.addLayout(actions)

    def clear_errors(self) -> None:
        for error in (self.member_name_error, self.url_error, self.team_fingerprint_error):
            error.clear()

    def take_password(self) -> SecretStr | None:
        """The typed password as a secret; the field is cleared so it stays on screen no longer."""
        text = self.password_field.text()
        self.password_field.clear()
        return SecretStr(text) if text else None


class TeamMembersCard(QFrame):
    """The members with their states and fingerprints; approve by fingerprint, or remove."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("team_members_card")
        body = card_layout(self)
        body.addWidget(label(self.tr("Members"), role="section_title"))
        self.tree = named(QTreeWidget(), "team_members_tree")
        self.tree.setAccessibleName(self.tr("Team members"))
        self.tree.setHeaderLabels([self.tr("Name"), self.tr("State"), self.tr("Fingerprint")])
        self.tree.setRootIsDecorated(False)
        header = self.tree.header()
        header.setObjectName("team_members_header")
        header.setAccessibleName(self.tr("Member columns"))
        body.addWidget(self.tree)
        approve_row = QHBoxLayout()
        self.fingerprint_field = _line(
            "team_approve_fingerprint_field", self.tr("Fingerprint the member read to you")
        )
        self.fingerprint_field.setPlaceholderText(self.tr("Fingerprint, as the member reads it to you"))
        self.approve_button = button(self.tr("Approve"), "team_approve_button")
        self.remove_button = button(self.tr("Remove"), "team_remove_button", role="danger")
        approve_row.addWidget(self.fingerprint_field, 1)
        approve_row.addWidget(self.approve_button)
        approve_row.addWidget(self.remove_button)
        body.addLayout(approve_row)
        self.fingerprint_error = FieldError("team_approve_fingerprint_error")
        self.fingerprint_field.textEdited.connect(self.fingerprint_error.clear)
        body.addWidget(self.fingerprint_error)

    def show_members(self, view: TeamView) -> None:
        self.tree.clear()
        for member in view.members:
            name = member.name + (self.tr(" (you)") if member.is_me else "")
            state = member.state
            if state == "approved" and not member.verified:
                state = self.tr("approved, unverified")
            item = QTreeWidgetItem([name, state, member.fingerprint])
            item.setData(0, Qt.ItemDataRole.UserRole, member.name)
            self.tree.addTopLevelItem(item)

    def selected_member(self) -> str | None:
        item = self.tree.currentItem()
        return str(item.data(0, Qt.ItemDataRole.UserRole)) if item is not None else None
