"""The Instagram App Secret of a "bring your own app" set-up, kept in the OS keychain only.

Meta says an app secret must not ship inside an app binary or sit in a file, so it is entered once
and stored as a keychain entry named after the App ID. Keychain calls are bounded by a timeout.
"""

from __future__ import annotations

from desktop import APP_ID
from desktop.core.secrets import SecretStr
from desktop.core.vault.keychain import KeyStore

SERVICE = f"{APP_ID}.instagram-app-secret"


def load_app_secret(store: KeyStore, app_id: str) -> SecretStr | None:
    if not app_id:
        return None
    return store.get(SERVICE, app_id)


def save_app_secret(store: KeyStore, app_id: str, secret: SecretStr) -> None:
    """Replace the stored secret (a new one from Meta's dashboard supersedes the old)."""
    store.delete(SERVICE, app_id)
    store.put_new(SERVICE, app_id, secret)
