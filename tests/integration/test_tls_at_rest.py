"""No private key at rest: after connects over the https listener, the data folder holds no PEM key.

The CA certificate is the only TLS file written; the CA key is in the keychain and the leaf key
never leaves memory. Scanned: every file under the base dir (config, data, cache, logs), including
the SQLite database and its WAL, for any PEM private key, encrypted or not, and for the key's DER.
"""

from __future__ import annotations

import base64
from pathlib import Path

import keyring.backends.fail
from cryptography.hazmat.primitives import serialization

from desktop.core.environment import Environment
from desktop.core.services import Services
from desktop.core.tls.local_ca import KEY_SERVICE
from tests.integration.conftest import connect
from tests.support.consent import ConsentBot
from tests.support.memory_keyring import MemoryKeyring

PEM_KEY_MARKERS = (b"PRIVATE KEY-----", b"BEGIN EC PRIVATE", b"BEGIN ENCRYPTED")


def files_under(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


def test_no_pem_private_key_anywhere_in_the_data_folder_after_connecting(
    services: Services, base_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    connect(services)
    connect(services, ConsentBot(account="studio.creator"))
    assert services.local_ca is not None
    ca = services.local_ca.info()
    services.storage.engine.dispose()  # flush the WAL into the files scanned below

    files = files_under(base_dir)
    assert any(path.name == "local-ca.pem" for path in files)
    leaked = [path for path in files if any(marker in path.read_bytes() for marker in PEM_KEY_MARKERS)]
    assert leaked == []

    # The key itself, in its keychain form and as raw DER in base64, appears in no file either.
    secret = memory_keyring.get_password(KEY_SERVICE, ca.short_id)
    assert secret is not None and "PRIVATE KEY" in secret
    key = serialization.load_pem_private_key(secret.encode("ascii"), password=None)
    der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    body = base64.b64encode(der)
    for path in files:
        data = path.read_bytes()
        assert der not in data and body[:64] not in data, path


def test_the_ca_certificate_is_all_the_tls_folder_holds(services: Services, base_dir: Path) -> None:
    connect(services)
    tls_files = sorted(p.name for p in (base_dir / "data" / "tls").iterdir())
    assert tls_files == ["local-ca.pem"]
    text = (base_dir / "data" / "tls" / "local-ca.pem").read_text(encoding="ascii")
    assert text.startswith("-----BEGIN CERTIFICATE-----") and text.count("-----BEGIN") == 1


def test_on_a_session_only_keychain_the_ca_is_session_only_and_nothing_is_written(
    app_env: Environment, base_dir: Path
) -> None:
    with Services.open(
        app_env, keyring_backend=keyring.backends.fail.Keyring(), check_interval=0.05
    ) as services:
        assert services.storage_mode == "session-only"
        assert services.local_ca is not None and services.local_ca.session_only
        view = connect(services)
        assert view.username == "acme_business"
        assert services.local_ca.info().session_only
    assert not (base_dir / "data" / "tls").exists()
    assert [p for p in files_under(base_dir) if any(m in p.read_bytes() for m in PEM_KEY_MARKERS)] == []
