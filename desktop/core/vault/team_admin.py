"""Members, approval and removal on an open team storage (``desktop.core.vault.team`` sets it up)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop.core.clock import Clock
from desktop.core.errors import SocialdeskError
from desktop.core.i18n import N_, Detail
from desktop.core.store.errors import transaction
from desktop.core.store.models import InstagramConnection, KekEntry, KekState, RevocationOutbox
from desktop.core.store.team_models import MemberState, TeamKekWrap, TeamMember
from desktop.core.vault.bootstrap import Storage
from desktop.core.vault.envelope import Kek
from desktop.core.vault.team_identity import TeamIdentity
from desktop.core.vault.team_keys import MemberKeyPair, fingerprint, fingerprints_match, unwrap_for_member
from desktop.core.vault.team_keystore import (
    check_member,
    check_wrap,
    generation_of,
    lock_team,
    require_signer,
    trusted_in,
    wrap_row,
)
from desktop.core.vault.team_signing import MemberSigner, TeamKeyUnverifiedError, certify, team_fingerprint

log = logging.getLogger(__name__)

REFRESH_ADVICE = (
    "{name} could read the stored tokens of {count} account(s) until now. The team key was changed, "
    "so new tokens are safe from them; refresh those tokens now so the ones they may have copied "
    "are replaced (reconnecting an account ends the old token at Instagram for certain)."
)


@dataclass(frozen=True, slots=True)
class MemberView:
    name: str
    member_id: str
    state: str
    fingerprint: str
    is_me: bool
    approved_by: str | None
    created_at: datetime
    #: Its certificate chain reaches the anchor this desktop pinned (approved members only).
    verified: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "state": self.state,
            "fingerprint": self.fingerprint,
            "is_me": self.is_me,
            "approved_by": self.approved_by,
            "verified": self.verified,
            "created_at": self.created_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class RemovalReport:
    removed: str
    new_kek_id: str
    rewrapped: int
    #: Usernames whose stored tokens the removed member could read.
    exposed_accounts: tuple[str, ...]

    @property
    def advice(self) -> str:
        return REFRESH_ADVICE.format(name=self.removed, count=len(self.exposed_accounts))


def clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > 80:
        raise SocialdeskError("team_member_not_found", N_("a member name is 1 to 80 characters"))
    return cleaned


def member_by_name(session: Session, name: str) -> TeamMember | None:
    wanted = clean_name(name).casefold()
    for member in session.scalars(select(TeamMember)):
        if member.name.casefold() == wanted:
            return member
    return None


class TeamAdmin:
    """Members, approval and removal on an open team storage."""

    def __init__(
        self,
        storage: Storage,
        identity: TeamIdentity,
        keys: MemberKeyPair,
        signer: MemberSigner | None,
        clock: Clock,
    ) -> None:
        self._storage = storage
        self._identity = identity
        self._keys = keys
        self._signer = signer
        self._clock = clock

    @property
    def identity(self) -> TeamIdentity:
        return self._identity

    @property
    def my_fingerprint(self) -> str:
        signer = self._signer
        return fingerprint(
            self._identity.team_id,
            self._identity.member_id,
            self._keys.public_key,
            signer.public_key if signer else None,
            signer.anchor if signer else None,
        )

    @property
    def team_fingerprint(self) -> str | None:
        """The anchor this desktop pinned, for a joiner to compare; None before signed copies."""
        if self._signer is None:
            return None
        return team_fingerprint(self._identity.team_id, self._signer.anchor)

    def _fingerprint_of(self, row: TeamMember) -> str:
        anchor = self._signer.anchor if self._signer else None
        signing = bytes(row.signing_key) if row.signing_key is not None else None
        return fingerprint(self._identity.team_id, row.member_id, row.public_key, signing, anchor)

    def members(self) -> list[MemberView]:
        with transaction(self._storage.sessions) as session:
            rows = list(session.scalars(select(TeamMember).order_by(TeamMember.created_at, TeamMember.name)))
            names = {row.member_id: row.name for row in rows}
            trusted = trusted_in(session, self._identity.team_id, self._signer) if self._signer else {}
            return [
                MemberView(
                    name=row.name,
                    member_id=row.member_id,
                    state=row.state,
                    fingerprint=self._fingerprint_of(row),
                    is_me=row.member_id == self._identity.member_id,
                    approved_by=names.get(row.approved_by) if row.approved_by else None,
                    created_at=row.created_at,
                    verified=row.member_id in trusted,
                )
                for row in rows
            ]

    def my_state(self) -> str:
        with transaction(self._storage.sessions) as session:
            member = session.get(TeamMember, self._identity.member_id)
            if member is None:
                return MemberState.REMOVED.value
            if member.public_key != self._keys.public_key:
                return MemberState.PENDING.value
            return member.state

    def approve(self, name: str, given_fingerprint: str) -> MemberView:
        """Wrap every live team key for ``name``, if its key has exactly ``given_fingerprint``."""
        now = self._clock.now()
        with transaction(self._storage.sessions) as session:
            lock_team(session)
            check_member(session.get(TeamMember, self._identity.member_id), self._keys)
            signer = require_signer(self._signer)
            if self._identity.member_id not in trusted_in(session, self._identity.team_id, signer):
                raise TeamKeyUnverifiedError("this member's own certificate does not lead to the team anchor")
            member = member_by_name(session, name)
            if member is None:
                raise SocialdeskError("team_member_not_found", name)
            if member.state == MemberState.REMOVED.value:
                raise SocialdeskError(
                    "team_member_removed", Detail(N_("{member} must join again first"), member=member.name)
                )
            if member.signing_key is None:
                raise TeamKeyUnverifiedError(
                    f"{member.name} joined before signed key copies; they must join again with --rejoin"
                )
            actual = self._fingerprint_of(member)
            if not fingerprints_match(actual, given_fingerprint):
                log.warning("approval refused: the fingerprint does not match the registered key")
                raise SocialdeskError("team_fingerprint_mismatch", member.name)
            member.certificate = certify(signer, self._identity.team_id, member)
            member.state = MemberState.APPROVED.value
            member.approved_by = self._identity.member_id
            member.approved_at = now
            session.execute(
                delete(TeamKekWrap)
                .where(TeamKekWrap.member_id == member.member_id)
                .execution_options(synchronize_session=False)
            )
            live = session.scalars(
                select(KekEntry).where(KekEntry.state != KekState.DESTROYED.value).order_by(KekEntry.version)
            )
            wrapped = 0
            for entry in live:
                session.add(
                    wrap_row(
                        self._kek(session, entry.kek_id),
                        self._identity.team_id,
                        member,
                        signer,
                        signer_id=self._identity.member_id,
                        generation=generation_of(session, entry.kek_id),
                        now=now,
                    )
                )
                wrapped += 1
            session.flush()
            view_name = member.name
        log.info("approved a team member (%d team keys wrapped)", wrapped)
        return next(view for view in self.members() if view.name == view_name)

    def remove(self, name: str) -> RemovalReport:
        """Take ``name`` out, then change the team key so nothing sealed from now on is theirs."""
        with transaction(self._storage.sessions) as session:
            lock_team(session)
            check_member(session.get(TeamMember, self._identity.member_id), self._keys)
            member = member_by_name(session, name)
            if member is None:
                raise SocialdeskError("team_member_not_found", name)
            # Removing an already removed member again changes the key again: that finishes a
            # removal whose key change was interrupted (say, the database went away).
            again = member.state == MemberState.REMOVED.value
            could_read = again or member.state == MemberState.APPROVED.value
            approved = session.scalars(
                select(TeamMember).where(TeamMember.state == MemberState.APPROVED.value)
            ).all()
            if could_read and not again and len(approved) <= 1:
                raise SocialdeskError("team_last_member")
            if not again:
                member.state = MemberState.REMOVED.value
                member.removed_at = self._clock.now()
            session.execute(
                delete(TeamKekWrap)
                .where(TeamKekWrap.member_id == member.member_id)
                .execution_options(synchronize_session=False)
            )
            removed_name = member.name
            exposed: tuple[str, ...] = ()
            if could_read:
                exposed = tuple(
                    [
                        c.username
                        for c in session.scalars(select(InstagramConnection).order_by(InstagramConnection.id))
                    ]
                    + [
                        e.username
                        for e in session.scalars(select(RevocationOutbox).order_by(RevocationOutbox.id))
                    ]
                )
        report = self._storage.vault.rotate()
        log.info("removed a team member; team key is now %s", report.new_kek_id)
        return RemovalReport(removed_name, report.new_kek_id, report.rewrapped, exposed)

    def _kek(self, session: Session, kek_id: str) -> Kek:
        """This member's copy of a team KEK, its signature checked before it is unwrapped."""
        wrap = session.get(TeamKekWrap, (kek_id, self._identity.member_id))
        if wrap is None:
            raise SocialdeskError(
                "vault_keys_unavailable", Detail(N_("this member holds no copy of {key}"), key=kek_id)
            )
        check_wrap(
            session,
            wrap,
            team_id=self._identity.team_id,
            member_id=self._identity.member_id,
            keys=self._keys,
            signer=self._signer,
        )
        return unwrap_for_member(
            wrap.wrapped_kek,
            keys=self._keys,
            team_id=self._identity.team_id,
            member_id=self._identity.member_id,
            kek_id=kek_id,
        )
