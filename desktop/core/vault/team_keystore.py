"""The team's key holder: team KEKs kept in the database, each wrapped to every approved member.

It is a :class:`desktop.core.vault.keychain.KeyStore`, so the vault seals, opens, rotates and
reconciles exactly as it does with a KEK in the OS keychain: ``put_new`` wraps a new key for every
approved member, ``get`` unwraps this member's copy with the private key from this member's own
keychain, ``delete`` drops every member's copy of a destroyed key. No server, the database
included, ever sees a KEK or a private key.

Every copy is signed by the member who wrapped it, and ``get`` uses a copy only when that signature
traces back to the anchor this desktop pinned (``desktop.core.vault.team_signing``); ``put_new``
wraps only for members whose certificates do, so a member row slipped into the database gets no
copy either.
"""

from __future__ import annotations

import logging

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.clock import Clock
from desktop.core.errors import SocialdeskError
from desktop.core.secrets import SecretStr
from desktop.core.store.errors import transaction
from desktop.core.store.models import KekEntry
from desktop.core.store.team_models import MemberState, Team, TeamKekWrap, TeamMember, TeamRetiredKey
from desktop.core.vault.envelope import Kek, KeysUnavailableError
from desktop.core.vault.keychain import KeychainUnavailableError
from desktop.core.vault.team_keys import MemberKeyPair, unwrap_for_member, wrap_for_member
from desktop.core.vault.team_signing import (
    MemberSigner,
    TeamKeyUnverifiedError,
    trusted_signers,
    verify,
    wrap_message,
)

log = logging.getLogger(__name__)

#: Recorded as the "backend" of team keys in the KEK registry: the same on every member's desktop.
TEAM_KEY_HOLDER = "socialdesk.team-keys"


class TeamMembershipError(KeysUnavailableError):
    """This desktop may not read the team's keys (pending or removed); the vault stays locked."""

    def __init__(self, code: str, detail: str = "") -> None:
        SocialdeskError.__init__(self, code, detail)

    def __reduce__(self) -> tuple[type[TeamMembershipError], tuple[str, str]]:  # type: ignore[override]
        return (type(self), (self.code, self.detail))


def lock_team(session: Session) -> Team:
    """The team row, FOR UPDATE: membership changes and key wrapping take turns across desktops."""
    team = session.scalars(select(Team).with_for_update()).first()
    if team is None:
        raise SocialdeskError("team_not_found")
    return team


def check_member(member: TeamMember | None, keys: MemberKeyPair) -> TeamMember:
    """The member row of this desktop, if it may read keys; otherwise the reason it may not."""
    if member is None or member.state == MemberState.REMOVED.value:
        raise TeamMembershipError("team_member_removed")
    if member.public_key != keys.public_key:
        raise TeamMembershipError(
            "team_member_pending" if member.state == MemberState.PENDING.value else "team_member_removed",
            "the key registered for this member is not the one in this desktop's keychain",
        )
    if member.state == MemberState.PENDING.value:
        raise TeamMembershipError("team_member_pending")
    return member


LEGACY_DETAIL = (
    "this desktop's team key is from before signed key copies; join again with --rejoin and have a "
    "member approve your new fingerprint"
)


def require_signer(signer: MemberSigner | None) -> MemberSigner:
    if signer is None:
        raise TeamKeyUnverifiedError(LEGACY_DETAIL)
    return signer


def trusted_in(session: Session, team_id: str, signer: MemberSigner) -> dict[str, bytes]:
    return trusted_signers(
        team_id,
        session.scalars(select(TeamMember)),
        signer.anchor,
        session.scalars(select(TeamRetiredKey)),
    )


def generation_of(session: Session, kek_id: str) -> int:
    entry = session.get(KekEntry, kek_id)
    if entry is None:
        raise KeysUnavailableError(f"no key named {kek_id} is registered")
    return int(entry.version)


def check_wrap(
    session: Session,
    wrap: TeamKekWrap,
    *,
    team_id: str,
    member_id: str,
    keys: MemberKeyPair,
    signer: MemberSigner | None,
) -> None:
    """Refuse a copy no trusted member signed: a database writer can wrap a KEK, not sign one.

    The signed message names this desktop's *own* public key, not the one in the database.
    """
    signer = require_signer(signer)
    if wrap.signature is None or wrap.signer_id is None:
        log.warning("refused an unsigned copy of team key %s", wrap.kek_id)
        raise TeamKeyUnverifiedError(f"the copy of team key {wrap.kek_id} for this desktop is not signed")
    message = wrap_message(
        team_id=team_id,
        member_id=member_id,
        public_key=keys.public_key,
        kek_id=wrap.kek_id,
        generation=generation_of(session, wrap.kek_id),
        wrapped=wrap.wrapped_kek,
        signer_id=wrap.signer_id,
    )
    issuer = trusted_in(session, team_id, signer).get(wrap.signer_id)
    if issuer is None or not verify(issuer, wrap.signature, message):
        log.warning("refused a copy of team key %s: its signature does not verify", wrap.kek_id)
        raise TeamKeyUnverifiedError(
            f"the copy of team key {wrap.kek_id} for this desktop is not signed by a member it trusts"
        )


