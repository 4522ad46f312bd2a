"""Workspaces: the default one always exists; names are unique ignoring case."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.errors import SocialdeskError
from desktop.core.store import workspaces
from desktop.core.store.engine import open_engine
from desktop.core.store.errors import transaction
from desktop.core.store.models import DEFAULT_WORKSPACE_NAME


@pytest.fixture
def sessions(tmp_path: Path) -> sessionmaker[Session]:
    engine = open_engine(f"sqlite:///{tmp_path / 'ws.db'}")
    yield sessionmaker(engine, expire_on_commit=False)  # type: ignore[misc]
    engine.dispose()


def test_ensure_default_creates_my_workspace_once(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        first = workspaces.ensure_default(session)
    with transaction(sessions) as session:
        again = workspaces.ensure_default(session)
        assert again.id == first.id
        assert [w.name for w in workspaces.list_workspaces(session)] == [DEFAULT_WORKSPACE_NAME]
        assert again.is_default


def test_renamed_default_is_still_the_default(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        default = workspaces.ensure_default(session)
        workspaces.rename(session, default, "Agency")
    with transaction(sessions) as session:
        assert workspaces.ensure_default(session).name == "Agency"
        assert len(workspaces.list_workspaces(session)) == 1


def test_create_refuses_a_taken_name_ignoring_case_and_spaces(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        workspaces.create(session, "Client  A")
    with pytest.raises(SocialdeskError) as caught, transaction(sessions) as session:
        workspaces.create(session, " client a ")
    assert caught.value.code == "workspace_exists"
    with transaction(sessions) as session:
        assert workspaces.get_by_name(session, "CLIENT A") is not None
        assert [w.name for w in workspaces.list_workspaces(session)] == ["Client A"]


def test_rename_to_a_taken_name_is_refused(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        workspaces.create(session, "One")
        two = workspaces.create(session, "Two")
    with pytest.raises(SocialdeskError) as caught, transaction(sessions) as session:
        target = workspaces.get(session, two.id)
        assert target is not None
        workspaces.rename(session, target, "one")
    assert caught.value.code == "workspace_exists"
    with transaction(sessions) as session:
        target = workspaces.get(session, two.id)
        assert target is not None
        assert target.name == "Two"
        workspaces.rename(session, target, "two")  # a change of case of its own name is fine
        assert target.name == "two"


def test_empty_names_are_refused(sessions: sessionmaker[Session]) -> None:
    with pytest.raises(ValueError, match="empty"), transaction(sessions) as session:
        workspaces.create(session, "   ")


def test_default_lists_first(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        workspaces.create(session, "Alpha")
        workspaces.ensure_default(session)
        assert [w.name for w in workspaces.list_workspaces(session)] == [DEFAULT_WORKSPACE_NAME, "Alpha"]
