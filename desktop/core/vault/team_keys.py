"""Team key cryptography: member key pairs, fingerprints, and the team KEK wrapped to one member.

Each member holds an X25519 key pair; the private key never leaves their OS keychain. The team KEK
is wrapped to a member with an ephemeral-static ECDH (a fresh key pair per wrap), HKDF-SHA256 over
the shared secret, and AES-256-GCM. Both the HKDF info and the GCM associated data bind the team id,
the member id and the kek_id, so a wrap copied to another member's, team's or key's row fails.

A fingerprint names a member's keys for a human to compare: SHA-256 over a label, the team id, the
member id, the X25519 key and, since signed key copies, the member's signing key and the team anchor
that desktop pinned (so a matching fingerprint also proves the joiner trusts the right team), shown
as eight groups of four hex digits (128 bits).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
from typing import NoReturn

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop.core.secrets import SecretStr
from desktop.core.vault.envelope import (
    KEY_BYTES,
    NONCE_BYTES,
    TAG_BYTES,
    Kek,
    KeysUnavailableError,
    VaultIntegrityError,
    encode_associated_data,
)

PUBLIC_KEY_BYTES = 32
#: ephemeral public key ‖ nonce ‖ GCM(KEK) ‖ tag
WRAPPED_KEK_BYTES = PUBLIC_KEY_BYTES + NONCE_BYTES + KEY_BYTES + TAG_BYTES
FINGERPRINT_LABEL = b"socialdesk.team.member-fingerprint.v1"
SIGNED_FINGERPRINT_LABEL = b"socialdesk.team.member-fingerprint.v2"
WRAP_INFO_LABEL = b"socialdesk.team.kek-wrap-key.v1"
WRAP_AAD_LABEL = b"socialdesk.team.kek-wrap.v1"
_FINGERPRINT_BYTES = 16


def _raw_public(key: X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


class MemberKeyPair:
    """A member's X25519 key pair in memory. Never printed, pickled or logged."""

    __slots__ = ("_private",)

    def __init__(self, private: X25519PrivateKey) -> None:
        self._private = private

    @classmethod
    def generate(cls) -> MemberKeyPair:
        return cls(X25519PrivateKey.generate())

    @classmethod
    def from_secret(cls, secret: str) -> MemberKeyPair:
        """The keychain form back into a key pair; anything malformed counts as a missing key."""
        try:
            raw = base64.b64decode(secret.strip().encode("ascii"), validate=True)
            if len(raw) != KEY_BYTES:
                raise ValueError("wrong length")
            return cls(X25519PrivateKey.from_private_bytes(raw))
        except (binascii.Error, UnicodeEncodeError, ValueError):
            raise KeysUnavailableError("the keychain entry is not a Socialdesk team member key") from None

    def to_secret(self) -> SecretStr:
        raw = self._private.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )
        return SecretStr(base64.b64encode(raw).decode("ascii"))

    @property
    def public_key(self) -> bytes:
        return _raw_public(self._private.public_key())

    def exchange(self, peer_public: bytes) -> bytes:
        return self._private.exchange(X25519PublicKey.from_public_bytes(peer_public))

    def __repr__(self) -> str:
        return "MemberKeyPair(private=**********)"

    def __reduce__(self) -> NoReturn:
        raise TypeError("a member key pair cannot be pickled")

    def __reduce_ex__(self, protocol: object) -> NoReturn:
        raise TypeError("a member key pair cannot be pickled")


def fingerprint(
    team_id: str,
    member_id: str,
    public_key: bytes,
    signing_key: bytes | None = None,
    anchor: bytes | None = None,
) -> str:
    """``XXXX-XXXX-…`` (8 groups): what the joining member reads out and the approver types in.

    Without a signing key (a member from before signed key copies) it names the X25519 key alone.
    """
    if signing_key is None:
        data = encode_associated_data(FINGERPRINT_LABEL, team_id, member_id, bytes(public_key).hex())
    else:
        data = encode_associated_data(
            SIGNED_FINGERPRINT_LABEL,
            team_id,
            member_id,
            bytes(public_key).hex(),
            bytes(signing_key).hex(),
            bytes(anchor or b"").hex(),
        )
    digest = hashlib.sha256(data).digest()[:_FINGERPRINT_BYTES]
    text = digest.hex().upper()
    return "-".join(text[index : index + 4] for index in range(0, len(text), 4))


def normalize_fingerprint(value: str) -> str:
    """Accept what people type: any case, spaces, colons or dashes between the groups."""
    digits = "".join(ch for ch in value.upper() if ch in "0123456789ABCDEF")
    return "-".join(digits[index : index + 4] for index in range(0, len(digits), 4))


def fingerprints_match(expected: str, given: str) -> bool:
    return hmac.compare_digest(normalize_fingerprint(expected), normalize_fingerprint(given))


def _wrap_key(shared: bytes, ids: tuple[str, str, str], ephemeral: bytes, recipient: bytes) -> bytes:
    team_id, member_id, kek_id = ids
    info = encode_associated_data(
        WRAP_INFO_LABEL, team_id, member_id, kek_id, ephemeral.hex(), recipient.hex()
    )
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=info).derive(shared)


def _wrap_aad(team_id: str, member_id: str, kek_id: str) -> bytes:
    return encode_associated_data(WRAP_AAD_LABEL, team_id, member_id, kek_id)


def wrap_for_member(kek: Kek, *, team_id: str, member_id: str, public_key: bytes) -> bytes:
    """The team KEK encrypted to one member's public key (a new ephemeral key every time)."""
    if len(public_key) != PUBLIC_KEY_BYTES:
        raise VaultIntegrityError("a member public key is 32 bytes")
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = _raw_public(ephemeral.public_key())
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public_key))
    key = _wrap_key(shared, (team_id, member_id, kek.kek_id), ephemeral_public, public_key)
    nonce = os.urandom(NONCE_BYTES)
    raw_kek = base64.b64decode(kek.to_secret().reveal())
    sealed = AESGCM(key).encrypt(nonce, raw_kek, _wrap_aad(team_id, member_id, kek.kek_id))
    return ephemeral_public + nonce + sealed


def unwrap_for_member(
    wrapped: bytes, *, keys: MemberKeyPair, team_id: str, member_id: str, kek_id: str
) -> Kek:
    """The team KEK from this member's wrap; any mismatch or tampering is one integrity error."""
    if len(wrapped) != WRAPPED_KEK_BYTES:
        raise VaultIntegrityError(f"the team key {kek_id} wrapped for this member has the wrong length")
    ephemeral_public = wrapped[:PUBLIC_KEY_BYTES]
    nonce = wrapped[PUBLIC_KEY_BYTES : PUBLIC_KEY_BYTES + NONCE_BYTES]
    sealed = wrapped[PUBLIC_KEY_BYTES + NONCE_BYTES :]
    try:
        shared = keys.exchange(ephemeral_public)
        key = _wrap_key(shared, (team_id, member_id, kek_id), ephemeral_public, keys.public_key)
        raw = AESGCM(key).decrypt(nonce, sealed, _wrap_aad(team_id, member_id, kek_id))
    except (InvalidTag, ValueError):
        raise VaultIntegrityError(f"the team key {kek_id} wrapped for this member failed its check") from None
    return Kek(kek_id, raw)
