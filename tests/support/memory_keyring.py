"""The tests' in-memory keychain, so no test touches a developer's real keychain."""

from __future__ import annotations

from desktop.core.vault.scratch_keyring import ScratchKeyring


class MemoryKeyring(ScratchKeyring):
    """Handed to the code under test explicitly; keyring never selects it by itself."""
