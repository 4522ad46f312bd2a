"""Store tests share the vault tests' storage fixtures (connections need a vault to seal tokens)."""

from tests.core.vault.conftest import clock, keychain, make_storage, paths, storage

__all__ = ["clock", "keychain", "make_storage", "paths", "storage"]
