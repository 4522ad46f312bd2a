"""AES-256-GCM envelope encryption of one token, bound to its row.

A fresh 32-byte data key (DEK) encrypts each token; the key-encryption key (KEK) wraps the DEK.
Both layers use a random 96-bit nonce chosen here (callers cannot pass one). Associated data is a
fixed label followed by length-prefixed fields, so no two different rows can produce the same
bytes, and swapping any bound column between rows fails authentication.

Layout (format version 1):
- ``wrapped_dek`` = nonce(12) ‖ GCM_KEK(DEK)(32) ‖ tag(16): exactly 60 bytes; associated data =
  label ‖ kek_id ‖ record_uuid.
- ``payload`` = nonce(12) ‖ GCM_DEK(token, UTF-8) ‖ tag(16); associated data = label ‖ record_uuid ‖
  workspace_id ‖ ig_user_id ‖ kind ‖ format_version.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
from dataclasses import dataclass
from typing import NoReturn

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop.core.errors import SocialdeskError
from desktop.core.secrets import SecretStr

FORMAT_VERSION = 1
SUPPORTED_FORMAT_VERSIONS = frozenset({1})

KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
WRAPPED_DEK_BYTES = NONCE_BYTES + KEY_BYTES + TAG_BYTES
#: Instagram tokens are a few hundred bytes; anything near this is not a token.
MAX_TOKEN_BYTES = 8192
MIN_PAYLOAD_BYTES = NONCE_BYTES + 1 + TAG_BYTES
MAX_PAYLOAD_BYTES = NONCE_BYTES + MAX_TOKEN_BYTES + TAG_BYTES

PAYLOAD_LABEL = b"socialdesk.vault.token-payload.v1"
WRAP_LABEL = b"socialdesk.vault.dek-wrap.v1"
CHECK_LABEL = b"socialdesk.vault.kek-check.v1"


class VaultIntegrityError(SocialdeskError):
    """A record failed authentication or a shape check. Its text never holds record bytes."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("vault_integrity_error", detail)

    def __reduce__(self) -> tuple[type[VaultIntegrityError], tuple[str]]:  # type: ignore[override]
        return (type(self), (self.detail,))


class UnsupportedFormatError(VaultIntegrityError):
    """The record was written in a format this version cannot read (a newer Socialdesk wrote it)."""


