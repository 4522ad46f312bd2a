"""The Team page's read-only cards: what this desktop is in (with its fingerprints), and where each
workspace is stored.

They only show the :class:`TeamView` they are given; the page reads it on the TaskRunner.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QTreeWidget, QTreeWidgetItem, QWidget

from desktop.core.teams import TeamView
from desktop.ui.widgets import button, card_layout, label, named


class TeamStatusCard(QFrame):
    """This desktop: local or in a team, its member's and the team's fingerprints, and Join again
    when its access is gone (its key lost, or a member removed it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("team_status_card")
        body = card_layout(self)
        body.addWidget(label(self.tr("This desktop"), role="section_title"))
        self.status_label = label(self.tr("Checking…"), object_name="team_status_label")
        self.fingerprint_label = label("", object_name="team_fingerprint_label")
        self.fingerprint_label.setAccessibleName(self.tr("Your fingerprint"))
        self.team_fingerprint_label = label("", object_name="team_team_fingerprint_label")
        self.team_fingerprint_label.setAccessibleName(self.tr("Team fingerprint"))
        body.addWidget(self.status_label)
        body.addWidget(self.fingerprint_label)
        body.addWidget(self.team_fingerprint_label)
        self._show_fingerprints(False)
        self.rejoin_button = button(self.tr("Join again"), "team_status_rejoin_button", role="primary")
        self.rejoin_button.setAccessibleDescription(
            self.tr("Join the team again as the same member, with a new key that a member then approves")
        )
        self.rejoin_button.hide()
        body.addWidget(self.rejoin_button, 0, Qt.AlignmentFlag.AlignLeft)

    def show_view(self, view: TeamView) -> None:
        # Removed, or holding a team key from before signed copies: join again as the same member.
        self.rejoin_button.setVisible(
            view.is_team and view.problem_code in ("team_member_removed", "team_key_unverified")
        )
        if not view.is_team:
            self.status_label.setText(self.tr("Not in a team: this desktop's workspaces are local."))
            self.fingerprint_label.setText("")
            self.team_fingerprint_label.setText("")
            self._show_fingerprints(False)
            return
        self._show_fingerprints(True)
        self.status_label.setText(
            self.tr("Team workspaces: {team} on {database}. You are {name} ({state}).").format(
                team=view.team_name, database=view.database, name=view.member_name, state=view.state
            )
        )
        self.fingerprint_label.setText(self.tr("Your fingerprint: {fp}").format(fp=view.fingerprint))
        self.team_fingerprint_label.setText(
            self.tr("Team fingerprint (read it to whoever joins): {fp}").format(fp=view.team_fingerprint)
            if view.team_fingerprint
            else self.tr("Team fingerprint: none yet (this desktop's team key is from before signed copies)")
        )

    def _show_fingerprints(self, shown: bool) -> None:
        # Empty labels would still take their line: a local desktop has no fingerprints to show.
        self.fingerprint_label.setVisible(shown)
        self.team_fingerprint_label.setVisible(shown)


class TeamWorkspacesCard(QFrame):
    """Each workspace and where it is stored: the team database or this computer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("team_workspaces_card")
        body = card_layout(self)
        body.addWidget(label(self.tr("Workspaces"), role="section_title"))
        self.tree = named(QTreeWidget(), "team_workspaces_tree")
        self.tree.setAccessibleName(self.tr("Workspaces and where they are stored"))
        self.tree.setHeaderLabels([self.tr("Workspace"), self.tr("Stored in")])
        self.tree.setRootIsDecorated(False)
        self.tree.header().setObjectName("team_workspaces_header")
        body.addWidget(self.tree)

    def show_places(self, view: TeamView) -> None:
        self.tree.clear()
        for place in view.workspaces:
            if place.store == "team":
                where = self.tr("Team database ({team})").format(team=view.team_name)
            elif place.is_open:
                where = self.tr("This computer (local)")
            else:
                where = self.tr("This computer (local), not open while this desktop is in a team")
            self.tree.addTopLevelItem(QTreeWidgetItem([place.name, where]))
