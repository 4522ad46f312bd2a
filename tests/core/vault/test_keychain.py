"""Keychain policy (which backends count as safe) and calls bounded by a timeout."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import keyring.backends.fail
import keyring.backends.null
import keyring.backends.SecretService
import pytest
from keyring.backend import KeyringBackend
from keyring.backends.chainer import ChainerBackend

from desktop.core.secrets import SecretStr
from desktop.core.vault.keychain import (
    PERSISTENT_BACKENDS,
    KeychainLockedError,
    KeychainStore,
    KeychainUnavailableError,
    MemoryKeyStore,
    backend_name,
    choose_backend,
    service_name,
)
from tests.core.vault.helpers import ExplicitOnly, HangingKeyring, LockedKeyring
from tests.support.memory_keyring import MemoryKeyring


class PlaintextKeyring(ExplicitOnly, KeyringBackend):
    """Stands in for keyrings.alt's file backend: a class outside the allow-list."""

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise NotImplementedError

    def delete_password(self, service: str, username: str) -> None:
        raise NotImplementedError


PlaintextKeyring.__module__ = "keyrings.alt.file"


class BrokenKeyring(ExplicitOnly, MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise RuntimeError("org.freedesktop.DBus.Error.ServiceUnknown")


@pytest.fixture
def hanging() -> Iterator[HangingKeyring]:
    backend = HangingKeyring()
    yield backend
    backend.release.set()


def test_os_keychains_are_allow_listed() -> None:
    assert backend_name(keyring.backends.SecretService.Keyring()) in PERSISTENT_BACKENDS
    assert {
        "keyring.backends.macOS.Keyring",
        "keyring.backends.Windows.WinVaultKeyring",
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
    } <= PERSISTENT_BACKENDS
    choice = choose_backend(keyring.backends.SecretService.Keyring())
    assert choice.persistent
    assert choice.name == "keyring.backends.SecretService.Keyring"


@pytest.mark.parametrize(
    "backend",
    [keyring.backends.fail.Keyring(), keyring.backends.null.Keyring(), PlaintextKeyring(), None],
    ids=["fail", "null", "plaintext", "none"],
)
def test_no_or_unsafe_keychain_means_session_only(backend: object) -> None:
    choice = choose_backend(backend)  # type: ignore[arg-type]
    assert not choice.persistent
    assert choice.backend is None
    assert choice.reason


def test_test_keychain_is_accepted_only_when_the_caller_allows_it(memory_keyring: MemoryKeyring) -> None:
    assert not choose_backend(memory_keyring).persistent
    assert choose_backend(memory_keyring, (MemoryKeyring,)).persistent
    assert choose_backend(memory_keyring, ("tests.support.memory_keyring.MemoryKeyring",)).persistent
    assert not choose_backend(memory_keyring, ("tests.support.memory_keyring.Other",)).persistent


def test_a_chainer_is_unwrapped_to_its_first_allowed_member(monkeypatch: pytest.MonkeyPatch) -> None:
    memory = MemoryKeyring()
    plaintext = PlaintextKeyring()
    monkeypatch.setattr(ChainerBackend, "backends", [plaintext, memory])
    chosen = choose_backend(ChainerBackend(), (MemoryKeyring,))
    assert chosen.backend is memory
    assert not choose_backend(ChainerBackend()).persistent


def test_service_name_is_per_vault() -> None:
    assert service_name("abc") == "io.socialdesk.Socialdesk.vault/abc"


def test_entries_are_write_once() -> None:
    backend = MemoryKeyring()
    store = KeychainStore(backend)
    store.put_new("svc", "kek-v1-00000001", SecretStr("first-secret-value"))
    with pytest.raises(KeychainUnavailableError):
        store.put_new("svc", "kek-v1-00000001", SecretStr("second-secret-value"))
    assert backend.get_password("svc", "kek-v1-00000001") == "first-secret-value"
    memory = MemoryKeyStore()
    memory.put_new("svc", "k", SecretStr("first-secret-value"))
    with pytest.raises(KeychainUnavailableError):
        memory.put_new("svc", "k", SecretStr("second-secret-value"))


def test_get_and_delete() -> None:
    store = KeychainStore(MemoryKeyring())
    assert store.get("svc", "missing") is None
    assert store.delete("svc", "missing") is False
    store.put_new("svc", "k", SecretStr("secret-value-123"))
    value = store.get("svc", "k")
    assert isinstance(value, SecretStr)
    assert value.reveal() == "secret-value-123"
    assert store.delete("svc", "k") is True
    assert store.get("svc", "k") is None


def test_a_locked_keychain_raises_keychain_locked() -> None:
    backend = LockedKeyring()
    backend.locked = True
    with pytest.raises(KeychainLockedError) as caught:
        KeychainStore(backend).get("svc", "k")
    assert caught.value.code == "keychain_locked"


def test_a_hanging_keychain_call_times_out_as_locked(hanging: HangingKeyring) -> None:
    hanging.hang.set()
    store = KeychainStore(hanging, timeout=0.1)
    with pytest.raises(KeychainLockedError, match="did not answer"):
        store.get("svc", "k")


def test_a_failing_keychain_is_unavailable_and_its_message_is_not_repeated() -> None:
    with pytest.raises(KeychainUnavailableError) as caught:
        KeychainStore(BrokenKeyring()).get("svc", "k")
    assert caught.value.code == "keychain_unavailable"
    assert "DBus" not in str(caught.value)
    assert caught.value.__cause__ is None


def test_keychain_calls_run_off_the_calling_thread() -> None:
    seen: list[str] = []

    class Recording(ExplicitOnly, MemoryKeyring):
        def get_password(self, service: str, username: str) -> str | None:
            seen.append(threading.current_thread().name)
            return None

    KeychainStore(Recording()).get("svc", "k")
    assert seen == ["keychain-get"]
    assert threading.current_thread().name not in seen
