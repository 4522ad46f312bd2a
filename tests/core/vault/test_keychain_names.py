"""Keychain backends are named as people know them, the same way wherever they are named."""

from __future__ import annotations

from desktop.core.vault.keychain import PERSISTENT_BACKENDS
from desktop.core.vault.keychain_names import keychain_display_name


def test_every_secure_backend_has_a_known_name() -> None:
    for class_path in PERSISTENT_BACKENDS:
        name = keychain_display_name(class_path)
        assert name and "keyring.backends" not in name, class_path
    assert keychain_display_name("keyring.backends.SecretService.Keyring").startswith("Secret Service")


def test_other_backends_by_their_class_and_none_as_empty() -> None:
    assert keychain_display_name("tests.support.keyrings.MemoryKeyring") == "MemoryKeyring"
    assert keychain_display_name("none") == ""
    assert keychain_display_name("") == ""
