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
from desktop.core.vault.team import open_team_storage, team_keychain
from desktop.core.vault.team_identity import TeamSecrets, load_identity
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
    page.resize(900, 700)
    page.show()
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
    # The wrong fingerprint shows under the field it was typed in, not in a panel far away.
    error = _child(page, QLabel, "team_approve_fingerprint_error_label")
    qtbot.waitUntil(lambda: "team_fingerprint_mismatch" in error.text(), timeout=WAIT)
    assert error.isVisible() and not page.error_panel.isVisible()
    qtbot.keyClicks(_child(page, QLineEdit, "team_approve_fingerprint_field"), "0")
    assert not error.isVisible(), "typing in the field clears its error"

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


def _page(qtbot: QtBot, teams: Teams, tasks: TaskRunner) -> TeamPage:
    page = TeamPage(None, tasks)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    page.attach(teams)
    return page


def _team_with_bob(tmp_path: Path, postgres_url: str, memory_keyring: MemoryKeyring) -> tuple[Teams, str]:
    alice = Teams(Paths.resolve(tmp_path / "alice").ensure(), memory_keyring, ALLOW)
    alice.create("Agency", "Alice", postgres_url, None)
    bob_first = Teams(Paths.resolve(tmp_path / "bob-laptop").ensure(), MemoryKeyring(), ALLOW)
    first = bob_first.join(postgres_url, None, "Bob")
    alice.approve("Bob", first.fingerprint)
    return alice, first.fingerprint


def test_a_taken_name_offers_join_again_as_this_member_in_the_window(
    qtbot: QtBot, tmp_path: Path, postgres_url: str, memory_keyring: MemoryKeyring
) -> None:
    alice, old_fingerprint = _team_with_bob(tmp_path, postgres_url, memory_keyring)
    tasks = TaskRunner()
    # Bob on a new desktop (the laptop's keychain is gone): the same name is taken.
    page = _page(qtbot, Teams(Paths.resolve(tmp_path / "bob-new").ensure(), MemoryKeyring(), ALLOW), tasks)
    status = _child(page, QLabel, "team_status_label")
    qtbot.waitUntil(lambda: "local" in status.text(), timeout=WAIT)
    rejoin = _child(page, QPushButton, "team_rejoin_button")
    assert rejoin.isHidden()
    _child(page, QLineEdit, "team_member_name_field").setText("Bob")
    _child(page, QLineEdit, "team_database_url_field").setText(postgres_url)
    _child(page, QPushButton, "team_join_button").click()
    error = _child(page, QLabel, "team_member_name_error_label")
    qtbot.waitUntil(lambda: "team_member_exists" in error.text(), timeout=WAIT)
    assert not page.error_panel.isVisible()
    assert "--" not in error.text() and "socialdesk " not in error.text()
    assert rejoin.text() in error.text(), "the action names the button next to it"
    assert not rejoin.isHidden() and rejoin.isEnabled()

    rejoin.click()
    qtbot.waitUntil(lambda: "Agency" in status.text(), timeout=WAIT)
    assert rejoin.isHidden()
    assert page.view is not None and (page.view.member_name, page.view.state) == ("Bob", "pending")
    assert page.view.fingerprint != old_fingerprint
    bob_rows = [m for m in alice.view().members if m.name == "Bob"]
    assert [(m.state, m.fingerprint) for m in bob_rows] == [("pending", page.view.fingerprint)]
    tasks.wait_for_done()


def test_a_changed_name_does_not_rejoin_under_the_old_one(
    qtbot: QtBot, tmp_path: Path, postgres_url: str, memory_keyring: MemoryKeyring
) -> None:
    _team_with_bob(tmp_path, postgres_url, memory_keyring)
    tasks = TaskRunner()
    page = _page(qtbot, Teams(Paths.resolve(tmp_path / "bob-new").ensure(), MemoryKeyring(), ALLOW), tasks)
    qtbot.waitUntil(lambda: "local" in _child(page, QLabel, "team_status_label").text(), timeout=WAIT)
    name = _child(page, QLineEdit, "team_member_name_field")
    name.setText("Bob")
    _child(page, QLineEdit, "team_database_url_field").setText(postgres_url)
    _child(page, QPushButton, "team_join_button").click()
    rejoin = _child(page, QPushButton, "team_rejoin_button")
    qtbot.waitUntil(lambda: not rejoin.isHidden(), timeout=WAIT)
    qtbot.keyClicks(name, "by")  # typing in the form withdraws the offer made for the old name
    assert rejoin.isHidden()
    tasks.wait_for_done()


