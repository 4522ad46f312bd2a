"""One readable name for a keychain backend, used by every page that names it (About, Security).

The vault records the backend by its class path (``keyring.backends.SecretService.Keyring``); people
know it as GNOME Keyring or KWallet.
"""

from __future__ import annotations

#: Class path → the name people know it by (proper names, not translated).
_KNOWN = {
    "keyring.backends.SecretService.Keyring": "Secret Service (GNOME Keyring or KWallet)",
    "keyring.backends.libsecret.Keyring": "Secret Service (libsecret)",
    "keyring.backends.kwallet.DBusKeyring": "KWallet",
    "keyring.backends.kwallet.DBusKeyringKWallet4": "KWallet 4",
    "keyring.backends.macOS.Keyring": "macOS Keychain",
    "keyring.backends.Windows.WinVaultKeyring": "Windows Credential Locker",
}


def keychain_display_name(class_path: str) -> str:
    """The backend's readable name; "" when there is none (session-only)."""
    if not class_path or class_path == "none":
        return ""
    return _KNOWN.get(class_path, class_path.rsplit(".", 1)[-1])
