"""Vault encrypt + decrypt of one token (envelope: new data key, wrap, seal, unwrap, open) against one
bare AES-256-GCM encrypt + decrypt of the same bytes."""

from __future__ import annotations

import os
import time
import uuid

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop.core.secrets import SecretStr
from desktop.core.vault import envelope
from desktop.core.vault.envelope import Kek, RecordIdentity
from tests.benchmarks.common import Result, median

TOKEN = "IGAA" + "b" * 180


def _per_call_us(fn: object, count: int) -> float:
    assert callable(fn)
    start = time.perf_counter()
    for _ in range(count):
        fn()
    return (time.perf_counter() - start) / count * 1e6


def run(quick: bool) -> list[Result]:
    count = 500 if quick else 5000
    kek = Kek.generate("kek-v1-bench000")
    identity = RecordIdentity(
        record_uuid=str(uuid.uuid4()),
        workspace_id=1,
        ig_user_id="17841400008460001",
        kind="long_lived",
        format_version=envelope.FORMAT_VERSION,
    )
    token = SecretStr(TOKEN)

    def vault_round_trip() -> None:
        sealed = envelope.seal(kek, identity, token)
        envelope.open_envelope(kek, identity, sealed)

    key = AESGCM(os.urandom(32))
    data, aad = TOKEN.encode(), b"bench"

    def bare_round_trip() -> None:
        nonce = os.urandom(12)
        key.decrypt(nonce, key.encrypt(nonce, data, aad), aad)

    vault_round_trip()
    bare_round_trip()
    vault = median([_per_call_us(vault_round_trip, count) for _ in range(5)])
    bare = median([_per_call_us(bare_round_trip, count) for _ in range(5)])
    return [
        Result(
            "vault encrypt + decrypt per token",
            vault,
            bare,
            "µs",
            "ratio",
            None,
            "one bare AES-GCM encrypt + decrypt",
            note="two AES-GCM layers (data key wrap + payload) and a fresh key per write",
        )
    ]
