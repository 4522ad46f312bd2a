"""Signed team key copies on a real PostgreSQL: what someone who can write to the database can't do.

The "writer" below has the database login and nothing else: no member's keychain. They can wrap a
KEK of their choosing to a member's public key, add rows, swap keys and copy signatures, but they
cannot sign as a member the recipient trusts.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import keyring.backends.SecretService
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import func, select, update

from desktop.core.errors import CATALOGUE, SocialdeskError
from desktop.core.settings import Paths
from desktop.core.store.errors import transaction
from desktop.core.store.models import TokenRecord
from desktop.core.store.team_models import Team, TeamKekWrap, TeamMember
from desktop.core.vault.bootstrap import Storage
from desktop.core.vault.team import TeamAdmin, create_team, join_team, open_team_storage
from desktop.core.vault.team_identity import (
    database_password_service,
    load_identity,
    member_key_service,
    signing_key_service,
)
from desktop.core.vault.team_keys import MemberKeyPair
from desktop.core.vault.team_signing import MemberSigner, certificate_message
from tests.core.vault.helpers import add_connection, read_token, token_for
from tests.support.memory_keyring import MemoryKeyring
from tests.support.team_forgery import FORGERIES, forge_active_key, member

ALLOW = (MemoryKeyring,)


class Desktop:
    def __init__(self, paths: Paths, backend: KeyringBackend, allow: tuple[type | str, ...]) -> None:
        self.paths = paths
        self.backend = backend
        self.allow = allow
        self.opened: list[Storage] = []

    def open(self) -> tuple[Storage, TeamAdmin]:
        identity = load_identity(self.paths.config_dir)
        assert identity is not None
        storage, admin = open_team_storage(self.paths, self.backend, identity, allow_backends=self.allow)
        self.opened.append(storage)
        return storage, admin

    def join(self, url: str, name: str, **kwargs: object) -> str:
        _, shown = join_team(
            self.paths,
            self.backend,
            database_url=url,
            member_name=name,
            allow_backends=self.allow,
            **kwargs,  # type: ignore[arg-type]
        )
        return shown


@pytest.fixture(params=["memory", pytest.param("secret_service", marks=pytest.mark.real_keychain)])
def bob_keychain(request: pytest.FixtureRequest) -> Iterator[tuple[KeyringBackend, tuple[type | str, ...]]]:
    """Bob's keychain: in memory, and (marked real_keychain) the Secret Service of the test session."""
    if request.param == "memory":
        yield MemoryKeyring(), ALLOW
        return
    backend = keyring.backends.SecretService.Keyring()
    yield backend, ()
    for desktop in _made:
        identity = load_identity(desktop.paths.config_dir)
        if identity is None or desktop.backend is not backend:
            continue
        for service in (member_key_service(identity.team_id), signing_key_service(identity.team_id)):
            with contextlib.suppress(Exception):
                backend.delete_password(service, identity.member_id)
        with contextlib.suppress(Exception):
            backend.delete_password(database_password_service(identity.team_id), identity.database_url)


_made: list[Desktop] = []


@pytest.fixture
def team(
    tmp_path: Path, postgres_url: str, bob_keychain: tuple[KeyringBackend, tuple[type | str, ...]]
) -> Iterator[tuple[Desktop, Desktop]]:
    """Alice created the team; Bob joined and Alice approved him by his fingerprint."""
    alice = Desktop(Paths.resolve(tmp_path / "alice").ensure(), MemoryKeyring(), ALLOW)
    bob = Desktop(Paths.resolve(tmp_path / "bob").ensure(), *bob_keychain)
    _made[:] = [alice, bob]
    create_team(
        alice.paths,
        alice.backend,
        team_name="Agency",
        member_name="Alice",
        database_url=postgres_url,
        allow_backends=ALLOW,
    )
    _, alice_admin = alice.open()
    alice_admin.approve("Bob", bob.join(postgres_url, "Bob"))
    yield alice, bob
    for desktop in (alice, bob):
        for storage in desktop.opened:
            storage.close()


