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

from keyring.backend import KeyringBackend
from sqlalchemy import Engine, delete, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.clock import Clock, SystemClock
from desktop.core.errors import SocialdeskError
from desktop.core.i18n import N_, Detail
from desktop.core.secrets import SecretStr
from desktop.core.settings import Paths, Settings
from desktop.core.store.engine import open_engine
from desktop.core.store.errors import transaction
from desktop.core.store.models import KekEntry
from desktop.core.store.team_models import MemberState, Team, TeamKekWrap, TeamMember, TeamRetiredKey
from desktop.core.vault.bootstrap import Storage, open_storage
from desktop.core.vault.envelope import KeysUnavailableError
from desktop.core.vault.keychain import KeychainStore, choose_backend
from desktop.core.vault.team_admin import (
    MemberView,
    RemovalReport,
    TeamAdmin,
    clean_name,
    member_by_name,
)
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
)
from desktop.core.vault.team_keystore import (
    TeamKeyStore,
    lock_team,
)
from desktop.core.vault.team_signing import (
    MemberSigner,
    TeamKeyUnverifiedError,
    certify,
    team_fingerprint,
)
from desktop.core.vault.team_upgrade import sign_as_anchor

__all__ = [
    "MemberView",
    "RemovalReport",
    "TeamAdmin",
    "create_team",
    "join_team",
    "open_team_storage",
    "team_keychain",
]

log = logging.getLogger(__name__)


def _keychain(backend: KeyringBackend, allow_backends: Iterable[type | str]) -> KeychainStore:
    choice = choose_backend(backend, allow_backends)
    if choice.backend is None:
        raise SocialdeskError(
            "keychain_unavailable",
            Detail(N_("a team needs a secure keychain ({reason})"), reason=choice.reason),
        )
    return KeychainStore(choice.backend)


def team_keychain(backend: KeyringBackend, allow_backends: Iterable[type | str] = ()) -> KeychainStore:
    """The keychain a team desktop keeps its member key and the database password in."""
    return _keychain(backend, allow_backends)


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
    identity = TeamIdentity(team_id, " ".join(team_name.split()), member_id, clean_name(member_name), url)
    engine = open_engine(identity.database_url_with(password))
    try:
        with transaction(_sessions(engine)) as session:
            if session.scalars(select(Team)).first() is not None:
                raise SocialdeskError("team_exists")
            if session.scalars(select(KekEntry)).first() is not None:
                raise SocialdeskError("team_exists", N_("the database already holds a Socialdesk vault"))
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
    name = clean_name(member_name)
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
                    "team_fingerprint_mismatch", N_("the team in that database is not the one you were told")
                )
            existing = member_by_name(session, name)
            if existing is not None and not rejoin:
                raise SocialdeskError("team_member_exists", name)
            member_id = existing.member_id if existing is not None else secrets.token_hex(16)
            team_id, team_name = team.team_id, team.name
        try:
            pinned = team_secrets.signer(team_id, member_id)
        except KeysUnavailableError:
            pinned = None
        if pinned is not None and pinned.anchor != anchor:
            # Joining again from a desktop that pinned the team before: it keeps trusting that anchor.
            log.warning("rejoin refused: the database shows another anchor than this desktop pinned")
            raise SocialdeskError(
                "team_fingerprint_mismatch",
                N_("the team in that database is not the one this desktop joined"),
            )
        signer = MemberSigner.generate(anchor)
        team_secrets.forget_member_keys(team_id, member_id)
        team_secrets.store_member_keys(team_id, member_id, keys)
        team_secrets.store_signer(team_id, member_id, signer)
        now = clock.now()
        with transaction(_sessions(engine)) as session:
            lock_team(session)
            member = session.get(TeamMember, member_id)
            if member is None:
                if member_by_name(session, name) is not None:
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
            N_(
                "this desktop's team key is not in the keychain; join the team again as the same member and "
                "have the new key approved"
            ),
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
