"""Team workspaces: create a team on a PostgreSQL database, join it, approve and remove members.

- **Create:** the creator's key pair goes to their keychain, the team and the creator (approved) to
  the database, then the vault mints the first team KEK, wrapped for the creator.
- **Join:** a new key pair, registered as *pending*; the member reads its fingerprint off their own
  screen. Until approved the vault stays locked (``team_member_pending``): no token is readable.
- **Approve:** an approved member checks the fingerprint they were given against the registered key
  (so someone who can write to the database cannot slip in a key of their own) and wraps every live
  team KEK for it.
- **Remove:** the member's wraps go, then the team KEK is rotated: every DEK is rewrapped under a
  new KEK wrapped only for the remaining members. Tokens the removed member could read are named so
  they can be refreshed.
- **Lost key:** join again with ``rejoin``; the same member, a new key, pending until re-approved.
- **Signed copies:** every member also holds an Ed25519 signing key and the team anchor it pinned
  (``desktop.core.vault.team_signing``); every wrap is signed, and a copy no trusted member signed
  is refused (``team_key_unverified``).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from keyring.backend import KeyringBackend
from sqlalchemy import Engine, delete, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.clock import Clock, SystemClock
from desktop.core.errors import SocialdeskError
from desktop.core.secrets import SecretStr
from desktop.core.settings import Paths, Settings
from desktop.core.store.engine import open_engine
from desktop.core.store.errors import transaction
from desktop.core.store.models import InstagramConnection, KekEntry, KekState, RevocationOutbox
from desktop.core.store.team_models import MemberState, Team, TeamKekWrap, TeamMember, TeamRetiredKey
from desktop.core.vault.bootstrap import Storage, open_storage
from desktop.core.vault.envelope import Kek
from desktop.core.vault.keychain import KeychainStore, choose_backend
from desktop.core.vault.team_identity import (
    TeamIdentity,
    TeamSecrets,
    save_identity,
    split_database_url,
)
from desktop.core.vault.team_keys import (
    MemberKeyPair,
    fingerprint,
    fingerprints_match,
    unwrap_for_member,
)
from desktop.core.vault.team_keystore import (
    TeamKeyStore,
    check_member,
    check_wrap,
    generation_of,
    lock_team,
    require_signer,
    trusted_in,
    wrap_row,
)
from desktop.core.vault.team_signing import (
    MemberSigner,
    TeamKeyUnverifiedError,
    certify,
    team_fingerprint,
)
from desktop.core.vault.team_upgrade import sign_as_anchor

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


def _keychain(backend: KeyringBackend, allow_backends: Iterable[type | str]) -> KeychainStore:
    choice = choose_backend(backend, allow_backends)
    if choice.backend is None:
        raise SocialdeskError("keychain_unavailable", f"a team needs a secure keychain ({choice.reason})")
    return KeychainStore(choice.backend)


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > 80:
        raise SocialdeskError("team_member_not_found", "a member name is 1 to 80 characters")
    return cleaned


def _member_by_name(session: Session, name: str) -> TeamMember | None:
    wanted = _clean_name(name).casefold()
    for member in session.scalars(select(TeamMember)):
        if member.name.casefold() == wanted:
            return member
    return None


def create_team(
    paths: Paths,
    backend: KeyringBackend,
    *,
    team_name: str,
    member_name: str,
    database_url: str,
    clock: Clock | None = None,
    allow_backends: Iterable[type | str] = (),
) -> TeamIdentity:
    """Set up a team on an empty PostgreSQL database, with this desktop as its first member."""
    clock = clock or SystemClock()
    url, password = split_database_url(database_url)
    keychain = _keychain(backend, allow_backends)
    team_id = secrets.token_hex(16)
    member_id = secrets.token_hex(16)
    identity = TeamIdentity(team_id, " ".join(team_name.split()), member_id, _clean_name(member_name), url)
    engine = open_engine(identity.database_url_with(password))
    try:
        with transaction(_sessions(engine)) as session:
            if session.scalars(select(Team)).first() is not None:
                raise SocialdeskError("team_exists")
            if session.scalars(select(KekEntry)).first() is not None:
                raise SocialdeskError("team_exists", "the database already holds a Socialdesk vault")
    finally:
        engine.dispose()
    keys = MemberKeyPair.generate()
    signer = MemberSigner.generate()
    team_secrets = TeamSecrets(keychain)
    team_secrets.store_member_keys(team_id, member_id, keys)
    engine = open_engine(identity.database_url_with(password))
    try:
        team_secrets.store_signer(team_id, member_id, signer)
        now = clock.now()
        with transaction(_sessions(engine)) as session:
            if session.scalars(select(Team).with_for_update()).first() is not None:
                raise SocialdeskError("team_exists")
            session.add(
                Team(
                    id=1,
                    team_id=team_id,
                    name=identity.team_name,
                    created_at=now,
                    anchor_key=signer.public_key,
                )
            )
            creator = TeamMember(
                member_id=member_id,
                name=identity.member_name,
                public_key=keys.public_key,
                signing_key=signer.public_key,
                state=MemberState.APPROVED.value,
                approved_by=member_id,
                created_at=now,
                approved_at=now,
            )
            creator.certificate = certify(signer, team_id, creator)
            session.add(creator)
    except BaseException:
        team_secrets.forget_member_keys(team_id, member_id)
        raise
    finally:
        engine.dispose()
    if password is not None:
        team_secrets.store_database_password(team_id, url, password)
    save_identity(paths.config_dir, identity)
    log.info("created team %s", team_id)
    return identity


def join_team(
    paths: Paths,
    backend: KeyringBackend,
    *,
    database_url: str,
    member_name: str,
    rejoin: bool = False,
    expected_team_fingerprint: str | None = None,
    clock: Clock | None = None,
    allow_backends: Iterable[type | str] = (),
) -> tuple[TeamIdentity, str]:
    """Register this desktop's new public keys as a pending member; returns its fingerprint.

    The team's anchor is pinned here, in this desktop's keychain. With ``expected_team_fingerprint``
    (read out by a member) a database that shows another anchor is refused before anything is
    written; without it the anchor is trusted on first use, and the member's fingerprint covers
    it, so the approver's comparison catches a swapped one. ``rejoin`` replaces the keys of an
    existing member of that name (a desktop that lost its key): pending again until re-approved.
    """
    clock = clock or SystemClock()
    url, password = split_database_url(database_url)
    keychain = _keychain(backend, allow_backends)
    name = _clean_name(member_name)
    keys = MemberKeyPair.generate()
    engine = open_engine(_with_password(url, password))
    team_secrets = TeamSecrets(keychain)
    try:
        with transaction(_sessions(engine)) as session:
            team = session.scalars(select(Team).with_for_update()).first()
            if team is None:
                raise SocialdeskError("team_not_found")
            if team.anchor_key is None:
                raise TeamKeyUnverifiedError(
                    "this team's keys are from before signed key copies; open the team once on an "
                    "approved member's desktop, then join"
                )
            anchor = bytes(team.anchor_key)
            if expected_team_fingerprint is not None and not fingerprints_match(
                team_fingerprint(team.team_id, anchor), expected_team_fingerprint
            ):
                log.warning("join refused: the team fingerprint does not match the database's anchor")
                raise SocialdeskError(
                    "team_fingerprint_mismatch", "the team in that database is not the one you were told"
                )
            existing = _member_by_name(session, name)
            if existing is not None and not rejoin:
                raise SocialdeskError("team_member_exists", name)
            member_id = existing.member_id if existing is not None else secrets.token_hex(16)
            team_id, team_name = team.team_id, team.name
        signer = MemberSigner.generate(anchor)
        team_secrets.forget_member_keys(team_id, member_id)
        team_secrets.store_member_keys(team_id, member_id, keys)
        team_secrets.store_signer(team_id, member_id, signer)
        now = clock.now()
        with transaction(_sessions(engine)) as session:
            lock_team(session)
            member = session.get(TeamMember, member_id)
            if member is None:
                if _member_by_name(session, name) is not None:
                    raise SocialdeskError("team_member_exists", name)
                session.add(
                    TeamMember(
                        member_id=member_id,
                        name=name,
                        public_key=keys.public_key,
                        signing_key=signer.public_key,
                        state=MemberState.PENDING.value,
                        created_at=now,
                    )
                )
            else:
                if member.signing_key is not None and member.certificate is not None and member.approved_by:
                    # Kept so the certificates signed with the old key (members approved with
                    # it) stay valid; the old key itself can no longer sign or receive a wrap.
                    session.merge(
                        TeamRetiredKey(
                            member_id=member_id,
                            signing_key=bytes(member.signing_key),
                            public_key=bytes(member.public_key),
                            certificate=bytes(member.certificate),
                            approved_by=member.approved_by,
                            retired_at=now,
                        )
                    )
                member.public_key = keys.public_key
                member.signing_key = signer.public_key
                member.certificate = None
                member.state = MemberState.PENDING.value
                member.approved_by = None
                member.approved_at = None
                member.removed_at = None
                session.execute(
                    delete(TeamKekWrap)
                    .where(TeamKekWrap.member_id == member_id)
                    .execution_options(synchronize_session=False)
                )
    finally:
        engine.dispose()
    identity = TeamIdentity(team_id, team_name, member_id, name, url)
    if password is not None:
        team_secrets.store_database_password(team_id, url, password)
    save_identity(paths.config_dir, identity)
    log.info("joined team %s as a pending member", team_id)
    return identity, fingerprint(team_id, member_id, keys.public_key, signer.public_key, anchor)


def _with_password(url: str, password: SecretStr | None) -> URL:
    parsed = make_url(url)
    return parsed.set(password=password.reveal()) if password is not None else parsed


def _sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def open_team_storage(
    paths: Paths,
    backend: KeyringBackend,
    identity: TeamIdentity,
    *,
    clock: Clock | None = None,
    allow_backends: Iterable[type | str] = (),
) -> tuple[Storage, TeamAdmin]:
    """The team database with the team's key holder; the vault is locked while not approved."""
    keychain = _keychain(backend, allow_backends)
    team_secrets = TeamSecrets(keychain)
    keys = team_secrets.member_keys(identity.team_id, identity.member_id)
    if keys is None:
        raise SocialdeskError(
            "team_member_pending",
            "this desktop's team key is not in the keychain; join again with --rejoin and have it approved",
        )
    signer = team_secrets.signer(identity.team_id, identity.member_id)
    password = team_secrets.database_password(identity)
    holder: list[TeamKeyStore] = []

    def make_holder(sessions: sessionmaker[Session]) -> TeamKeyStore:
        store = TeamKeyStore(
            sessions,
            team_id=identity.team_id,
            member_id=identity.member_id,
            keys=keys,
            signer=signer,
            clock=clock or SystemClock(),
        )
        holder.append(store)
        return store

    storage = open_storage(
        paths,
        Settings(),
        backend,
        clock=clock,
        allow_backends=allow_backends,
        database_url=identity.database_url_with(password),
        team_keys=make_holder,
    )
    storage.team_name = identity.team_name
    if signer is None:
        # A desktop from before signed key copies: the first approved one to open the team
        # becomes its anchor; any other must join again (see sign_as_anchor).
        signer = sign_as_anchor(storage.sessions, team_secrets, identity, keys)
        if signer is not None:
            for store in holder:
                store.adopt_signer(signer)
            storage.vault.retry()
    return storage, TeamAdmin(storage, identity, keys, signer, clock or SystemClock())


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
            member = _member_by_name(session, name)
            if member is None:
                raise SocialdeskError("team_member_not_found", name)
            if member.state == MemberState.REMOVED.value:
                raise SocialdeskError("team_member_removed", f"{member.name} must join again first")
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
            member = _member_by_name(session, name)
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
            raise SocialdeskError("vault_keys_unavailable", f"this member holds no copy of {kek_id}")
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