class TeamKeyStore:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        team_id: str,
        member_id: str,
        keys: MemberKeyPair,
        signer: MemberSigner | None,
        clock: Clock,
    ) -> None:
        self._sessions = sessions
        self._team_id = team_id
        self._member_id = member_id
        self._keys = keys
        self._signer = signer
        self._clock = clock

    def adopt_signer(self, signer: MemberSigner) -> None:
        """A desktop from before signed key copies that just became its team's anchor."""
        self._signer = signer

    @property
    def name(self) -> str:
        return TEAM_KEY_HOLDER

    @property
    def member_id(self) -> str:
        return self._member_id

    def get(self, service: str, kek_id: str) -> SecretStr | None:
        with transaction(self._sessions) as session:
            check_member(session.get(TeamMember, self._member_id), self._keys)
            wrap = session.get(TeamKekWrap, (kek_id, self._member_id))
            if wrap is None:
                return None
            check_wrap(
                session,
                wrap,
                team_id=self._team_id,
                member_id=self._member_id,
                keys=self._keys,
                signer=self._signer,
            )
            kek = unwrap_for_member(
                wrap.wrapped_kek,
                keys=self._keys,
                team_id=self._team_id,
                member_id=self._member_id,
                kek_id=kek_id,
            )
        return kek.to_secret()

    def put_new(self, service: str, kek_id: str, secret: SecretStr) -> None:
        """Wrap a new team KEK for every approved member, in one transaction."""
        kek = Kek.from_secret(kek_id, secret.reveal())
        with transaction(self._sessions) as session:
            lock_team(session)
            if session.scalars(select(TeamKekWrap).where(TeamKekWrap.kek_id == kek_id)).first():
                raise KeychainUnavailableError(f"the team already holds a key named {kek_id}")
            check_member(session.get(TeamMember, self._member_id), self._keys)
            signer = require_signer(self._signer)
            trusted = trusted_in(session, self._team_id, signer)
            if self._member_id not in trusted:
                raise TeamKeyUnverifiedError("this member's own certificate does not lead to the team anchor")
            approved = list(
                session.scalars(select(TeamMember).where(TeamMember.state == MemberState.APPROVED.value))
            )
            members = [member for member in approved if member.member_id in trusted]
            if len(members) < len(approved):
                log.warning(
                    "%d approved member row(s) carry no valid certificate and get no copy of the key",
                    len(approved) - len(members),
                )
            now = self._clock.now()
            generation = generation_of(session, kek_id)
            for member in members:
                session.add(
                    wrap_row(
                        kek,
                        self._team_id,
                        member,
                        signer,
                        signer_id=self._member_id,
                        generation=generation,
                        now=now,
                    )
                )
        log.info("team key %s wrapped for %d members", kek_id, len(members))

    def delete(self, service: str, kek_id: str) -> bool:
        with transaction(self._sessions) as session:
            result = session.execute(
                delete(TeamKekWrap)
                .where(TeamKekWrap.kek_id == kek_id)
                .execution_options(synchronize_session=False)
            )
            return bool(getattr(result, "rowcount", 0))


def wrap_row(
    kek: Kek,
    team_id: str,
    member: TeamMember,
    signer: MemberSigner,
    *,
    signer_id: str,
    generation: int,
    now: object,
) -> TeamKekWrap:
    """The KEK wrapped to ``member`` and signed by ``signer`` (bound to the key's generation)."""
    wrapped = wrap_for_member(kek, team_id=team_id, member_id=member.member_id, public_key=member.public_key)
    message = wrap_message(
        team_id=team_id,
        member_id=member.member_id,
        public_key=member.public_key,
        kek_id=kek.kek_id,
        generation=generation,
        wrapped=wrapped,
        signer_id=signer_id,
    )
    return TeamKekWrap(
        kek_id=kek.kek_id,
        member_id=member.member_id,
        wrapped_kek=wrapped,
        signer_id=signer_id,
        signature=signer.sign(message),
        created_at=now,
    )
