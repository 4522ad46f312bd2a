"""Signed team key copies: who may hand this desktop a team KEK, checked against a key it pinned.

Anyone who can write to the team database can encrypt a KEK of their choosing to a member's public
key. So every copy is also signed, and the recipient believes only signatures it can trace back to
a key it holds itself:

- Each member has an Ed25519 signing key beside its X25519 key; the private half is in the member's
  OS keychain, in one entry with the **anchor**: the team creator's signing public key, pinned by
  this desktop when it created or joined the team (never read again from the database).
- A member's **certificate** is its approver's signature over (team id, member id, X25519 public
  key, signing public key); the creator's is self-signed with the anchor. A member is trusted when
  its certificate chain leads to the anchor (:func:`trusted_signers`); a member's earlier key,
  kept when they rejoin, still counts as the issuer of the certificates it signed.
- A **wrap signature** is the wrapping member's signature over (team id, recipient member id,
  recipient public key, kek id, KEK generation, the wrap, signer id). The recipient checks it with
  the signer's trusted key and its *own* public key; wraps go only to members it trusts.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Iterable
from typing import NoReturn

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from desktop.core.errors import SocialdeskError
from desktop.core.secrets import SecretStr
from desktop.core.store.team_models import MemberState, TeamMember, TeamRetiredKey
from desktop.core.vault.envelope import KeysUnavailableError, encode_associated_data

SIGNING_FORMAT = "ed25519-v1"
CERTIFICATE_LABEL = b"socialdesk.team.member-certificate.v1"
WRAP_SIGNATURE_LABEL = b"socialdesk.team.kek-wrap-signature.v1"
TEAM_FINGERPRINT_LABEL = b"socialdesk.team.anchor-fingerprint.v1"
_KEY_BYTES = 32


class TeamKeyUnverifiedError(KeysUnavailableError):
    """A team KEK copy without a signature this desktop can trust: refused, nothing sealed under it."""

    def __init__(self, detail: str = "") -> None:
        SocialdeskError.__init__(self, "team_key_unverified", detail)

    def __reduce__(self) -> tuple[type[TeamKeyUnverifiedError], tuple[str]]:  # type: ignore[override]
        return (type(self), (self.detail,))


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


class MemberSigner:
    """This member's Ed25519 private key and the anchor it pinned. Never printed, pickled or logged."""

    __slots__ = ("_anchor", "_private")

    def __init__(self, private: Ed25519PrivateKey, anchor: bytes) -> None:
        if len(anchor) != _KEY_BYTES:
            raise ValueError("an anchor is a 32-byte Ed25519 public key")
        self._private = private
        self._anchor = anchor

    @classmethod
    def generate(cls, anchor: bytes | None = None) -> MemberSigner:
        """A new signing key; without ``anchor`` it is its own (the team creator's)."""
        private = Ed25519PrivateKey.generate()
        own = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return cls(private, anchor if anchor is not None else own)

    @classmethod
    def from_secret(cls, secret: str) -> MemberSigner:
        try:
            label, private_b64, anchor_b64 = secret.strip().split(":")
            if label != SIGNING_FORMAT:
                raise ValueError("unknown format")
            raw = base64.b64decode(private_b64.encode("ascii"), validate=True)
            anchor = base64.b64decode(anchor_b64.encode("ascii"), validate=True)
            if len(raw) != _KEY_BYTES:
                raise ValueError("wrong length")
            return cls(Ed25519PrivateKey.from_private_bytes(raw), anchor)
        except (binascii.Error, UnicodeEncodeError, ValueError):
            raise KeysUnavailableError("the keychain entry is not a Socialdesk team signing key") from None

    def to_secret(self) -> SecretStr:
        raw = self._private.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )
        return SecretStr(f"{SIGNING_FORMAT}:{_b64(raw)}:{_b64(self._anchor)}")

    @property
    def public_key(self) -> bytes:
        return self._private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )

    @property
    def anchor(self) -> bytes:
        return self._anchor

    def sign(self, message: bytes) -> bytes:
        return self._private.sign(message)

    def __repr__(self) -> str:
        return "MemberSigner(private=**********)"

    def __reduce__(self) -> NoReturn:
        raise TypeError("a member signing key cannot be pickled")

    def __reduce_ex__(self, protocol: object) -> NoReturn:
        raise TypeError("a member signing key cannot be pickled")


