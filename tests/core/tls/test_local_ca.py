"""This install's CA: certificate in the data folder, key only in the keychain, leaves only in memory."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.core.clock import ManualClock
from desktop.core.tls.authority import CA_LIFETIME, LEAF_LIFETIME
from desktop.core.tls.local_ca import KEY_SERVICE, LocalCa
from desktop.core.vault.keychain import KeychainLockedError, MemoryKeyStore

START = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


class LockedKeyStore(MemoryKeyStore):
    def get(self, service: str, kek_id: str) -> None:  # type: ignore[override]
        raise KeychainLockedError("the collection is locked")


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def cert_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "tls" / "local-ca.pem"


def pem_private_keys(folder: Path) -> list[Path]:
    """Every file under ``folder`` holding a PEM private key, encrypted or not."""
    return [path for path in folder.rglob("*") if path.is_file() and b"PRIVATE KEY-----" in path.read_bytes()]


def test_the_first_use_makes_a_ca_whose_key_is_in_the_keychain_only(
    tmp_path: Path, cert_path: Path, clock: ManualClock
) -> None:
    keystore = MemoryKeyStore()
    ca = LocalCa(keystore, cert_path, clock=clock)
    assert ca.stored_info() is None

    info = ca.info()
    ca.server_context()  # a leaf signed and loaded

    assert cert_path.read_text(encoding="ascii") == info.pem
    assert keystore.get(KEY_SERVICE, info.short_id) is not None
    assert pem_private_keys(tmp_path) == []
    assert not info.session_only
    assert info.expires_at - START >= CA_LIFETIME - timedelta(minutes=1)


def test_the_same_ca_comes_back_after_a_restart(cert_path: Path, clock: ManualClock) -> None:
    keystore = MemoryKeyStore()
    first = LocalCa(keystore, cert_path, clock=clock).info()
    again = LocalCa(keystore, cert_path, clock=clock)
    assert again.stored_info() == first  # readable without the keychain
    assert again.info().fingerprint == first.fingerprint


def test_a_lost_key_means_a_new_ca(cert_path: Path, clock: ManualClock) -> None:
    keystore = MemoryKeyStore()
    first = LocalCa(keystore, cert_path, clock=clock).info()
    keystore.clear()
    second = LocalCa(keystore, cert_path, clock=clock).info()
    assert second.fingerprint != first.fingerprint
    assert cert_path.read_text(encoding="ascii") == second.pem


def test_a_locked_keychain_is_reported_not_papered_over(cert_path: Path, clock: ManualClock) -> None:
    LocalCa(MemoryKeyStore(), cert_path, clock=clock).info()
    before = cert_path.read_text(encoding="ascii")
    with pytest.raises(KeychainLockedError):
        LocalCa(LockedKeyStore(), cert_path, clock=clock).info()
    assert cert_path.read_text(encoding="ascii") == before  # the trusted CA was not replaced


def test_the_leaf_is_kept_then_renewed_silently_before_it_lapses(cert_path: Path, clock: ManualClock) -> None:
    ca = LocalCa(MemoryKeyStore(), cert_path, clock=clock)
    first = ca.current_leaf()
    clock.advance(timedelta(days=1))
    assert ca.current_leaf() is first
    clock.advance(LEAF_LIFETIME - timedelta(days=2))
    renewed = ca.current_leaf()
    assert renewed is not first
    assert renewed.certificate.not_valid_after_utc > first.certificate.not_valid_after_utc
    assert renewed.certificate.issuer == ca.info().certificate.subject


def test_an_expired_ca_is_replaced(cert_path: Path, clock: ManualClock) -> None:
    keystore = MemoryKeyStore()
    first = LocalCa(keystore, cert_path, clock=clock).info()
    clock.advance(CA_LIFETIME + timedelta(days=1))
    assert LocalCa(keystore, cert_path, clock=clock).info().fingerprint != first.fingerprint


def test_session_only_writes_nothing(base_dir: Path, clock: ManualClock) -> None:
    ca = LocalCa(MemoryKeyStore(), None, clock=clock)
    info = ca.info()
    ca.server_context()
    assert info.session_only and ca.session_only
    assert ca.stored_certificate() == info.certificate  # in memory only
    assert list(base_dir.rglob("*")) == []


def test_forget_removes_the_certificate_and_the_key(cert_path: Path, clock: ManualClock) -> None:
    keystore = MemoryKeyStore()
    ca = LocalCa(keystore, cert_path, clock=clock)
    info = ca.info()
    ca.forget()
    assert not cert_path.exists()
    assert keystore.get(KEY_SERVICE, info.short_id) is None