class KeysUnavailableError(SocialdeskError):
    """The key a record or the vault needs is not in the keychain, or a different key has its name."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("vault_keys_unavailable", detail)

    def __reduce__(self) -> tuple[type[KeysUnavailableError], tuple[str]]:  # type: ignore[override]
        return (type(self), (self.detail,))


def encode_associated_data(label: bytes, *fields: str | int) -> bytes:
    """``label`` then each field as a 4-byte big-endian length and its UTF-8 bytes."""
    parts = [len(label).to_bytes(4, "big"), label, len(fields).to_bytes(4, "big")]
    for field in fields:
        data = str(field).encode("utf-8")
        parts.append(len(data).to_bytes(4, "big"))
        parts.append(data)
    return b"".join(parts)


@dataclass(frozen=True, slots=True)
class RecordIdentity:
    """The columns a payload is bound to."""

    record_uuid: str
    workspace_id: int
    ig_user_id: str
    kind: str
    format_version: int = FORMAT_VERSION

    def associated_data(self) -> bytes:
        return encode_associated_data(
            PAYLOAD_LABEL,
            self.record_uuid,
            self.workspace_id,
            self.ig_user_id,
            self.kind,
            self.format_version,
        )


@dataclass(frozen=True, slots=True)
class Envelope:
    kek_id: str
    wrapped_dek: bytes
    payload: bytes

    def __repr__(self) -> str:
        return f"Envelope(kek_id={self.kek_id!r}, payload={len(self.payload)} bytes)"


class Kek:
    """A key-encryption key in memory. Never printed, pickled or logged."""

    __slots__ = ("_key", "kek_id")

    def __init__(self, kek_id: str, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError("a KEK is 32 bytes")
        self.kek_id = kek_id
        self._key = bytes(key)

    @classmethod
    def generate(cls, kek_id: str) -> Kek:
        return cls(kek_id, AESGCM.generate_key(bit_length=KEY_BYTES * 8))

    @classmethod
    def from_secret(cls, kek_id: str, secret: str) -> Kek:
        """Parse the keychain form; a malformed entry counts as a different key."""
        try:
            key = base64.b64decode(secret.strip().encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError, ValueError):
            raise KeysUnavailableError(f"the keychain entry {kek_id} is not a Socialdesk key") from None
        if len(key) != KEY_BYTES:
            raise KeysUnavailableError(f"the keychain entry {kek_id} is not a Socialdesk key")
        return cls(kek_id, key)

    def to_secret(self) -> SecretStr:
        """The keychain form: 44 characters of base64 (well under every keychain's size limit)."""
        return SecretStr(base64.b64encode(self._key).decode("ascii"))

    def check_value(self) -> bytes:
        """HMAC-SHA256 of a label and the id under this key: tells keys apart without revealing them."""
        message = encode_associated_data(CHECK_LABEL, self.kek_id)
        return hmac.new(self._key, message, hashlib.sha256).digest()

    def matches(self, check_value: bytes) -> bool:
        return hmac.compare_digest(self.check_value(), check_value)

    def _aead(self) -> AESGCM:
        return AESGCM(self._key)

    def __repr__(self) -> str:
        return f"Kek({self.kek_id!r}, key=**********)"

    def __reduce__(self) -> NoReturn:
        raise TypeError("a Kek cannot be pickled")

    def __reduce_ex__(self, protocol: object) -> NoReturn:
        raise TypeError("a Kek cannot be pickled")


def _wrap_associated_data(kek_id: str, record_uuid: str) -> bytes:
    return encode_associated_data(WRAP_LABEL, kek_id, record_uuid)


def check_format(identity: RecordIdentity) -> None:
    if identity.format_version not in SUPPORTED_FORMAT_VERSIONS:
        raise UnsupportedFormatError(
            f"record format {identity.format_version} is not supported by this version of Socialdesk"
        )


def check_lengths(wrapped_dek: bytes, payload: bytes) -> None:
    """Shape checks before any decryption, so a damaged row fails the same way every time."""
    if not isinstance(wrapped_dek, bytes) or len(wrapped_dek) != WRAPPED_DEK_BYTES:
        raise VaultIntegrityError("the wrapped key has the wrong length")
    if not isinstance(payload, bytes) or not MIN_PAYLOAD_BYTES <= len(payload) <= MAX_PAYLOAD_BYTES:
        raise VaultIntegrityError("the encrypted token has the wrong length")


def wrap_dek(kek: Kek, record_uuid: str, dek: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return nonce + kek._aead().encrypt(nonce, dek, _wrap_associated_data(kek.kek_id, record_uuid))


def unwrap_dek(kek: Kek, record_uuid: str, wrapped_dek: bytes) -> bytes:
    if len(wrapped_dek) != WRAPPED_DEK_BYTES:
        raise VaultIntegrityError("the wrapped key has the wrong length")
    nonce, body = wrapped_dek[:NONCE_BYTES], wrapped_dek[NONCE_BYTES:]
    try:
        dek = kek._aead().decrypt(nonce, body, _wrap_associated_data(kek.kek_id, record_uuid))
    except InvalidTag:
        raise VaultIntegrityError("the wrapped key failed authentication") from None
    if len(dek) != KEY_BYTES:
        raise VaultIntegrityError("the wrapped key has the wrong length")
    return dek


def seal(kek: Kek, identity: RecordIdentity, token: SecretStr) -> Envelope:
    """Encrypt ``token`` under a new DEK wrapped by ``kek``."""
    if not isinstance(token, SecretStr):
        raise TypeError("seal takes a SecretStr")
    check_format(identity)
    plaintext = token.reveal().encode("utf-8")
    if not 1 <= len(plaintext) <= MAX_TOKEN_BYTES:
        raise ValueError("a token must be between 1 and 8192 bytes")
    dek = AESGCM.generate_key(bit_length=KEY_BYTES * 8)
    nonce = os.urandom(NONCE_BYTES)
    payload = nonce + AESGCM(dek).encrypt(nonce, plaintext, identity.associated_data())
    return Envelope(kek.kek_id, wrap_dek(kek, identity.record_uuid, dek), payload)


def open_envelope(kek: Kek, identity: RecordIdentity, envelope: Envelope) -> SecretStr:
    """Decrypt; any mismatch of key, row or bytes raises :class:`VaultIntegrityError`."""
    check_format(identity)
    check_lengths(envelope.wrapped_dek, envelope.payload)
    if envelope.kek_id != kek.kek_id:
        raise ValueError("open_envelope was handed the wrong KEK")
    dek = unwrap_dek(kek, identity.record_uuid, envelope.wrapped_dek)
    nonce, body = envelope.payload[:NONCE_BYTES], envelope.payload[NONCE_BYTES:]
    try:
        plaintext = AESGCM(dek).decrypt(nonce, body, identity.associated_data())
    except InvalidTag:
        raise VaultIntegrityError("the encrypted token failed authentication") from None
    try:
        return SecretStr(plaintext.decode("utf-8"))
    except UnicodeDecodeError:
        raise VaultIntegrityError("the decrypted token is not text") from None


def rewrap(old: Kek, new: Kek, record_uuid: str, wrapped_dek: bytes) -> bytes:
    """The same DEK wrapped under ``new``: rotation never touches the payload."""
    return wrap_dek(new, record_uuid, unwrap_dek(old, record_uuid, wrapped_dek))
