"""A database writer's forgeries of a team KEK copy: made with the database login and nothing else."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.store.errors import transaction
from desktop.core.store.models import KekEntry, KekState
from desktop.core.store.team_models import Team, TeamKekWrap, TeamMember
from desktop.core.vault.envelope import Kek
from desktop.core.vault.registry import new_kek_id, next_version, register_pending
from desktop.core.vault.team_keys import wrap_for_member
from desktop.core.vault.team_keystore import TEAM_KEY_HOLDER
from desktop.core.vault.team_signing import MemberSigner, certificate_message, wrap_message

FORGERIES = (
    "unsigned",
    "signed by a key of the writer's own",
    "Alice's signing key swapped in the database",
    "a genuine signature copied from another wrap",
)


def member(session: object, name: str) -> TeamMember:
    return session.scalars(select(TeamMember).where(TeamMember.name == name)).one()  # type: ignore[attr-defined]


def forge_active_key(sessions: sessionmaker[Session], *, how: str) -> str:
    """As the database writer: a new KEK, made active, wrapped to Bob's public key."""
    with transaction(sessions) as session:
        version = next_version(session)
        forged = Kek.generate(new_kek_id(version))
        old = session.scalars(select(KekEntry).where(KekEntry.state == KekState.ACTIVE.value)).one()
        register_pending(
            session,
            forged,
            version=version,
            backend=TEAM_KEY_HOLDER,
            service=old.service,
            now=datetime.now(UTC),
        )
        session.flush()
        old.state = KekState.RETIRING.value
        session.flush()
        session.execute(update(KekEntry).where(KekEntry.kek_id == forged.kek_id).values(state="active"))
        bob, alice = member(session, "Bob"), member(session, "Alice")
        wrapped = wrap_for_member(
            forged,
            team_id=session.scalars(select(Team)).one().team_id,
            member_id=bob.member_id,
            public_key=bob.public_key,
        )
        row = TeamKekWrap(
            kek_id=forged.kek_id, member_id=bob.member_id, wrapped_kek=wrapped, created_at=datetime.now(UTC)
        )
        team_id = session.scalars(select(Team)).one().team_id
        message = wrap_message(
            team_id=team_id,
            member_id=bob.member_id,
            public_key=bob.public_key,
            kek_id=forged.kek_id,
            generation=version,
            wrapped=wrapped,
            signer_id=alice.member_id,
        )
        writer = MemberSigner.generate()
        if how == "signed by a key of the writer's own":
            row.signer_id, row.signature = alice.member_id, writer.sign(message)
        elif how == "Alice's signing key swapped in the database":
            # The writer replaces Alice's signing key and self-certificate with its own, then signs.
            alice.signing_key = writer.public_key
            alice.certificate = writer.sign(
                certificate_message(team_id, alice.member_id, alice.public_key, writer.public_key)
            )
            session.execute(update(Team).values(anchor_key=writer.public_key))
            row.signer_id, row.signature = alice.member_id, writer.sign(message)
        elif how == "a genuine signature copied from another wrap":
            genuine = session.get(TeamKekWrap, (old.kek_id, bob.member_id))
            row.signer_id, row.signature = genuine.signer_id, genuine.signature
        session.add(row)
    return forged.kek_id
