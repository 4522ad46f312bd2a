"""Moving a team from before signed key copies over to them, without losing a token.

A team created before signed copies has no anchor, no signing keys and unsigned wraps, which every
desktop now refuses. The first approved member whose desktop opens the team becomes its anchor: it
proves it can unwrap its own copy of the active team KEK (trusting, once, what it already used),
makes its signing key, pins itself as the anchor in its keychain, certifies itself and signs its
own copies. The team KEK does not change, so every stored token stays readable. Every other member
then joins again with ``--rejoin`` and is approved by their new fingerprint, as after a lost key.
"""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.errors import SocialdeskError
from desktop.core.store.errors import transaction
from desktop.core.store.models import KekEntry, KekState
from desktop.core.store.team_models import MemberState, TeamKekWrap, TeamMember
from desktop.core.vault.team_identity import TeamIdentity, TeamSecrets
from desktop.core.vault.team_keys import MemberKeyPair, unwrap_for_member
from desktop.core.vault.team_keystore import generation_of, lock_team
from desktop.core.vault.team_signing import MemberSigner, certify, wrap_message

log = logging.getLogger(__name__)


def _may_anchor(session: Session, identity: TeamIdentity, keys: MemberKeyPair) -> bool:
    """Approved, with this desktop's key, and able to unwrap its copy of the active team KEK."""
    team = lock_team(session)
    if team.anchor_key is not None:
        return False
    member = session.get(TeamMember, identity.member_id)
    if member is None or member.state != MemberState.APPROVED.value:
        return False
    if bytes(member.public_key) != keys.public_key:
        return False
    active = session.scalars(select(KekEntry).where(KekEntry.state == KekState.ACTIVE.value)).first()
    wrap = session.get(TeamKekWrap, (active.kek_id, identity.member_id)) if active else None
    if wrap is None:
        return False
    unwrap_for_member(
        wrap.wrapped_kek,
        keys=keys,
        team_id=identity.team_id,
        member_id=identity.member_id,
        kek_id=wrap.kek_id,
    )
    return True


def sign_as_anchor(
    sessions: sessionmaker[Session], secrets: TeamSecrets, identity: TeamIdentity, keys: MemberKeyPair
) -> MemberSigner | None:
    """Make this desktop the anchor of a team from before signed copies; None if it may not."""
    try:
        with transaction(sessions) as session:
            if not _may_anchor(session, identity, keys):
                return None
    except SocialdeskError as error:
        log.info("this desktop cannot move the team to signed key copies (%s)", error.code)
        return None
    signer = MemberSigner.generate()
    secrets.store_signer(identity.team_id, identity.member_id, signer)
    try:
        with transaction(sessions) as session:
            if not _may_anchor(session, identity, keys):
                secrets.forget_signer(identity.team_id, identity.member_id)
                return None
            team = lock_team(session)
            member = session.get(TeamMember, identity.member_id)
            assert member is not None
            team.anchor_key = signer.public_key
            member.signing_key = signer.public_key
            member.approved_by = identity.member_id
            member.certificate = certify(signer, identity.team_id, member)
            mine = session.scalars(select(TeamKekWrap).where(TeamKekWrap.member_id == identity.member_id))
            for wrap in mine:
                unwrap_for_member(
                    wrap.wrapped_kek,
                    keys=keys,
                    team_id=identity.team_id,
                    member_id=identity.member_id,
                    kek_id=wrap.kek_id,
                )
                wrap.signer_id = identity.member_id
                wrap.signature = signer.sign(
                    wrap_message(
                        team_id=identity.team_id,
                        member_id=identity.member_id,
                        public_key=keys.public_key,
                        kek_id=wrap.kek_id,
                        generation=generation_of(session, wrap.kek_id),
                        wrapped=wrap.wrapped_kek,
                        signer_id=identity.member_id,
                    )
                )
    except BaseException:
        secrets.forget_signer(identity.team_id, identity.member_id)
        raise
    log.warning("this desktop is now the anchor of its team's signed key copies; other members rejoin")
    return signer
