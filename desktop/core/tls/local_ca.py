"""This install's local CA: its certificate in the data folder, its private key in the OS keychain.

The key is kept beside the vault's key-encryption key, in the same allow-listed keychain, and so never
lies in a file. On a session-only keychain the CA lives in memory and dies with the process (nothing
is written, and trusting it would last only until Socialdesk quits). Leaves are signed in memory and
renewed silently before they lapse; :meth:`LocalCa.server_context` is the one way to use one.
"""

from __future__ import annotations

import contextlib
import logging
import os
import ssl
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from desktop import APP_ID
from desktop.core.atomic import write_text_atomically
from desktop.core.clock import Clock, SystemClock
from desktop.core.tls.authority import Authority, Leaf, fingerprint, new_authority, short_id
from desktop.core.vault.keychain import KeyStore

log = logging.getLogger(__name__)

KEY_SERVICE = f"{APP_ID}.local-ca"
CERT_FILE_NAME = "local-ca.pem"


@dataclass(frozen=True, slots=True)
class CaInfo:
    """What anyone may know about the CA: its certificate and where it lives."""

    certificate: x509.Certificate
    session_only: bool

    @property
    def pem(self) -> str:
        return self.certificate.public_bytes(Encoding.PEM).decode("ascii")

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.certificate)

    @property
    def short_id(self) -> str:
        return short_id(self.certificate)

    @property
    def expires_at(self) -> datetime:
        return self.certificate.not_valid_after_utc

    @property
    def serial_hex(self) -> str:
        return format(self.certificate.serial_number, "x")

    @property
    def sha1_hex(self) -> str:
        """The SHA-1 thumbprint, which is how macOS and Windows tools name a certificate."""
        from cryptography.hazmat.primitives import hashes

        return self.certificate.fingerprint(hashes.SHA1()).hex().upper()  # noqa: S303 - a name, not security


def tls_dir(data_dir: Path) -> Path:
    return data_dir / "tls"


class LocalCa:
    """Loads or makes the CA on first use; signs and renews the leaf the listener serves."""

    def __init__(
        self,
        keystore: KeyStore,
        cert_path: Path | None,
        *,
        clock: Clock | None = None,
    ) -> None:
        """``cert_path=None`` means session-only: nothing about the CA is written anywhere."""
        self._keystore = keystore
        self._cert_path = cert_path
        self._clock = clock or SystemClock()
        self._lock = threading.Lock()
        self._authority: Authority | None = None
        self._leaf: Leaf | None = None
        #: The server context of the current leaf: loading a key into ``ssl`` costs milliseconds,
        #: and every connect starts a listener.
        self._context: tuple[Leaf, ssl.SSLContext] | None = None

    @property
    def session_only(self) -> bool:
        return self._cert_path is None

    def stored_certificate(self) -> x509.Certificate | None:
        """The certificate on disk, without asking the keychain (for status and export)."""
        if self._authority is not None:
            return self._authority.certificate
        if self._cert_path is None:
            return None
        try:
            return x509.load_pem_x509_certificate(self._cert_path.read_bytes())
        except FileNotFoundError:
            return None
        except ValueError:
            log.warning("the local CA certificate file is damaged; a new CA will be made")
            return None

    def info(self) -> CaInfo:
        """The CA, made now if there is none yet; may ask the keychain (not on the GUI thread)."""
        return CaInfo(self._ensure().certificate, self.session_only)

    def stored_info(self) -> CaInfo | None:
        certificate = self.stored_certificate()
        return None if certificate is None else CaInfo(certificate, self.session_only)

    def current_leaf(self) -> Leaf:
        """The leaf to serve, signed anew when it is close to lapsing."""
        authority = self._ensure()
        now = self._clock.now()
        with self._lock:
            if self._leaf is None or self._leaf.needs_renewal(now):
                self._leaf = authority.sign_leaf(now)
                log.info("signed a new certificate for the local address")
            return self._leaf

    def server_context(self) -> ssl.SSLContext:
        """A TLS server context holding the current leaf; its key is never written in the clear.

        The same context is handed out until the leaf is renewed (or the CA forgotten).
        """
        leaf = self.current_leaf()
        with self._lock:
            if self._context is not None and self._context[0] is leaf:
                return self._context[1]
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        load_leaf(context, leaf)
        with self._lock:
            self._context = (leaf, context)
        return context

    def forget(self) -> None:
        """Delete the CA (certificate file and keychain key); the next use makes a new one."""
        with self._lock:
            certificate = self._authority.certificate if self._authority else None
            self._authority = None
            self._leaf = None
            self._context = None
        certificate = certificate or self.stored_certificate()
        if certificate is not None:
            self._keystore.delete(KEY_SERVICE, short_id(certificate))
        if self._cert_path is not None:
            self._cert_path.unlink(missing_ok=True)

    def _ensure(self) -> Authority:
        with self._lock:
            if self._authority is not None and not self._expired(self._authority.certificate):
                return self._authority
            authority = self._load()
            if authority is None:
                authority = self._create()
            self._authority = authority
            self._leaf = None
            return authority

    def _expired(self, certificate: x509.Certificate) -> bool:
        return self._clock.now() >= certificate.not_valid_after_utc

    def _load(self) -> Authority | None:
        if self._cert_path is None:
            return None
        certificate = self.stored_certificate()
        if certificate is None:
            return None
        if self._expired(certificate):
            log.info("the local CA has expired; making a new one")
            return None
        key = self._keystore.get(KEY_SERVICE, short_id(certificate))  # raises when locked
        if key is None:
            log.warning("the local CA's key is not in the keychain; making a new CA (trust it again)")
            return None
        try:
            return Authority.from_parts(certificate.public_bytes(Encoding.PEM).decode("ascii"), key)
        except ValueError:
            log.warning("the local CA's key in the keychain does not fit its certificate; making a new CA")
            return None

    def _create(self) -> Authority:
        authority = new_authority(self._clock.now())
        name = short_id(authority.certificate)
        self._keystore.put_new(KEY_SERVICE, name, authority.key_secret())
        if self._cert_path is not None:
            self._cert_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_text_atomically(self._cert_path, authority.certificate_pem)
        log.info("made this install's local CA %s%s", name, " (session-only)" if self.session_only else "")
        return authority


def load_leaf(context: ssl.SSLContext, leaf: Leaf) -> None:
    """Hand the leaf to ``ssl``, which reads only files: an anonymous memory file where the OS has
    one, else a private temp file holding the key encrypted under a one-time password."""
    password = os.urandom(32).hex().encode("ascii")
    with _scratch_file(leaf.certificate_pem) as cert_path, _scratch_file(leaf.key_pem(password)) as key_path:
        context.load_cert_chain(cert_path, key_path, password=password)


@contextlib.contextmanager
def _scratch_file(data: bytes) -> Iterator[str]:
    memfd_create = getattr(os, "memfd_create", None)
    if memfd_create is not None and Path("/proc/self/fd").is_dir():
        fd = memfd_create("socialdesk-tls", getattr(os, "MFD_CLOEXEC", 0))
        try:
            os.write(fd, data)
            yield f"/proc/self/fd/{fd}"
        finally:
            os.close(fd)
        return
    folder = tempfile.mkdtemp(prefix="socialdesk-tls-")
    path = Path(folder) / "part.pem"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        yield str(path)
    finally:
        path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            os.rmdir(folder)
