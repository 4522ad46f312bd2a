"""Key material leaves memory with its owner: the redaction registry keeps no key or token."""

from __future__ import annotations

import base64
import gc
import types
from collections.abc import Callable, Iterator

from desktop.core import redaction
from desktop.core.redaction import MASK, redact
from desktop.core.secrets import SecretStr
from desktop.core.vault.bootstrap import Storage
from tests.core.vault.helpers import Keychain, add_connection, all_tokens, token_for
from tests.support.memory_keyring import MemoryKeyring


def _registry_contents() -> Iterator[object]:
    """Every str and bytes the redaction module's state can reach (not its code or patterns)."""
    seen: set[int] = set()
    stack: list[object] = [
        value
        for name, value in vars(redaction).items()
        if not name.startswith("__")
        and not isinstance(value, types.ModuleType | types.FunctionType | type)
        and not hasattr(value, "pattern")
    ]
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, str | bytes):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            stack.extend(item)


def _reachable(values: set[str]) -> set[str]:
    forms: dict[str, set[str | bytes]] = {}
    for value in values:
        forms[value] = {value, value.encode()}
        if len(value) == 44:  # a KEK's keychain form: the raw 32 bytes count too
            forms[value].add(base64.b64decode(value))
    found: set[str] = set()
    for item in _registry_contents():
        for value, encodings in forms.items():
            for form in encodings:
                if isinstance(item, type(form)) and form in item:  # type: ignore[operator]
                    found.add(value)
    return found


def test_no_key_or_token_is_reachable_from_the_registry_after_rotations_reset_and_close(
    make_storage: Callable[..., Storage], memory_keyring: MemoryKeyring
) -> None:
    storage = make_storage(Keychain(memory_keyring, (MemoryKeyring,), "memory"))
    for name in ("alice", "bob"):
        add_connection(storage, name)
    assert set(all_tokens(storage).values()) == {token_for("alice"), token_for("bob")}
    keys: set[str] = set(memory_keyring.items().values())
    for _ in range(3):
        storage.vault.rotate()
        keys |= set(memory_keyring.items().values())
    storage.vault.reset()
    keys |= set(memory_keyring.items().values())
    storage.close()
    gc.collect()

    assert len(keys) == 5, "the first key, three rotated in, one after the reset"
    assert _reachable(keys) == set()
    assert _reachable({token_for("alice"), token_for("bob")}) == set()


def test_a_live_secret_is_masked_and_its_value_is_not_kept() -> None:
    value = "live-secret-value-0123456789"
    secret = SecretStr(value)
    assert redact(f"sent {value}.") == f"sent {MASK}."
    assert redact(f"inside x{value}y") == f"inside x{MASK}y"
    assert _reachable({value}) == set()
    del secret


def test_the_registry_does_not_grow_without_bound() -> None:
    gc.collect()
    live_before, _ = redaction.registry_size()
    for index in range(5_000):
        SecretStr(f"IGAAshortlived{index:06d}abcdefghijklmnop")
    gc.collect()
    live_after, released = redaction.registry_size()
    assert live_after == live_before
    assert released <= redaction.RECENTLY_RELEASED_LIMIT
    # The most recently released are still masked, in case a message made from one is logged late.
    assert MASK in redact("late IGAAshortlived004999abcdefghijklmnop")


def test_a_value_wrapped_twice_stays_masked_until_both_owners_are_gone() -> None:
    value = "twice-wrapped-value-abcdef"
    first = SecretStr(value)
    second = SecretStr(value)
    del first
    gc.collect()
    live = redaction.registry_size()[0]
    assert redact(value) == MASK
    del second
    gc.collect()
    assert redaction.registry_size()[0] == live - 1
