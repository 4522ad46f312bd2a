"""Team membership on a real PostgreSQL: create, join, approve by fingerprint, remove, lost key.

Each desktop has its own folders and its own keychain; they share only the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from desktop.core.errors import SocialdeskError
from desktop.core.settings import Paths
from desktop.core.store.errors import transaction
from desktop.core.store.models import KekEntry
from desktop.core.store.team_models import TeamKekWrap, TeamMember
from desktop.core.vault.bootstrap import Storage
from desktop.core.vault.team import TeamAdmin, create_team, join_team, open_team_storage
from desktop.core.vault.team_identity import TEAM_FILE, load_identity
from desktop.core.vault.team_keys import MemberKeyPair, fingerprint
from tests.core.vault.helpers import add_connection, all_tokens, read_token, token_for
from tests.support.canary import hits
from tests.support.memory_keyring import MemoryKeyring
from tests.support.postgres import PostgresCluster

ALLOW = (MemoryKeyring,)


@dataclass
class Desktop:
    paths: Paths
    keyring: MemoryKeyring
    opened: list[Storage]

    def open(self) -> tuple[Storage, TeamAdmin]:
        identity = load_identity(self.paths.config_dir)
        assert identity is not None
        storage, admin = open_team_storage(self.paths, self.keyring, identity, allow_backends=ALLOW)
        self.opened.append(storage)
        return storage, admin


@pytest.fixture
def desktops(tmp_path: Path) -> object:
    made: list[Desktop] = []

    def make(name: str) -> Desktop:
        desktop = Desktop(Paths.resolve(tmp_path / name).ensure(), MemoryKeyring(), [])
        made.append(desktop)
        return desktop

    yield make
    for desktop in made:
        for storage in desktop.opened:
            storage.close()


def _team(desktops: object, url: str) -> tuple[Desktop, Storage, TeamAdmin]:
    alice = desktops("alice")  # type: ignore[operator]
    create_team(
        alice.paths,
        alice.keyring,
        team_name="Agency",
        member_name="Alice",
        database_url=url,
        allow_backends=ALLOW,
    )
    storage, admin = alice.open()
    return alice, storage, admin


def test_a_new_member_sees_nothing_until_approved_by_fingerprint(desktops: object, postgres_url: str) -> None:
    _, alice_storage, alice_admin = _team(desktops, postgres_url)
    acme = add_connection(alice_storage, "acme")
    bob = desktops("bob")  # type: ignore[operator]
    _, bob_fingerprint = join_team(
        bob.paths, bob.keyring, database_url=postgres_url, member_name="Bob", allow_backends=ALLOW
    )
    bob_storage, bob_admin = bob.open()
    assert bob_admin.my_fingerprint == bob_fingerprint
    assert bob_storage.status().problem_code == "team_member_pending"
    with pytest.raises(SocialdeskError) as caught:
        read_token(bob_storage, acme)
    assert caught.value.code == "team_member_pending"
    with pytest.raises(SocialdeskError) as caught:
        add_connection(bob_storage, "bobs_own")
    assert caught.value.code == "team_member_pending"
    with pytest.raises(SocialdeskError) as caught:
        bob_admin.approve("Alice", alice_admin.my_fingerprint)
    assert caught.value.code == "team_member_pending", "a pending member cannot approve anyone"

    listed = {m.name: m for m in alice_admin.members()}
    assert listed["Bob"].state == "pending"
    assert listed["Bob"].fingerprint == bob_fingerprint
    with pytest.raises(SocialdeskError) as caught:
        alice_admin.approve("Bob", alice_admin.my_fingerprint)
    assert caught.value.code == "team_fingerprint_mismatch"

    approved = alice_admin.approve("bob", bob_fingerprint.lower())
    assert approved.state == "approved"
    assert approved.approved_by == "Alice"
    bob_storage.vault.retry()
    assert read_token(bob_storage, acme) == token_for("acme")
    bobs = add_connection(bob_storage, "bobs_own")
    assert read_token(alice_storage, bobs) == token_for("bobs_own")


def test_a_key_slipped_in_through_the_database_is_not_approved(desktops: object, postgres_url: str) -> None:
    """Someone with write access replaces Bob's public key; approval by Bob's fingerprint refuses it."""
    _, alice_storage, alice_admin = _team(desktops, postgres_url)
    bob = desktops("bob")  # type: ignore[operator]
    _, bob_fingerprint = join_team(
        bob.paths, bob.keyring, database_url=postgres_url, member_name="Bob", allow_backends=ALLOW
    )
    intruder = MemberKeyPair.generate()
    with transaction(alice_storage.sessions) as session:
        session.execute(
            update(TeamMember).where(TeamMember.name == "Bob").values(public_key=intruder.public_key)
        )
    with pytest.raises(SocialdeskError) as caught:
        alice_admin.approve("Bob", bob_fingerprint)
    assert caught.value.code == "team_fingerprint_mismatch"
    with transaction(alice_storage.sessions) as session:
        member = session.scalars(select(TeamMember).where(TeamMember.name == "Bob")).one()
        assert member.state == "pending"
        assert (
            session.scalars(select(TeamKekWrap).where(TeamKekWrap.member_id == member.member_id)).all() == []
        )


def test_removing_a_member_rotates_the_team_key_and_locks_them_out(
    desktops: object, postgres_url: str
) -> None:
    _, alice_storage, alice_admin = _team(desktops, postgres_url)
    acme = add_connection(alice_storage, "acme")
    bob = desktops("bob")  # type: ignore[operator]
    _, bob_fingerprint = join_team(
        bob.paths, bob.keyring, database_url=postgres_url, member_name="Bob", allow_backends=ALLOW
    )
    alice_admin.approve("Bob", bob_fingerprint)
    bob_storage, _ = bob.open()
    assert read_token(bob_storage, acme) == token_for("acme")
    with transaction(alice_storage.sessions) as session:
        [old_key] = [entry.kek_id for entry in session.scalars(select(KekEntry))]

    report = alice_admin.remove("Bob")
    assert report.removed == "Bob"
    assert report.exposed_accounts == ("acme",)
    assert "refresh" in report.advice and "Bob" in report.advice
    assert report.rewrapped == 1
    with transaction(alice_storage.sessions) as session:
        states = {entry.kek_id: entry.state for entry in session.scalars(select(KekEntry))}
        wraps = session.scalars(select(TeamKekWrap)).all()
    assert states[old_key] == "destroyed"
    assert [wrap.kek_id for wrap in wraps] == [report.new_kek_id], "only Alice holds the new key"
    assert read_token(alice_storage, acme) == token_for("acme")

    bob_storage.vault.retry()
    assert bob_storage.status().problem_code == "team_member_removed"
    with pytest.raises(SocialdeskError) as caught:
        read_token(bob_storage, acme)
    assert caught.value.code == "team_member_removed"
    again, _ = bob.open()
    assert again.status().problem_code == "team_member_removed"
    with pytest.raises(SocialdeskError) as caught:
        alice_admin.remove("Alice")
    assert caught.value.code == "team_last_member"


def test_a_lost_member_key_only_needs_re_approval(desktops: object, postgres_url: str) -> None:
    _, alice_storage, alice_admin = _team(desktops, postgres_url)
    acme = add_connection(alice_storage, "acme")
    bob = desktops("bob")  # type: ignore[operator]
    _, first = join_team(
        bob.paths, bob.keyring, database_url=postgres_url, member_name="Bob", allow_backends=ALLOW
    )
    alice_admin.approve("Bob", first)
    bob.keyring = MemoryKeyring()  # a new laptop, or a wiped keychain: the private key is gone
    with pytest.raises(SocialdeskError) as caught:
        bob.open()
    assert caught.value.code == "team_member_pending"
    with pytest.raises(SocialdeskError) as caught:
        join_team(bob.paths, bob.keyring, database_url=postgres_url, member_name="Bob", allow_backends=ALLOW)
    assert caught.value.code == "team_member_exists"
    _, second = join_team(
        bob.paths,
        bob.keyring,
        database_url=postgres_url,
        member_name="Bob",
        rejoin=True,
        allow_backends=ALLOW,
    )
    assert second != first
    bob_storage, _ = bob.open()
    assert bob_storage.status().problem_code == "team_member_pending"
    alice_admin.approve("Bob", second)
    bob_storage.vault.retry()
    assert read_token(bob_storage, acme) == token_for("acme")
    assert all_tokens(alice_storage) == {"acme": token_for("acme")}


def test_no_secret_reaches_the_database_dump_or_the_team_file(
    desktops: object, postgres_url: str, postgres_cluster: PostgresCluster
) -> None:
    """pg_dump of the team database and every desktop file: no token, KEK, private key or password."""
    alice, alice_storage, alice_admin = _team(desktops, postgres_url)
    for name in ("acme", "globex", "initech"):
        add_connection(alice_storage, name)
    bob = desktops("bob")  # type: ignore[operator]
    _, bob_fingerprint = join_team(
        bob.paths, bob.keyring, database_url=postgres_url, member_name="Bob", allow_backends=ALLOW
    )
    alice_admin.approve("Bob", bob_fingerprint)
    database = postgres_url.rsplit("/", 1)[1]
    dump = postgres_cluster.dump(database)
    assert b"token_records" in dump and b"team_kek_wraps" in dump
    secrets = [token_for(name) for name in ("acme", "globex", "initech")]
    secrets += [value for desktop in (alice, bob) for value in desktop.keyring.items().values()]
    assert postgres_cluster.password in secrets, "the database password is in the keychain"
    for secret in secrets:
        assert hits(dump, secret) == [], "a secret is in the database dump"
    for desktop in (alice, bob):
        files = [path for path in desktop.paths.config_dir.rglob("*") if path.is_file()]
        files += [path for path in desktop.paths.data_dir.rglob("*") if path.is_file()]
        assert any(path.name == TEAM_FILE for path in files)
        for path in files:
            data = path.read_bytes()
            for secret in secrets:
                assert hits(data, secret) == [], f"a secret is in {path.name}"


def test_the_fingerprint_shown_to_the_joiner_is_computed_from_their_own_key(
    desktops: object, postgres_url: str
) -> None:
    _, alice_storage, _ = _team(desktops, postgres_url)
    bob = desktops("bob")  # type: ignore[operator]
    identity, shown = join_team(
        bob.paths, bob.keyring, database_url=postgres_url, member_name="Bob", allow_backends=ALLOW
    )
    with transaction(alice_storage.sessions) as session:
        public, signing = session.execute(
            text("SELECT public_key, signing_key FROM team_members WHERE member_id = :m"),
            {"m": identity.member_id},
        ).one()
        anchor = session.execute(text("SELECT anchor_key FROM team")).scalar_one()
    assert (
        fingerprint(identity.team_id, identity.member_id, bytes(public), bytes(signing), bytes(anchor))
        == shown
    )
    assert fingerprint(identity.team_id, identity.member_id, bytes(public)) != shown, "the signing key counts"


def test_a_team_vault_is_never_reset_from_one_desktop(desktops: object, postgres_url: str) -> None:
    """A pending member offered "reset vault" must not be able to delete everyone's tokens."""
    _, alice_storage, _ = _team(desktops, postgres_url)
    acme = add_connection(alice_storage, "acme")
    bob = desktops("bob")  # type: ignore[operator]
    join_team(bob.paths, bob.keyring, database_url=postgres_url, member_name="Bob", allow_backends=ALLOW)
    bob_storage, _ = bob.open()
    for storage in (bob_storage, alice_storage):
        with pytest.raises(SocialdeskError) as caught:
            storage.vault.reset()
        assert caught.value.code == "team_reset_refused"
    assert read_token(alice_storage, acme) == token_for("acme")


def test_removing_again_changes_the_key_again(desktops: object, postgres_url: str) -> None:
    """A removal whose key change was interrupted is finished by removing the member again."""
    _, alice_storage, alice_admin = _team(desktops, postgres_url)
    acme = add_connection(alice_storage, "acme")
    bob = desktops("bob")  # type: ignore[operator]
    _, fp = join_team(
        bob.paths, bob.keyring, database_url=postgres_url, member_name="Bob", allow_backends=ALLOW
    )
    alice_admin.approve("Bob", fp)
    first = alice_admin.remove("Bob")
    second = alice_admin.remove("Bob")
    assert second.new_kek_id != first.new_kek_id
    assert second.exposed_accounts == ("acme",)
    assert read_token(alice_storage, acme) == token_for("acme")
    with transaction(alice_storage.sessions) as session:
        live = [e.kek_id for e in session.scalars(select(KekEntry)) if e.state != "destroyed"]
    assert live == [second.new_kek_id]
