"""The window on real services: creating a team switches to its workspaces in place, and the banners
read nothing from the database on the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTreeWidget
from sqlalchemy import event, select
from sqlalchemy.engine import make_url

from desktop.core.store.errors import transaction
from desktop.core.store.models import InstagramConnection
from desktop.core.store.workspaces import ensure_default
from desktop.core.vault.team import open_team_storage
from desktop.core.vault.team_identity import load_identity
from tests.core.vault.helpers import add_connection
from tests.support.memory_keyring import MemoryKeyring
from tests.ui.conftest import App

WAIT = 30_000


def test_showing_the_banners_makes_no_database_call_on_the_gui_thread(app: App) -> None:
    """The banner reads the vault's mode from memory: on PostgreSQL a query here would freeze the window."""
    engine = app.services.storage.engine
    on_gui_thread: list[str] = []

    def checked_out(*_args: object) -> None:
        if threading.current_thread() is threading.main_thread():
            on_gui_thread.append("checkout")

    event.listen(engine, "checkout", checked_out)
    try:
        app.window.banners.sandbox_banner.hide()
        app.window.attach_services(app.services)
    finally:
        event.remove(engine, "checkout", checked_out)
    assert on_gui_thread == [], "the window used the database on the GUI thread"
    assert app.window.banners.sandbox_banner.isVisibleTo(app.window), "the banners were shown"
    app.wait_ready()


def test_creating_a_team_in_the_window_opens_its_workspaces_without_a_restart(
    app: App, postgres_url: str, memory_keyring: MemoryKeyring
) -> None:
    window, old = app.window, app.services
    window.show_page("team")
    page = window.team_page
    status = app.find(QLabel, "team_status_label")
    app.qtbot.waitUntil(lambda: "local" in status.text(), timeout=WAIT)
    store = app.find(QLabel, "workspace_store_label")
    assert store.text() == "Local"
    assert "this computer" in window.integrations_page.workspace_bar.combo.itemData(
        0, Qt.ItemDataRole.ToolTipRole
    )
    places = app.find(QTreeWidget, "team_workspaces_tree")
    assert [places.topLevelItem(i).text(1) for i in range(places.topLevelItemCount())] == [
        "This computer (local)"
    ]
    url = make_url(postgres_url)
    app.find(QLineEdit, "team_name_field").setText("Agency")
    app.find(QLineEdit, "team_member_name_field").setText("Alice")
    app.find(QLineEdit, "team_database_url_field").setText(
        url.set(password=None).render_as_string(hide_password=False)
    )
    app.find(QLineEdit, "team_database_password_field").setText(str(url.password))
    app.find(QPushButton, "team_create_button").click()

    app.qtbot.waitUntil(lambda: window.services is not None and window.services is not old, timeout=WAIT)
    new = window.services
    assert new is not None
    try:
        assert new.storage.engine.dialect.name == "postgresql", "the window now works on the team database"
        assert new.sandbox is not None and new.sandbox is not old.sandbox
        assert window.team_changes is not None and window.team_changes.enabled
        assert window.integrations_page.isEnabled()
        app.qtbot.waitUntil(lambda: "Agency" in status.text(), timeout=WAIT)
        assert "open now" in app.find(QLabel, "team_notice_label").text()
        app.qtbot.waitUntil(lambda: store.text() == "Team: Agency", timeout=WAIT)
        app.qtbot.waitUntil(lambda: places.topLevelItemCount() == 2, timeout=WAIT)
        assert [places.topLevelItem(i).text(1) for i in range(2)] == [
            "Team database (Agency)",
            "This computer (local), not open while this desktop is in a team",
        ]

        # Another desktop of the same member adds an account: the window's list follows (NOTIFY on the
        # new store), with no restart.
        identity = load_identity(old.env.paths.config_dir)
        assert identity is not None
        other, _ = open_team_storage(old.env.paths, memory_keyring, identity, allow_backends=(MemoryKeyring,))
        try:
            with transaction(other.sessions) as session:
                default = ensure_default(session).id
            add_connection(other, "acme", workspace_id=default)
        finally:
            other.close()
        app.qtbot.waitUntil(lambda: "acme" in app.usernames(), timeout=WAIT)

        # Connecting through the window works on the team store.
        app.opener.trusted_ca = lambda: new.local_ca.info().pem  # type: ignore[union-attr]
        app.connect("acme_business")
        with transaction(new.storage.sessions) as session:
            usernames = set(session.scalars(select(InstagramConnection.username)))
        assert usernames == {"acme", "acme_business"}
        page.refresh()
    finally:
        window.close()
        app.tasks.wait_for_done(20_000)
        new.close()
