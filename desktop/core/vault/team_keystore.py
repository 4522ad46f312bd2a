"""The team's key holder: team KEKs kept in the database, each wrapped to every approved member.

It is a :class:`desktop.core.vault.keychain.KeyStore`, so the vault seals, opens, rotates and
reconciles exactly as it does with a KEK in the OS keychain: ``put_new`` wraps a new key for every
approved member, ``get`` unwraps this member's copy with the private key from this member's own
keychain, ``delete`` drops every member's copy of a destroyed key. No server, the database
included, ever sees a KEK or a private key.
"""

from __future__ import annotations

import logging

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.clock import Clock
from desktop.core.errors import SocialdeskError
from desktop.core.secrets import SecretStr
from desktop.core.store.errors import transaction
from desktop.core.store.team_models import MemberState, Team, TeamKekWrap, TeamMember
from desktop.core.vault.envelope import Kek, KeysUnavailableError
from desktop.core.vault.keychain import KeychainUnavailableError
from desktop.core.vault.team_keys import MemberKeyPair, unwrap_for_member, wrap_for_member

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


class TeamKeyStore:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        team_id: str,
        member_id: str,
        keys: MemberKeyPair,
        clock: Clock,
    ) -> None:
        self._sessions = sessions
        self._team_id = team_id
        self._member_id = member_id
        self._keys = keys
        self._clock = clock

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
            members = list(
                session.scalars(select(TeamMember).where(TeamMember.state == MemberState.APPROVED.value))
            )
            if self._member_id not in {member.member_id for member in members}:
                check_member(session.get(TeamMember, self._member_id), self._keys)
            now = self._clock.now()
            for member in members:
                session.add(wrap_row(kek, self._team_id, member, now=now))
        log.info("team key %s wrapped for %d members", kek_id, len(members))

    def delete(self, service: str, kek_id: str) -> bool:
        with transaction(self._sessions) as session:
            result = session.execute(
                delete(TeamKekWrap)
                .where(TeamKekWrap.kek_id == kek_id)
                .execution_options(synchronize_session=False)
            )
            return bool(getattr(result, "rowcount", 0))


def wrap_row(kek: Kek, team_id: str, member: TeamMember, *, now: object) -> TeamKekWrap:
    return TeamKekWrap(
        kek_id=kek.kek_id,
        member_id=member.member_id,
        wrapped_kek=wrap_for_member(
            kek, team_id=team_id, member_id=member.member_id, public_key=member.public_key
        ),
        created_at=now,
    )
