"""Team key cryptography: wraps bound to team, member and key; fingerprints people can compare."""

from __future__ import annotations

import pickle

import pytest

from desktop.core.errors import SocialdeskError
from desktop.core.vault.envelope import Kek
from desktop.core.vault.team_keys import (
    WRAPPED_KEK_BYTES,
    MemberKeyPair,
    fingerprint,
    fingerprints_match,
    normalize_fingerprint,
    unwrap_for_member,
    wrap_for_member,
)

TEAM = "team-1"


def _wrap(kek: Kek, keys: MemberKeyPair, member: str = "m1") -> bytes:
    return wrap_for_member(kek, team_id=TEAM, member_id=member, public_key=keys.public_key)


def test_a_wrapped_team_key_opens_for_its_member_only() -> None:
    kek = Kek.generate("kek-v1-00000001")
    alice, bob = MemberKeyPair.generate(), MemberKeyPair.generate()
    wrapped = _wrap(kek, alice)
    assert len(wrapped) == WRAPPED_KEK_BYTES
    opened = unwrap_for_member(wrapped, keys=alice, team_id=TEAM, member_id="m1", kek_id=kek.kek_id)
    assert opened.check_value() == kek.check_value()
    with pytest.raises(SocialdeskError) as caught:
        unwrap_for_member(wrapped, keys=bob, team_id=TEAM, member_id="m1", kek_id=kek.kek_id)
    assert caught.value.code == "vault_integrity_error"


@pytest.mark.parametrize(
    ("team_id", "member_id", "kek_id"),
    [("team-2", "m1", "kek-v1-00000001"), (TEAM, "m2", "kek-v1-00000001"), (TEAM, "m1", "kek-v2-00000002")],
    ids=["other-team", "other-member", "other-key"],
)
def test_a_wrap_moved_to_another_team_member_or_key_fails(team_id: str, member_id: str, kek_id: str) -> None:
    kek = Kek.generate("kek-v1-00000001")
    alice = MemberKeyPair.generate()
    wrapped = _wrap(kek, alice)
    with pytest.raises(SocialdeskError) as caught:
        unwrap_for_member(wrapped, keys=alice, team_id=team_id, member_id=member_id, kek_id=kek_id)
    assert caught.value.code == "vault_integrity_error"


def test_every_flipped_byte_and_every_wrong_length_fails_cleanly() -> None:
    kek = Kek.generate("kek-v1-00000001")
    alice = MemberKeyPair.generate()
    wrapped = _wrap(kek, alice)
    for index in range(len(wrapped)):
        damaged = bytearray(wrapped)
        damaged[index] ^= 0x01
        with pytest.raises(SocialdeskError) as caught:
            unwrap_for_member(bytes(damaged), keys=alice, team_id=TEAM, member_id="m1", kek_id=kek.kek_id)
        assert caught.value.code == "vault_integrity_error"
        assert damaged.hex() not in str(caught.value)
    for bad in (wrapped[:-1], wrapped + b"\0", b""):
        with pytest.raises(SocialdeskError):
            unwrap_for_member(bad, keys=alice, team_id=TEAM, member_id="m1", kek_id=kek.kek_id)


def test_each_wrap_uses_a_fresh_ephemeral_key_and_nonce() -> None:
    kek = Kek.generate("kek-v1-00000001")
    alice = MemberKeyPair.generate()
    wraps = {_wrap(kek, alice) for _ in range(200)}
    assert len(wraps) == 200
    assert len({w[:32] for w in wraps}) == 200
    raw_kek = kek.to_secret().reveal()
    assert all(raw_kek.encode() not in w for w in wraps)


def test_a_member_key_round_trips_through_its_keychain_form_and_never_prints() -> None:
    keys = MemberKeyPair.generate()
    secret = keys.to_secret()
    again = MemberKeyPair.from_secret(secret.reveal())
    assert again.public_key == keys.public_key
    assert secret.reveal() not in repr(keys)
    with pytest.raises(TypeError):
        pickle.dumps(keys)
    with pytest.raises(SocialdeskError):
        MemberKeyPair.from_secret("not base64!")


def test_fingerprints_bind_team_member_and_key_and_accept_what_people_type() -> None:
    keys = MemberKeyPair.generate()
    mine = fingerprint(TEAM, "m1", keys.public_key)
    assert len(mine.split("-")) == 8
    assert all(len(group) == 4 for group in mine.split("-"))
    assert fingerprint("team-2", "m1", keys.public_key) != mine
    assert fingerprint(TEAM, "m2", keys.public_key) != mine
    assert fingerprint(TEAM, "m1", MemberKeyPair.generate().public_key) != mine
    typed = mine.lower().replace("-", " ")
    assert normalize_fingerprint(typed) == mine
    assert fingerprints_match(mine, typed)
    assert not fingerprints_match(mine, mine[:-1] + ("0" if mine[-1] != "0" else "1"))
    assert not fingerprints_match(mine, mine[:20])