def test_a_desktop_whose_team_key_is_gone_joins_again_from_the_status(
    qtbot: QtBot, tmp_path: Path, postgres_url: str, memory_keyring: MemoryKeyring
) -> None:
    alice = Teams(Paths.resolve(tmp_path / "alice").ensure(), memory_keyring, ALLOW)
    alice.create("Agency", "Alice", postgres_url, None)
    bob_paths = Paths.resolve(tmp_path / "bob").ensure()
    bob_keychain = MemoryKeyring()
    bob = Teams(bob_paths, bob_keychain, ALLOW)
    first = bob.join(postgres_url, None, "Bob")
    alice.approve("Bob", first.fingerprint)
    identity = load_identity(bob_paths.config_dir)
    assert identity is not None
    TeamSecrets(team_keychain(bob_keychain, ALLOW)).forget_member_keys(identity.team_id, identity.member_id)

    tasks = TaskRunner()
    page = _page(qtbot, bob, tasks)
    panel = page.error_panel
    qtbot.waitUntil(lambda: panel.code == "team_member_pending", timeout=WAIT)
    # The inline panel: the message, its code, and the troubleshooting table on that code's row.
    assert _child(panel, QLabel, "error_code_label").text() == "team_member_pending"
    assert "waiting for approval" in _child(panel, QLabel, "error_message_label").text()
    assert panel.table.selected_code() == "team_member_pending"
    join_again = _child(page, QPushButton, "team_status_rejoin_button")
    assert not join_again.isHidden() and join_again.isEnabled()
    join_again.click()
    status = _child(page, QLabel, "team_status_label")
    qtbot.waitUntil(lambda: "Agency" in status.text(), timeout=WAIT)
    assert page.view is not None and page.view.state == "pending"
    assert page.view.fingerprint != first.fingerprint
    assert join_again.isHidden()
    alice.approve("Bob", page.view.fingerprint)
    assert bob.view().state == "approved"
    tasks.wait_for_done()


class _CountingTeams(Teams):
    """The real Teams, counting how often the page asks it to create a team."""

    creates = 0

    def create(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        type(self).creates += 1
        return super().create(*args, **kwargs)


def test_an_unreachable_database_shows_the_panel_and_retry_runs_the_same_create(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    tasks = TaskRunner()
    page = _page(
        qtbot, _CountingTeams(Paths.resolve(tmp_path / "alice").ensure(), memory_keyring, ALLOW), tasks
    )
    qtbot.waitUntil(lambda: "local" in _child(page, QLabel, "team_status_label").text(), timeout=WAIT)
    _child(page, QLineEdit, "team_name_field").setText("Agency")
    _child(page, QLineEdit, "team_member_name_field").setText("Alice")
    _child(page, QLineEdit, "team_database_url_field").setText(f"postgresql://socialdesk@127.0.0.1:{port}/x")
    password = _child(page, QLineEdit, "team_database_password_field")
    password.setText("canary-db-password-1")
    _child(page, QPushButton, "team_create_button").click()
    panel = page.error_panel
    qtbot.waitUntil(lambda: panel.code == "database_unreachable", timeout=WAIT)
    assert password.text() == "", "the password left its field when the create started"
    assert _CountingTeams.creates == 1
    assert panel.retry_button.isVisible() and panel.retry_button.hasFocus()
    assert "canary-db-password-1" not in panel.accessibleDescription()
    panel.retry_button.click()
    qtbot.waitUntil(lambda: _CountingTeams.creates == 2, timeout=WAIT)
    qtbot.waitUntil(
        lambda: panel.code == "database_unreachable" and page.setup.create_button.isEnabled(), timeout=WAIT
    )
    panel.dismiss_button.click()
    assert not panel.isVisible()
    tasks.wait_for_done()