@pytest.mark.parametrize("how", FORGERIES)
def test_a_key_copy_forged_by_a_database_writer_is_refused_and_nothing_is_sealed_under_it(
    team: tuple[Desktop, Desktop], how: str
) -> None:
    alice, bob = team
    alice_storage = alice.opened[0]
    bob_storage, _ = bob.open()
    acme = add_connection(bob_storage, "acme")
    forged_id = forge_active_key(alice_storage.sessions, how=how)

    with pytest.raises(SocialdeskError) as caught:
        add_connection(bob_storage, "globex")
    assert caught.value.code == "team_key_unverified"
    assert "not signed" in caught.value.detail
    with transaction(alice_storage.sessions) as session:
        under_forged = session.scalar(
            select(func.count()).select_from(TokenRecord).where(TokenRecord.kek_id == forged_id)
        )
        assert under_forged == 0, "a token was sealed under the forged key"
        assert session.scalar(select(func.count()).select_from(TokenRecord)) == 1, "nothing half-written"

    again, _ = bob.open()
    assert again.status().problem_code == "team_key_unverified"
    assert CATALOGUE["team_key_unverified"].message
    with pytest.raises(SocialdeskError) as caught:
        add_connection(again, "initech")
    assert caught.value.code == "team_key_unverified"
    assert read_token(alice_storage, acme) == token_for("acme"), "the genuine key still opens it"


def test_a_member_row_slipped_in_as_approved_gets_no_copy_of_the_next_key(
    team: tuple[Desktop, Desktop],
) -> None:
    """The writer adds an "approved" member with a certificate it signed itself; a rotation skips it."""
    alice, _ = team
    alice_storage = alice.opened[0]
    intruder_keys, intruder_signer = MemberKeyPair.generate(), MemberSigner.generate()
    with transaction(alice_storage.sessions) as session:
        team_id = session.scalars(select(Team)).one().team_id
        alice_id = member(session, "Alice").member_id
        session.add(
            TeamMember(
                member_id="f" * 32,
                name="Mallory",
                public_key=intruder_keys.public_key,
                signing_key=intruder_signer.public_key,
                certificate=intruder_signer.sign(
                    certificate_message(
                        team_id, "f" * 32, intruder_keys.public_key, intruder_signer.public_key
                    )
                ),
                state="approved",
                approved_by=alice_id,
                created_at=datetime.now(UTC),
            )
        )
    report = alice_storage.vault.rotate()
    with transaction(alice_storage.sessions) as session:
        holders = set(
            session.scalars(select(TeamKekWrap.member_id).where(TeamKekWrap.kek_id == report.new_kek_id))
        )
        bob_id = member(session, "Bob").member_id
    assert holders == {alice_id, bob_id}
    listed = {member.name: member for member in TeamAdmin.members(alice.open()[1])}
    assert listed["Mallory"].verified is False
    assert listed["Bob"].verified is True and listed["Alice"].verified is True


def test_a_joiner_checks_the_team_fingerprint_and_a_swapped_anchor_is_caught(
    team: tuple[Desktop, Desktop], tmp_path: Path, postgres_url: str
) -> None:
    alice, _ = team
    alice_storage = alice.opened[0]
    _, alice_admin = alice.open()
    genuine = alice_admin.team_fingerprint
    assert genuine is not None
    carol = Desktop(Paths.resolve(tmp_path / "carol").ensure(), MemoryKeyring(), ALLOW)
    with transaction(alice_storage.sessions) as session:
        session.execute(update(Team).values(anchor_key=MemberSigner.generate().public_key))
    with pytest.raises(SocialdeskError) as caught:
        carol.join(postgres_url, "Carol", expected_team_fingerprint=genuine)
    assert caught.value.code == "team_fingerprint_mismatch"
    assert load_identity(carol.paths.config_dir) is None
    assert carol.backend.items() == {}, "nothing kept for a team that was not the one expected"  # type: ignore[attr-defined]

    # Joined without the check, Carol pinned the swapped anchor: her fingerprint covers it, so the
    # fingerprint she reads out does not match what Alice's desktop computes, and Alice refuses.
    shown = carol.join(postgres_url, "Carol")
    with pytest.raises(SocialdeskError) as caught:
        alice_admin.approve("Carol", shown)
    assert caught.value.code == "team_fingerprint_mismatch"


