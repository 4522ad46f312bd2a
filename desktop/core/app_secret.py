"""The Instagram App Secret of a "bring your own app" set-up, kept in the OS keychain only.

Meta says an app secret must not ship inside an app binary or sit in a file, so it is entered once
and stored as a keychain entry named after the App ID. Keychain calls are bounded by a timeout.
"""

from __future__ import annotations

from desktop import APP_ID
from desktop.core.secrets import SecretStr
from desktop.core.vault.keychain import KeyStore

SERVICE = f"{APP_ID}.instagram-app-secret"
#: The Facebook app's secret (Facebook Login), under its own App ID.
FACEBOOK_SERVICE = f"{APP_ID}.facebook-app-secret"


def load_app_secret(store: KeyStore, app_id: str, *, service: str = SERVICE) -> SecretStr | None:
    if not app_id:
        return None
    return store.get(service, app_id)


def save_app_secret(store: KeyStore, app_id: str, secret: SecretStr, *, service: str = SERVICE) -> None:
    """Replace the stored secret (a new one from Meta's dashboard supersedes the old)."""
    store.delete(service, app_id)
    store.put_new(service, app_id, secret)
