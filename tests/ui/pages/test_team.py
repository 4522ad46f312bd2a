"""Settings → Team in a real Qt event loop, on the run's PostgreSQL: create, a member joins, approve, remove."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTreeWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from desktop.core.clock import SystemClock
from desktop.core.lifecycle import Lifecycle, LifecycleReport
from desktop.core.settings import Paths
from desktop.core.teams import Teams
from desktop.core.vault.team import open_team_storage
from desktop.core.vault.team_identity import load_identity
from desktop.ui.pages.team import TeamPage
from desktop.ui.tasks import TaskRunner
from tests.core.vault.helpers import add_connection
from tests.support.memory_keyring import MemoryKeyring

ALLOW = (MemoryKeyring,)
WAIT = 20_000


def _child(page: TeamPage, kind: type, name: str):  # type: ignore[no-untyped-def]
    found = page.findChild(kind, name)
    assert found is not None, name
    return found


def test_create_a_team_then_approve_and_remove_a_member(
    qtbot: QtBot, tmp_path: Path, postgres_url: str, memory_keyring: MemoryKeyring
) -> None:
    paths = Paths.resolve(tmp_path / "alice").ensure()
    tasks = TaskRunner()
    page = TeamPage(None, tasks)
    qtbot.addWidget(page)
    refreshed: list[int] = []

    def refresh_tokens() -> LifecycleReport:
        identity = load_identity(paths.config_dir)
        assert identity is not None
        storage, _ = open_team_storage(paths, memory_keyring, identity, allow_backends=ALLOW)
        try:
            report = Lifecycle(
                sessions=storage.sessions, vault=storage.vault, client=None, clock=SystemClock()
            ).refresh_now()
        finally:
            storage.close()
        refreshed.append(len(report.outcomes))
        return report

    page.attach(Teams(paths, memory_keyring, ALLOW), refresh_tokens=refresh_tokens)
    status = _child(page, QLabel, "team_status_label")
    qtbot.waitUntil(lambda: "local" in status.text(), timeout=WAIT)

    url = make_url(postgres_url)
    password = str(url.password)
    _child(page, QLineEdit, "team_name_field").setText("Agency")
    _child(page, QLineEdit, "team_member_name_field").setText("Alice")
    _child(page, QLineEdit, "team_database_url_field").setText(
        url.set(password=None)._replace(password=None).render_as_string(hide_password=False)
    )
    password_field = _child(page, QLineEdit, "team_database_password_field")
    password_field.setText(password)
    _child(page, QPushButton, "team_create_button").click()
    assert password_field.text() == "", "the password leaves the field at once"
    qtbot.waitUntil(lambda: "Agency" in status.text(), timeout=WAIT)
    assert password not in status.text()
    assert all(password not in str(QSettings().value(key)) for key in QSettings().allKeys())

    bob = Teams(Paths.resolve(tmp_path / "bob").ensure(), MemoryKeyring(), ALLOW)
    joined = bob.join(postgres_url, None, "Bob")
    assert joined.state == "pending"
    page.refresh()
    tree = _child(page, QTreeWidget, "team_members_tree")
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 2, timeout=WAIT)
    bob_row = next(tree.topLevelItem(i) for i in range(2) if tree.topLevelItem(i).text(0) == "Bob")
    assert (bob_row.text(1), bob_row.text(2)) == ("pending", joined.fingerprint)

    tree.setCurrentItem(bob_row)
    _child(page, QLineEdit, "team_approve_fingerprint_field").setText("0000-0000")
    _child(page, QPushButton, "team_approve_button").click()
    error = _child(page, QLabel, "team_error_label")
    qtbot.waitUntil(lambda: "team_fingerprint_mismatch" in error.text(), timeout=WAIT)

    _child(page, QLineEdit, "team_approve_fingerprint_field").setText(joined.fingerprint)
    _child(page, QPushButton, "team_approve_button").click()
    qtbot.waitUntil(
        lambda: any(
            tree.topLevelItem(i).text(1) == "approved" and tree.topLevelItem(i).text(0) == "Bob"
            for i in range(tree.topLevelItemCount())
        ),
        timeout=WAIT,
    )
    assert bob.view().state == "approved"

    identity = load_identity(paths.config_dir)
    assert identity is not None
    storage, _ = open_team_storage(paths, memory_keyring, identity, allow_backends=ALLOW)
    add_connection(storage, "acme")  # a token Bob could read
    storage.close()
    offer = _child(page, QPushButton, "team_refresh_tokens_button")
    assert offer.isHidden()

    bob_row = next(tree.topLevelItem(i) for i in range(2) if tree.topLevelItem(i).text(0) == "Bob")
    tree.setCurrentItem(bob_row)
    _child(page, QPushButton, "team_remove_button").click()
    notice = _child(page, QLabel, "team_notice_label")
    qtbot.waitUntil(lambda: "Removed Bob" in notice.text(), timeout=WAIT)
    qtbot.waitUntil(
        lambda: any(tree.topLevelItem(i).text(1) == "removed" for i in range(tree.topLevelItemCount())),
        timeout=WAIT,
    )
    assert bob.view().problem_code == "team_member_removed"
    assert "could read the stored tokens of 1 account" in notice.text()
    assert not offer.isHidden(), "refreshing the tokens Bob could read is offered"
    offer.click()
    qtbot.waitUntil(lambda: refreshed == [1], timeout=WAIT)
    # Connected a moment ago: Instagram refuses to refresh a token under 24 hours old, and says so.
    qtbot.waitUntil(lambda: "0 of 1 tokens refreshed" in notice.text(), timeout=WAIT)
    tasks.wait_for_done()
