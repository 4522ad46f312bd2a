"""Teams as the window sees them: which store each workspace lives in (real SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

from desktop.core.settings import Paths
from desktop.core.store import workspaces
from desktop.core.store.errors import transaction
from desktop.core.teams import Teams, WorkspacePlace, local_database_of
from tests.core.vault.helpers import open_test_storage
from tests.support.memory_keyring import MemoryKeyring

ALLOW = (MemoryKeyring,)


def test_workspaces_are_marked_local_then_team_with_the_local_ones_kept_apart(
    tmp_path: Path, postgres_url: str
) -> None:
    paths = Paths.resolve(tmp_path / "alice").ensure()
    keychain = MemoryKeyring()
    local = open_test_storage(paths, keychain)
    with transaction(local.sessions) as session:
        workspaces.create(session, "Globex")
    local.close()
    teams = Teams(paths, keychain, ALLOW)
    assert teams.view().workspaces == (
        WorkspacePlace("My workspace", "local", True),
        WorkspacePlace("Globex", "local", True),
    )

    view = teams.create("Agency", "Alice", postgres_url, None)
    assert view.team_fingerprint is not None and view.team_fingerprint != view.fingerprint
    assert view.workspaces == (
        WorkspacePlace("My workspace", "team", True),
        WorkspacePlace("My workspace", "local", False),
        WorkspacePlace("Globex", "local", False),
    ), "the local workspaces stay in their file, listed as not open"
    assert paths.database_file.is_file()


def test_the_local_store_of_a_mode_is_its_sqlite_file(tmp_path: Path) -> None:
    assert local_database_of(f"sqlite:///{tmp_path / 'sandbox.db'}") == tmp_path / "sandbox.db"
    assert local_database_of("postgresql+psycopg://u@h/db") is None
    assert Teams(Paths.resolve(tmp_path), MemoryKeyring(), ALLOW).view().workspaces == ()
