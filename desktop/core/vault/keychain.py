"""Where the KEK lives: an allow-listed OS keychain, or memory when there is none worth trusting.

Policy: only backends that keep secrets encrypted by the OS count as persistent (macOS Keychain,
Windows Credential Locker, Secret Service, KWallet). ``keyring``'s fail and null backends and
plaintext ones such as ``keyrings.alt`` give session-only mode: the key stays in memory and nothing
is written to disk. A backend outside the list (tests' in-memory one) is accepted only when the
caller names it in ``allow_backends``.

Every keychain call runs on a worker thread with a timeout: a locked keychain can sit on an unlock
prompt, and a hung D-Bus call must not freeze the app. Entries are write-once: a key is never
overwritten (macOS implements "set" as delete + add, and a crash between the two loses the key).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError

from desktop import APP_ID
from desktop.core.errors import SocialdeskError
from desktop.core.secrets import SecretStr

log = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_TIMEOUT = 5.0

PERSISTENT_BACKENDS: frozenset[str] = frozenset(
    {
        "keyring.backends.macOS.Keyring",
        "keyring.backends.Windows.WinVaultKeyring",
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
        "keyring.backends.kwallet.DBusKeyringKWallet4",
    }
)
_CHAINER = "keyring.backends.chainer.ChainerBackend"
_NO_KEYCHAIN = frozenset({"keyring.backends.fail.Keyring", "keyring.backends.null.Keyring"})


def backend_name(backend: object) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def service_name(vault_id: str) -> str:
    """The keychain service of one vault's keys; the entry's user name is the kek_id."""
    return f"{APP_ID}.vault/{vault_id}"


class KeychainLockedError(SocialdeskError):
    def __init__(self, detail: str = "") -> None:
        super().__init__("keychain_locked", detail)

    def __reduce__(self) -> tuple[type[KeychainLockedError], tuple[str]]:  # type: ignore[override]
        return (type(self), (self.detail,))


class KeychainUnavailableError(SocialdeskError):
    def __init__(self, detail: str = "") -> None:
        super().__init__("keychain_unavailable", detail)

    def __reduce__(self) -> tuple[type[KeychainUnavailableError], tuple[str]]:  # type: ignore[override]
        return (type(self), (self.detail,))


@dataclass(frozen=True, slots=True)
class BackendChoice:
    """The keychain to use, or None for session-only, with the reason in words."""

    backend: KeyringBackend | None
    name: str
    persistent: bool
    reason: str


def _allowed(backend: object, extra: Iterable[type | str]) -> bool:
    name = backend_name(backend)
    if name in PERSISTENT_BACKENDS:
        return True
    for allowed in extra:
        if isinstance(allowed, str) and allowed == name:
            return True
        if isinstance(allowed, type) and isinstance(backend, allowed):
            return True
    return False


def choose_backend(
    backend: KeyringBackend | None, allow_backends: Iterable[type | str] = ()
) -> BackendChoice:
    """Apply the allow-list; a chainer is unwrapped to its first allowed member."""
    extra = tuple(allow_backends)
    if backend is None:
        return BackendChoice(None, "none", False, "no keychain backend is installed")
    name = backend_name(backend)
    if name == _CHAINER:
        members: Iterable[KeyringBackend] = getattr(type(backend), "backends", ())
        for member in members:
            if _allowed(member, extra):
                return BackendChoice(member, backend_name(member), True, "")
        return BackendChoice(None, name, False, "none of the available keychains is a secure one")
    if _allowed(backend, extra):
        return BackendChoice(backend, name, True, "")
    if name in _NO_KEYCHAIN:
        return BackendChoice(None, name, False, "no keychain is available")
    return BackendChoice(None, name, False, "the keychain backend stores secrets without OS protection")


class KeyStore(Protocol):
    """Write-once storage for KEK secrets, addressed by (service, kek_id)."""

    @property
    def name(self) -> str:
        """Backend class name, recorded in the KEK registry."""
        ...

    def get(self, service: str, kek_id: str) -> SecretStr | None: ...

    def put_new(self, service: str, kek_id: str, secret: SecretStr) -> None:
        """Store a new entry; never overwrites an existing one."""
        ...

    def delete(self, service: str, kek_id: str) -> bool:
        """Remove the entry; False if there was none."""
        ...


class KeychainStore:
    """An OS keychain through ``keyring``, each call bounded by ``timeout`` seconds."""

    def __init__(self, backend: KeyringBackend, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self._backend = backend
        self._timeout = timeout

    @property
    def name(self) -> str:
        return backend_name(self._backend)

    def _call(self, what: str, function: Callable[[], T]) -> T:
        outcome: list[T] = []
        failure: list[BaseException] = []
        done = threading.Event()

        def run() -> None:
            try:
                outcome.append(function())
            except BaseException as error:
                failure.append(error)
            finally:
                done.set()

        worker = threading.Thread(target=run, name=f"keychain-{what}", daemon=True)
        worker.start()
        if not done.wait(self._timeout):
            log.warning("keychain %s did not answer within %.1f s", what, self._timeout)
            raise KeychainLockedError(f"the keychain did not answer within {self._timeout:g} s")
        if failure:
            error = failure[0]
            if isinstance(error, SocialdeskError):
                raise error
            if isinstance(error, KeyringLocked):
                log.warning("keychain %s refused: the keychain is locked", what)
                raise KeychainLockedError() from None
            log.warning("keychain %s failed (%s)", what, type(error).__name__)
            raise KeychainUnavailableError(f"the keychain answered with {type(error).__name__}") from None
        return outcome[0]

    def get(self, service: str, kek_id: str) -> SecretStr | None:
        value = self._call("get", lambda: self._backend.get_password(service, kek_id))
        return None if value is None else SecretStr(value)

    def put_new(self, service: str, kek_id: str, secret: SecretStr) -> None:
        if self.get(service, kek_id) is not None:
            raise KeychainUnavailableError(f"the keychain already has an entry named {kek_id}")
        self._call("set", lambda: self._backend.set_password(service, kek_id, secret.reveal()))

    def delete(self, service: str, kek_id: str) -> bool:
        def remove() -> bool:
            try:
                self._backend.delete_password(service, kek_id)
            except PasswordDeleteError:
                return False
            return True

        return self._call("delete", remove)


class MemoryKeyStore:
    """Session-only mode: keys live in this process and die with it."""

    def __init__(self, name: str = "session-only memory") -> None:
        self._name = name
        self._items: dict[tuple[str, str], SecretStr] = {}
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return self._name

    def get(self, service: str, kek_id: str) -> SecretStr | None:
        with self._lock:
            return self._items.get((service, kek_id))

    def put_new(self, service: str, kek_id: str, secret: SecretStr) -> None:
        with self._lock:
            if (service, kek_id) in self._items:
                raise KeychainUnavailableError(f"an entry named {kek_id} already exists")
            self._items[(service, kek_id)] = secret

    def delete(self, service: str, kek_id: str) -> bool:
        with self._lock:
            return self._items.pop((service, kek_id), None) is not None

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
