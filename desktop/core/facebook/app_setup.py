"""Saving the Facebook app (Facebook Login): App ID to the settings file, App Secret to the keychain only."""

from __future__ import annotations

import logging
from dataclasses import replace

import keyring
from keyring.backend import KeyringBackend

from desktop.core.app_secret import FACEBOOK_SERVICE, save_app_secret
from desktop.core.errors import SocialdeskError
from desktop.core.i18n import N_
from desktop.core.secrets import SecretStr
from desktop.core.settings import Paths, Settings, save_settings
from desktop.core.vault.keychain import KeychainStore, choose_backend

log = logging.getLogger(__name__)


def save_facebook_app(
    paths: Paths,
    settings: Settings,
    backend: KeyringBackend | None,
    allow: tuple[type | str, ...],
    *,
    app_id: str,
    app_secret: SecretStr,
) -> Settings:
    """Refuses an App ID that is not digits, an empty secret or a missing keychain; the new settings."""
    app_id = app_id.strip()
    if not app_id.isdigit():
        raise SocialdeskError("app_misconfigured", N_("the Facebook App ID is digits only"))
    secret = app_secret.reveal().strip()
    if not secret:
        raise SocialdeskError("app_misconfigured", N_("the App Secret is empty"))
    choice = choose_backend(backend if backend is not None else keyring.get_keyring(), allow)
    if choice.backend is None:
        raise SocialdeskError("keychain_unavailable", N_("the App Secret is only ever kept in the keychain"))
    save_app_secret(KeychainStore(choice.backend), app_id, SecretStr(secret), service=FACEBOOK_SERVICE)
    updated = replace(settings, facebook_app_id=app_id)
    save_settings(paths, updated)
    log.info("Facebook app settings saved for app %s", app_id)
    return updated
