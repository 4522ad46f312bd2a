"""Team workspaces as one object for the window: what this desktop is part of, and the actions.

Each call opens the team database for as long as it needs it, on the caller's worker thread
(the window uses a TaskRunner), so the GUI thread never waits on the network or the keychain.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from keyring.backend import KeyringBackend
from sqlalchemy.engine import make_url

from desktop.core.errors import SocialdeskError
from desktop.core.i18n import N_
from desktop.core.secrets import SecretStr
from desktop.core.settings import Paths
from desktop.core.store.errors import transaction
from desktop.core.store.workspaces import list_workspaces
from desktop.core.vault.team import (
    MemberView,
    RemovalReport,
    TeamAdmin,
    create_team,
    join_team,
    open_team_storage,
    team_keychain,
)
from desktop.core.vault.team_identity import TeamSecrets, load_identity

T = TypeVar("T")
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class WorkspacePlace:
    """Where a workspace lives: ``team`` (the team database) or ``local`` (this computer's file)."""

    name: str
    store: str
    #: The window and the commands work on it now (a desktop opens one store at a time).
    is_open: bool


def local_database_of(database_url: str) -> Path | None:
    """The SQLite file of a store URL (this mode's own store), or None for any other database."""
    parsed = make_url(database_url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def local_workspace_names(database: Path) -> list[str]:
    """The workspaces in this desktop's own SQLite file, read-only; none if it has no file yet."""
    if not database.is_file():
        return []
    try:
        connection = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True, timeout=2)
        try:
            return [
                str(row[0])
                for row in connection.execute("SELECT name FROM workspaces ORDER BY is_default DESC, name")
            ]
        finally:
            connection.close()
    except sqlite3.Error as error:
        log.warning("could not list the local workspaces (%s)", type(error).__name__)
        return []


@dataclass(frozen=True, slots=True)
class TeamView:
    """``team_name`` None: this desktop's workspaces are local."""

    team_name: str | None
    database: str = ""
    member_name: str = ""
    state: str = ""
    fingerprint: str = ""
    #: The anchor this desktop pinned (None for a desktop from before signed key copies).
    team_fingerprint: str | None = None
    problem_code: str | None = None
    members: tuple[MemberView, ...] = ()
    workspaces: tuple[WorkspacePlace, ...] = ()

    @property
    def is_team(self) -> bool:
        return self.team_name is not None


def _url(url: str, password: SecretStr | None) -> str:
    try:
        parsed = make_url(url.strip())
    except Exception:
        raise SocialdeskError("team_not_found", N_("that is not a database URL")) from None
    if password is not None and password.reveal():
        parsed = parsed.set(password=password.reveal())
    return parsed.render_as_string(hide_password=False)


class Teams:
    def __init__(
        self,
        paths: Paths,
        backend: KeyringBackend,
        allow_backends: Iterable[type | str] = (),
        *,
        local_database: Path | None = None,
    ) -> None:
        """``local_database``: this mode's own SQLite file (sandbox mode has its own)."""
        self._paths = paths
        self._backend = backend
        self._allow = tuple(allow_backends)
        self._local_database = local_database or paths.database_file

    def view(self) -> TeamView:
        identity = load_identity(self._paths.config_dir)
        local = local_workspace_names(self._local_database)
        if identity is None:
            return TeamView(team_name=None, workspaces=tuple(WorkspacePlace(n, "local", True) for n in local))
        storage, admin = open_team_storage(self._paths, self._backend, identity, allow_backends=self._allow)
        try:
            with transaction(storage.sessions) as session:
                team = [workspace.name for workspace in list_workspaces(session)]
            places = [WorkspacePlace(n, "team", True) for n in team]
            places += [WorkspacePlace(n, "local", False) for n in local]
            return TeamView(
                team_name=identity.team_name,
                database=make_url(identity.database_url).render_as_string(hide_password=True),
                member_name=identity.member_name,
                state=admin.my_state(),
                fingerprint=admin.my_fingerprint,
                team_fingerprint=admin.team_fingerprint,
                problem_code=storage.status().problem_code,
                members=tuple(admin.members()),
                workspaces=tuple(places),
            )
        finally:
            storage.close()

    def create(self, team_name: str, member_name: str, url: str, password: SecretStr | None) -> TeamView:
        self._refuse_if_member()
        create_team(
            self._paths,
            self._backend,
            team_name=team_name,
            member_name=member_name,
            database_url=_url(url, password),
            allow_backends=self._allow,
        )
        return self.view()

    def join(
        self,
        url: str,
        password: SecretStr | None,
        member_name: str,
        team_fingerprint: str = "",
        *,
        rejoin: bool = False,
    ) -> TeamView:
        """``team_fingerprint``, as a member reads it out: a database with another team is refused.
        ``rejoin``: ``member_name`` is this person on a desktop that lost its key; the member gets
        this desktop's new key and waits for approval again."""
        self._refuse_if_member()
        join_team(
            self._paths,
            self._backend,
            database_url=_url(url, password),
            member_name=member_name,
            expected_team_fingerprint=team_fingerprint.strip() or None,
            rejoin=rejoin,
            allow_backends=self._allow,
        )
        return self.view()

    def rejoin(self) -> TeamView:
        """Join this desktop's team again as the same member, with a new key (its own was lost, or a
        member removed it); the database URL and password are the ones this desktop already keeps."""
        identity = load_identity(self._paths.config_dir)
        if identity is None:
            raise SocialdeskError("team_not_found", N_("this desktop is not in a team"))
        password = TeamSecrets(team_keychain(self._backend, self._allow)).database_password(identity)
        join_team(
            self._paths,
            self._backend,
            database_url=_url(identity.database_url, password),
            member_name=identity.member_name,
            rejoin=True,
            allow_backends=self._allow,
        )
        return self.view()

    def approve(self, name: str, fingerprint: str) -> TeamView:
        self._with_admin(lambda admin: admin.approve(name, fingerprint))
        return self.view()

    def remove(self, name: str) -> RemovalReport:
        return self._with_admin(lambda admin: admin.remove(name))

    def _with_admin(self, action: Callable[[TeamAdmin], T]) -> T:
        identity = load_identity(self._paths.config_dir)
        if identity is None:
            raise SocialdeskError("team_not_found", N_("this desktop is not in a team"))
        storage, admin = open_team_storage(self._paths, self._backend, identity, allow_backends=self._allow)
        try:
            return action(admin)
        finally:
            storage.close()

    def _refuse_if_member(self) -> None:
        if load_identity(self._paths.config_dir) is not None:
            raise SocialdeskError("team_exists", N_("this desktop already belongs to a team"))
