"""One local CA for the browser tests, trusted in a throwaway HOME's NSS database.

Each test's app gets this CA installed as its own (certificate in the data folder, key in the
test's keychain), as an install that the user had already trusted. The browser reads trust from
``HOME/.pki/nssdb``, put there by the app's own trust code (``Trust.trust``) and the real certutil.
"""

from __future__ import annotations

from pathlib import Path

from keyring.backend import KeyringBackend

from desktop.core.settings import Paths
from desktop.core.tls.authority import Authority, short_id
from desktop.core.tls.local_ca import CERT_FILE_NAME, KEY_SERVICE, CaInfo, tls_dir
from desktop.core.tls.trust import Trust


def install_authority(paths: Paths, keychain: KeyringBackend, authority: Authority) -> None:
    """Make ``authority`` the app's local CA in ``paths`` (as a previous run would have left it)."""
    folder = tls_dir(paths.data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / CERT_FILE_NAME).write_text(authority.certificate_pem, encoding="ascii")
    keychain.set_password(KEY_SERVICE, short_id(authority.certificate), authority.key_secret().reveal())


def trusting_home(folder: Path, authority: Authority) -> Path:
    """A HOME whose NSS database trusts ``authority``, made by Socialdesk's own trust step."""
    folder.mkdir(parents=True, exist_ok=True)
    outcome = Trust(home=folder, platform="linux").trust(CaInfo(authority.certificate, session_only=False))
    assert str(folder / ".pki" / "nssdb") in outcome.changed, outcome
    return folder