def test_a_team_from_before_signed_copies_moves_over_without_losing_a_token(
    team: tuple[Desktop, Desktop], postgres_url: str
) -> None:
    alice, bob = team
    alice_storage = alice.opened[0]
    acme = add_connection(alice_storage, "acme")
    identities = {d: load_identity(d.paths.config_dir) for d in (alice, bob)}
    with transaction(alice_storage.sessions) as session:  # what a team made before looks like
        session.execute(update(Team).values(anchor_key=None))
        session.execute(update(TeamMember).values(signing_key=None, certificate=None))
        session.execute(update(TeamKekWrap).values(signer_id=None, signature=None))
    for desktop, identity in identities.items():
        assert identity is not None
        desktop.backend.delete_password(signing_key_service(identity.team_id), identity.member_id)
    for storage in alice.opened:
        storage.close()
    alice.opened.clear()

    bob_first, _ = bob.open()  # Bob was approved but is not the team's creator: he gets there first
    assert bob_first.status().problem_code is None, "the first approved desktop becomes the anchor"
    assert read_token(bob_first, acme) == token_for("acme")
    alice_storage, alice_admin = alice.open()
    assert alice_storage.status().problem_code == "team_key_unverified"
    assert "--rejoin" in alice_storage.status().detail
    assert alice_admin.team_fingerprint is None

    _, bob_admin = bob.open()
    shown = alice.join(
        postgres_url, "Alice", rejoin=True, expected_team_fingerprint=bob_admin.team_fingerprint
    )
    bob_admin.approve("Alice", shown)
    alice_storage, _ = alice.open()
    assert alice_storage.status().problem_code is None
    assert read_token(alice_storage, acme) == token_for("acme")


def test_members_approved_by_a_removed_member_keep_the_team_key(
    team: tuple[Desktop, Desktop], tmp_path: Path, postgres_url: str
) -> None:
    """Carol was approved by Bob; removing Bob changes the key, and Carol's copy of the new one verifies."""
    alice, bob = team
    alice_storage = alice.opened[0]
    acme = add_connection(alice_storage, "acme")
    _, bob_admin = bob.open()
    carol = Desktop(Paths.resolve(tmp_path / "carol").ensure(), MemoryKeyring(), ALLOW)
    bob_admin.approve(
        "Carol", carol.join(postgres_url, "Carol", expected_team_fingerprint=bob_admin.team_fingerprint)
    )
    _, alice_admin = alice.open()
    report = alice_admin.remove("Bob")
    carol_storage, _ = carol.open()
    try:
        assert carol_storage.status().problem_code is None
        assert read_token(carol_storage, acme) == token_for("acme")
    finally:
        carol_storage.close()
    with transaction(alice_storage.sessions) as session:
        signer = session.get(TeamKekWrap, (report.new_kek_id, member(session, "Carol").member_id))
        assert signer is not None and signer.signer_id == member(session, "Alice").member_id


def test_a_member_who_rejoins_with_a_new_key_leaves_those_they_approved_in_the_team(
    team: tuple[Desktop, Desktop], tmp_path: Path, postgres_url: str
) -> None:
    """Bob approved Carol, then lost his key and was approved again: the next key still reaches Carol."""
    alice, bob = team
    alice_storage = alice.opened[0]
    acme = add_connection(alice_storage, "acme")
    _, bob_admin = bob.open()
    carol = Desktop(Paths.resolve(tmp_path / "carol").ensure(), MemoryKeyring(), ALLOW)
    bob_admin.approve("Carol", carol.join(postgres_url, "Carol"))
    bob.backend = MemoryKeyring()  # a new laptop: Bob's keys are gone
    bob.allow = ALLOW
    _, alice_admin = alice.open()
    alice_admin.approve("Bob", bob.join(postgres_url, "Bob", rejoin=True))
    report = alice_storage.vault.rotate()
    with transaction(alice_storage.sessions) as session:
        holders = set(
            session.scalars(select(TeamKekWrap.member_id).where(TeamKekWrap.kek_id == report.new_kek_id))
        )
        ids = {name: member(session, name).member_id for name in ("Alice", "Bob", "Carol")}
    assert holders == set(ids.values()), "Carol keeps the team key though Bob's old key is gone"
    assert {m.name: m.verified for m in alice_admin.members()} == {"Alice": True, "Bob": True, "Carol": True}
    carol_storage, _ = carol.open()
    try:
        assert read_token(carol_storage, acme) == token_for("acme")
    finally:
        carol_storage.close()


def test_joining_again_from_the_same_desktop_keeps_the_anchor_it_pinned(
    team: tuple[Desktop, Desktop], postgres_url: str
) -> None:
    alice, bob = team
    with transaction(alice.opened[0].sessions) as session:
        session.execute(update(Team).values(anchor_key=MemberSigner.generate().public_key))
    with pytest.raises(SocialdeskError) as caught:
        bob.join(postgres_url, "Bob", rejoin=True)
    assert caught.value.code == "team_fingerprint_mismatch"
    bob_storage, _ = bob.open()
    assert bob_storage.status().problem_code is None, "Bob's keys and membership are untouched"
