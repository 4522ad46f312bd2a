"""The AES-256-GCM envelope: round trips, binding to the row, tampering, uniqueness, golden bytes."""

from __future__ import annotations

import base64
import json
import pickle
from dataclasses import replace
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop.core.secrets import SecretStr
from desktop.core.store.models import TokenKind
from desktop.core.vault import envelope
from desktop.core.vault.envelope import (
    WRAPPED_DEK_BYTES,
    Envelope,
    Kek,
    KeysUnavailableError,
    RecordIdentity,
    UnsupportedFormatError,
    VaultIntegrityError,
)
from tests.support.canary import hits

GOLDEN = Path(__file__).resolve().parents[2] / "fixtures" / "vault" / "golden_v1.json"
TOKEN = "IGAAenvelopeTestToken9f8e7d6c5b4a3928171615141312"


@pytest.fixture
def kek() -> Kek:
    return Kek.generate("kek-v1-00000001")


@pytest.fixture
def identity() -> RecordIdentity:
    return RecordIdentity(
        record_uuid="0b6c6d0e-0000-4000-8000-000000000001",
        workspace_id=1,
        ig_user_id="17841400000000001",
        kind=TokenKind.LONG_LIVED.value,
    )


@pytest.mark.parametrize("kind", list(TokenKind))
def test_round_trip_for_each_token_kind(kek: Kek, identity: RecordIdentity, kind: TokenKind) -> None:
    identity = replace(identity, kind=kind.value)
    sealed = envelope.seal(kek, identity, SecretStr(TOKEN))
    opened = envelope.open_envelope(kek, identity, sealed)
    assert isinstance(opened, SecretStr)
    assert opened.reveal() == TOKEN


def test_round_trip_of_non_ascii_text(kek: Kek, identity: RecordIdentity) -> None:
    value = "tökén-ü-日本-" + TOKEN
    assert (
        envelope.open_envelope(kek, identity, envelope.seal(kek, identity, SecretStr(value))).reveal()
        == value
    )


def test_layout_sizes(kek: Kek, identity: RecordIdentity) -> None:
    sealed = envelope.seal(kek, identity, SecretStr(TOKEN))
    assert sealed.kek_id == kek.kek_id
    assert len(sealed.wrapped_dek) == WRAPPED_DEK_BYTES == 60
    assert len(sealed.payload) == 12 + len(TOKEN.encode()) + 16


def test_ciphertext_never_contains_the_plaintext(kek: Kek, identity: RecordIdentity) -> None:
    for _ in range(50):
        sealed = envelope.seal(kek, identity, SecretStr(TOKEN))
        blob = sealed.wrapped_dek + sealed.payload
        assert hits(blob, TOKEN) == []
        assert TOKEN not in repr(sealed)


def test_seal_refuses_plain_str(kek: Kek, identity: RecordIdentity) -> None:
    with pytest.raises(TypeError):
        envelope.seal(kek, identity, TOKEN)  # type: ignore[arg-type]


def test_seal_refuses_empty_and_oversized_tokens(kek: Kek, identity: RecordIdentity) -> None:
    with pytest.raises(ValueError, match="between 1 and"):
        envelope.seal(kek, identity, SecretStr(""))
    with pytest.raises(ValueError, match="between 1 and"):
        envelope.seal(kek, identity, SecretStr("x" * (envelope.MAX_TOKEN_BYTES + 1)))


def test_associated_data_is_length_prefixed() -> None:
    label = b"label"
    assert envelope.encode_associated_data(label, "ab", "c") != envelope.encode_associated_data(
        label, "a", "bc"
    )
    assert envelope.encode_associated_data(label, "a", "") != envelope.encode_associated_data(label, "a")
    assert envelope.encode_associated_data(b"x", "1") != envelope.encode_associated_data(b"y", "1")
    assert envelope.encode_associated_data(label, 1) == envelope.encode_associated_data(label, "1")


