"""Which team this desktop belongs to, and the secrets that go with it, kept apart.

``team.json`` in the config folder holds only what is not secret: the team id, this member's id and
name, and the database URL *without* its password. The database password, this member's private
keys and the team anchor it pinned are in the OS keychain, each written once and never overwritten.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from desktop import APP_ID
from desktop.core.atomic import write_text_atomically
from desktop.core.errors import SocialdeskError
from desktop.core.i18n import N_, Detail
from desktop.core.secrets import SecretStr
from desktop.core.vault.keychain import KeyStore
from desktop.core.vault.team_keys import MemberKeyPair
from desktop.core.vault.team_signing import MemberSigner

TEAM_FILE = "team.json"


def member_key_service(team_id: str) -> str:
    return f"{APP_ID}.team/{team_id}"


def signing_key_service(team_id: str) -> str:
    return f"{APP_ID}.team-signing/{team_id}"


def database_password_service(team_id: str) -> str:
    return f"{APP_ID}.team-database/{team_id}"


def split_database_url(url: str) -> tuple[str, SecretStr | None]:
    """The URL without its password (safe for a file or the screen), and the password apart."""
    try:
        parsed = make_url(url.strip())
    except Exception:
        raise SocialdeskError("team_not_found", N_("that is not a database URL")) from None
    if parsed.get_backend_name() != "postgresql":
        raise SocialdeskError("team_not_found", N_("a team database is a PostgreSQL URL (postgresql://…)"))
    password = SecretStr(str(parsed.password)) if parsed.password else None
    return parsed._replace(password=None).render_as_string(hide_password=False), password


@dataclass(frozen=True, slots=True)
class TeamIdentity:
    team_id: str
    team_name: str
    member_id: str
    member_name: str
    #: Without the password.
    database_url: str

    def database_url_with(self, password: SecretStr | None) -> URL:
        parsed = make_url(self.database_url)
        return parsed.set(password=password.reveal()) if password is not None else parsed


def load_identity(config_dir: Path) -> TeamIdentity | None:
    path = config_dir / TEAM_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return TeamIdentity(**{key: str(data[key]) for key in TeamIdentity.__dataclass_fields__})
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        raise SocialdeskError(
            "team_not_found", Detail(N_("{file} is damaged; join the team again"), file=path.name)
        ) from None


def save_identity(config_dir: Path, identity: TeamIdentity) -> None:
    config_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    if make_url(identity.database_url).password:
        raise ValueError("the team file never holds the database password")
    write_text_atomically(config_dir / TEAM_FILE, json.dumps(asdict(identity), indent=2) + "\n")


def forget_identity(config_dir: Path) -> None:
    (config_dir / TEAM_FILE).unlink(missing_ok=True)


class TeamSecrets:
    """This member's private key and the database password, in the OS keychain."""

    def __init__(self, keychain: KeyStore) -> None:
        self._keychain = keychain

    def member_keys(self, team_id: str, member_id: str) -> MemberKeyPair | None:
        secret = self._keychain.get(member_key_service(team_id), member_id)
        return MemberKeyPair.from_secret(secret.reveal()) if secret is not None else None

    def store_member_keys(self, team_id: str, member_id: str, keys: MemberKeyPair) -> None:
        """Write once and read back: a keychain that drops writes must not leave us keyless."""
        service = member_key_service(team_id)
        self._keychain.put_new(service, member_id, keys.to_secret())
        back = self.member_keys(team_id, member_id)
        if back is None or back.public_key != keys.public_key:
            raise SocialdeskError("keychain_unavailable", N_("the keychain did not keep the team member key"))

    def forget_member_keys(self, team_id: str, member_id: str) -> None:
        self._keychain.delete(member_key_service(team_id), member_id)
        self._keychain.delete(signing_key_service(team_id), member_id)

    def signer(self, team_id: str, member_id: str) -> MemberSigner | None:
        """This member's signing key with the anchor it pinned; None for a desktop from before."""
        secret = self._keychain.get(signing_key_service(team_id), member_id)
        return MemberSigner.from_secret(secret.reveal()) if secret is not None else None

    def forget_signer(self, team_id: str, member_id: str) -> None:
        self._keychain.delete(signing_key_service(team_id), member_id)

    def store_signer(self, team_id: str, member_id: str, signer: MemberSigner) -> None:
        service = signing_key_service(team_id)
        self._keychain.put_new(service, member_id, signer.to_secret())
        back = self.signer(team_id, member_id)
        if back is None or back.public_key != signer.public_key or back.anchor != signer.anchor:
            raise SocialdeskError(
                "keychain_unavailable", N_("the keychain did not keep the team signing key")
            )

    def database_password(self, identity: TeamIdentity) -> SecretStr | None:
        return self._keychain.get(database_password_service(identity.team_id), identity.database_url)

    def store_database_password(self, team_id: str, url_without_password: str, password: SecretStr) -> None:
        service = database_password_service(team_id)
        if self._keychain.get(service, url_without_password) is not None:
            self._keychain.delete(service, url_without_password)
        self._keychain.put_new(service, url_without_password, password)