def verify(public_key: bytes | None, signature: bytes | None, message: bytes) -> bool:
    if not public_key or not signature or len(public_key) != _KEY_BYTES:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(bytes(public_key)).verify(bytes(signature), message)
    except (InvalidSignature, ValueError):
        return False
    return True


def certificate_message(team_id: str, member_id: str, public_key: bytes, signing_key: bytes) -> bytes:
    return encode_associated_data(
        CERTIFICATE_LABEL, team_id, member_id, bytes(public_key).hex(), bytes(signing_key).hex()
    )


def certify(signer: MemberSigner, team_id: str, member: TeamMember) -> bytes:
    if member.signing_key is None:
        raise TeamKeyUnverifiedError(f"{member.name} has no signing key; they must join again")
    return signer.sign(certificate_message(team_id, member.member_id, member.public_key, member.signing_key))


def wrap_message(
    *,
    team_id: str,
    member_id: str,
    public_key: bytes,
    kek_id: str,
    generation: int,
    wrapped: bytes,
    signer_id: str,
) -> bytes:
    return encode_associated_data(
        WRAP_SIGNATURE_LABEL,
        team_id,
        member_id,
        bytes(public_key).hex(),
        kek_id,
        generation,
        bytes(wrapped).hex(),
        signer_id,
    )


def trusted_signers(
    team_id: str,
    rows: Iterable[TeamMember],
    anchor: bytes,
    retired: Iterable[TeamRetiredKey] = (),
) -> dict[str, bytes]:
    """Member id → signing key, for every approved member whose certificate chain reaches ``anchor``.

    A chain may pass through a member who was removed later (their approvals stay valid) and through
    a member's earlier key (kept when they rejoined), but only approved members' current keys are
    returned, so only they may sign wraps or receive them.
    """
    rows = [row for row in rows if row.signing_key and row.certificate and row.approved_by]
    by_id = {row.member_id: row for row in rows}
    # Every statement "member M holds signing key K with X25519 key P, certified by approver A".
    claims: list[tuple[str, bytes, bytes, bytes, str, bool]] = [
        (
            row.member_id,
            bytes(row.signing_key or b""),
            bytes(row.public_key),
            bytes(row.certificate or b""),
            str(row.approved_by),
            True,
        )
        for row in rows
    ]
    claims += [
        (
            old.member_id,
            bytes(old.signing_key),
            bytes(old.public_key),
            bytes(old.certificate),
            old.approved_by,
            False,
        )
        for old in retired
    ]
    certifiers: dict[str, list[bytes]] = {}
    current: dict[str, bytes] = {}
    done: set[int] = set()
    changed = True
    while changed:
        changed = False
        for index, (member_id, key, public, certificate, approver, is_current) in enumerate(claims):
            if index in done:
                continue
            if approver == member_id:
                issuers = [anchor] if key == anchor else []
            else:
                issuers = certifiers.get(approver, [])
            message = certificate_message(team_id, member_id, public, key)
            if any(verify(issuer, certificate, message) for issuer in issuers):
                done.add(index)
                certifiers.setdefault(member_id, []).append(key)
                if is_current:
                    current[member_id] = key
                changed = True
    return {
        member_id: key
        for member_id, key in current.items()
        if by_id[member_id].state == MemberState.APPROVED.value
    }


def team_fingerprint(team_id: str, anchor: bytes) -> str:
    """The team's own fingerprint (its anchor's): what a joiner compares with a member's screen."""
    digest = hashlib.sha256(encode_associated_data(TEAM_FINGERPRINT_LABEL, team_id, anchor.hex())).digest()
    text = digest[:16].hex().upper()
    return "-".join(text[index : index + 4] for index in range(0, len(text), 4))