def test_tamper_sweep_every_byte_of_payload_and_wrapped_key_fails_cleanly(
    kek: Kek, identity: RecordIdentity
) -> None:
    sealed = envelope.seal(kek, identity, SecretStr(TOKEN))
    for column in ("payload", "wrapped_dek"):
        original: bytes = getattr(sealed, column)
        for index in range(len(original)):
            for flip in (0x01, 0x80):
                damaged = bytearray(original)
                damaged[index] ^= flip
                bad = replace(sealed, **{column: bytes(damaged)})
                with pytest.raises(VaultIntegrityError) as caught:
                    envelope.open_envelope(kek, identity, bad)
                assert caught.value.code == "vault_integrity_error"
                text = str(caught.value) + repr(caught.value)
                assert bytes(damaged).hex() not in text
                assert original.hex()[:16] not in text


@pytest.mark.parametrize(
    ("column", "length"),
    [
        ("wrapped_dek", 0),
        ("wrapped_dek", 59),
        ("wrapped_dek", 61),
        ("payload", 0),
        ("payload", 28),
        ("payload", envelope.MAX_PAYLOAD_BYTES + 1),
    ],
)
def test_wrong_lengths_are_refused_before_any_decryption(
    kek: Kek, identity: RecordIdentity, column: str, length: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    sealed = envelope.seal(kek, identity, SecretStr(TOKEN))
    bad = replace(sealed, **{column: b"\x00" * length})
    calls: list[object] = []
    original_decrypt = AESGCM.decrypt

    def counting_decrypt(self: AESGCM, *args: object) -> bytes:
        calls.append(args)
        return original_decrypt(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(AESGCM, "decrypt", counting_decrypt)
    with pytest.raises(VaultIntegrityError, match="wrong length"):
        envelope.open_envelope(kek, identity, bad)
    assert calls == []


@pytest.mark.parametrize("field", ["record_uuid", "workspace_id", "ig_user_id", "kind"])
def test_opening_under_another_rows_identity_fails(kek: Kek, identity: RecordIdentity, field: str) -> None:
    sealed = envelope.seal(kek, identity, SecretStr(TOKEN))
    other_values: dict[str, object] = {
        "record_uuid": "0b6c6d0e-0000-4000-8000-000000000002",
        "workspace_id": 2,
        "ig_user_id": "17841400000000002",
        "kind": TokenKind.SHORT_LIVED.value,
    }
    with pytest.raises(VaultIntegrityError):
        envelope.open_envelope(kek, replace(identity, **{field: other_values[field]}), sealed)


def test_swapping_payload_or_wrapped_key_between_records_fails(kek: Kek, identity: RecordIdentity) -> None:
    other = replace(identity, record_uuid="0b6c6d0e-0000-4000-8000-000000000002")
    first = envelope.seal(kek, identity, SecretStr(TOKEN))
    second = envelope.seal(kek, other, SecretStr(TOKEN + "b"))
    with pytest.raises(VaultIntegrityError):
        envelope.open_envelope(kek, identity, replace(first, payload=second.payload))
    with pytest.raises(VaultIntegrityError):
        envelope.open_envelope(kek, identity, replace(first, wrapped_dek=second.wrapped_dek))


def test_another_key_under_the_same_id_fails(kek: Kek, identity: RecordIdentity) -> None:
    sealed = envelope.seal(kek, identity, SecretStr(TOKEN))
    impostor = Kek.generate(kek.kek_id)
    with pytest.raises(VaultIntegrityError):
        envelope.open_envelope(impostor, identity, sealed)


def test_a_wrapped_key_is_bound_to_its_kek_id(kek: Kek, identity: RecordIdentity) -> None:
    sealed = envelope.seal(kek, identity, SecretStr(TOKEN))
    same_bytes_other_id = Kek("kek-v9-00000009", kek._key)
    with pytest.raises(VaultIntegrityError):
        envelope.open_envelope(same_bytes_other_id, identity, replace(sealed, kek_id="kek-v9-00000009"))


@pytest.mark.parametrize("version", [0, 2, 99])
def test_unknown_format_version_is_rejected(kek: Kek, identity: RecordIdentity, version: int) -> None:
    sealed = envelope.seal(kek, identity, SecretStr(TOKEN))
    with pytest.raises(UnsupportedFormatError, match=f"record format {version}") as caught:
        envelope.open_envelope(kek, replace(identity, format_version=version), sealed)
    assert caught.value.code == "vault_integrity_error"
    with pytest.raises(UnsupportedFormatError):
        envelope.seal(kek, replace(identity, format_version=version), SecretStr(TOKEN))


def test_ten_thousand_encryptions_use_distinct_nonces_keys_and_ciphertexts(
    kek: Kek, identity: RecordIdentity
) -> None:
    count = 10_000
    payload_nonces, wrap_nonces, deks, payloads = set(), set(), set(), set()
    for _ in range(count):
        sealed = envelope.seal(kek, identity, SecretStr(TOKEN))
        payload_nonces.add(sealed.payload[:12])
        wrap_nonces.add(sealed.wrapped_dek[:12])
        payloads.add(sealed.payload)
        deks.add(envelope.unwrap_dek(kek, identity.record_uuid, sealed.wrapped_dek))
    assert len(payload_nonces) == count
    assert len(wrap_nonces) == count
    assert len(deks) == count
    assert len(payloads) == count


def test_rewrap_keeps_the_payload_and_changes_the_key(kek: Kek, identity: RecordIdentity) -> None:
    sealed = envelope.seal(kek, identity, SecretStr(TOKEN))
    new = Kek.generate("kek-v2-00000002")
    rewrapped = envelope.rewrap(kek, new, identity.record_uuid, sealed.wrapped_dek)
    moved = Envelope(new.kek_id, rewrapped, sealed.payload)
    assert envelope.open_envelope(new, identity, moved).reveal() == TOKEN
    with pytest.raises(VaultIntegrityError):
        envelope.open_envelope(kek, identity, replace(moved, kek_id=kek.kek_id))


def test_golden_v1_fixture_decrypts_forever() -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    kek = Kek(golden["kek_id"], base64.b64decode(golden["kek_base64"]))
    identity = RecordIdentity(
        record_uuid=golden["record_uuid"],
        workspace_id=golden["workspace_id"],
        ig_user_id=golden["ig_user_id"],
        kind=golden["kind"],
        format_version=golden["format_version"],
    )
    # The encodings are pinned too: changing them would orphan every stored token.
    assert identity.associated_data().hex() == golden["payload_associated_data_hex"]
    assert (
        envelope.encode_associated_data(envelope.WRAP_LABEL, kek.kek_id, identity.record_uuid).hex()
        == golden["wrap_associated_data_hex"]
    )
    assert kek.check_value().hex() == golden["kek_check_value_hex"]
    sealed = Envelope(
        kek.kek_id, bytes.fromhex(golden["wrapped_dek_hex"]), bytes.fromhex(golden["payload_hex"])
    )
    assert envelope.open_envelope(kek, identity, sealed).reveal() == golden["plaintext"]


def test_kek_never_shows_or_pickles_its_key(kek: Kek) -> None:
    secret = kek.to_secret().reveal()
    assert secret not in repr(kek)
    assert secret not in str(kek)
    assert len(secret) == 44
    with pytest.raises(TypeError):
        pickle.dumps(kek)


def test_kek_from_secret_round_trip_and_check_value(kek: Kek) -> None:
    again = Kek.from_secret(kek.kek_id, kek.to_secret().reveal())
    assert again.matches(kek.check_value())
    assert not Kek.generate(kek.kek_id).matches(kek.check_value())
    assert not Kek(kek.kek_id + "x", again._key).matches(kek.check_value())


@pytest.mark.parametrize("secret", ["", "not base64!", base64.b64encode(b"short").decode(), "é"])
def test_malformed_keychain_entry_counts_as_unavailable_key(secret: str) -> None:
    with pytest.raises(KeysUnavailableError) as caught:
        Kek.from_secret("kek-v1-00000001", secret)
    assert caught.value.code == "vault_keys_unavailable"
    if secret:
        assert secret not in str(caught.value)
