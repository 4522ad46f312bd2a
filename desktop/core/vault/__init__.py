"""The token vault: tokens envelope-encrypted under a key-encryption key kept in the OS keychain.

See ``docs/vault.md`` for the key hierarchy, the record layout and the modes.
"""
