"""Setting up the user's own Instagram app: the offline checks, and saving it.

What can be checked without Meta is checked here, the same way for the window's guided pane and
``socialdesk app set``: the App ID is digits, the redirect URI is https on this computer's loopback
with a fixed port, and that port is free right now. Meta's own checks (that the ID is the
*Instagram* App ID, that the URI is registered exactly) happen only when connecting.
"""

from __future__ import annotations

import logging
import socket
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

import keyring
from keyring.backend import KeyringBackend

from desktop.core.app_secret import load_app_secret, save_app_secret
from desktop.core.errors import SocialdeskError
from desktop.core.i18n import N_, Detail
from desktop.core.oauth.redirect_uri import RedirectUri
from desktop.core.secrets import SecretStr
from desktop.core.settings import Paths, Settings, save_settings
from desktop.core.vault.keychain import KeychainStore, choose_backend

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    ok: bool
    #: What is wrong and how to fix it, or what was confirmed: English, translated where shown
    #: (:func:`desktop.core.i18n.translated`).
    message: str


def check_app_id(app_id: str) -> Check:
    text = app_id.strip()
    if not text:
        return Check("app_id", False, N_("Enter the Instagram App ID (digits only)."))
    if not text.isdigit():
        return Check(
            "app_id", False, N_("The Instagram App ID is digits only; copy it from Meta's dashboard.")
        )
    return Check("app_id", True, N_("The App ID is digits."))


def check_redirect_uri(uri: str, *, current_port_in_use: bool = False) -> list[Check]:
    """The redirect URI's checks, in the order the pane shows them."""
    text = uri.strip()
    try:
        redirect = RedirectUri.parse(text)
    except SocialdeskError as error:
        problem = error.detail if isinstance(error.detail, Detail) else Detail(error.detail)
        return [Check("redirect_uri", False, Detail(N_("Not a usable address: {problem}."), problem=problem))]
    checks = [
        Check(
            "https",
            redirect.scheme == "https",
            N_("Uses https, as Instagram Login requires.")
            if redirect.scheme == "https"
            else N_("Instagram Login takes only https redirect URIs, localhost included: use https://."),
        ),
        Check(
            "loopback",
            redirect.is_loopback,
            N_("Points at this computer.")
            if redirect.is_loopback
            else N_("Use localhost, 127.0.0.1 or [::1] so the answer comes back to Socialdesk."),
        ),
    ]
    explicit = urlsplit(text).port is not None
    fixed = explicit and 1024 < redirect.port <= 65535
    checks.append(
        Check(
            "fixed_port",
            fixed,
            Detail(N_("Fixed port {port}."), port=redirect.port)
            if fixed
            else N_("Give a fixed port above 1024, such as :8765 (Meta matches the port exactly)."),
        )
    )
    if fixed and redirect.is_loopback:
        free = current_port_in_use or port_is_free(redirect.port)
        checks.append(
            Check(
                "port_free",
                free,
                Detail(N_("Port {port} is free right now."), port=redirect.port)
                if free
                else Detail(
                    N_("Port {port} is in use by another program: close it or choose another port."),
                    port=redirect.port,
                ),
            )
        )
    return checks


def port_is_free(port: int) -> bool:
    """Whether the loopback listener could bind ``port`` on 127.0.0.1 at this moment."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def all_checks(app_id: str, redirect_uri: str) -> list[Check]:
    return [check_app_id(app_id), *check_redirect_uri(redirect_uri)]


def save_instagram_app(
    paths: Paths,
    settings: Settings,
    backend: KeyringBackend | None,
    allow: tuple[type | str, ...],
    *,
    app_id: str,
    redirect_uri: str,
    app_secret: SecretStr,
) -> Settings:
    """App ID and redirect URI to the settings file, the App Secret to the keychain; the new settings.

    Refuses what cannot work at all (an App ID that is not digits, an address that is not one, an
    empty secret, no keychain); an http or non-loopback URI is the user's choice and is kept.
    """
    app_id = app_id.strip()
    redirect_uri = redirect_uri.strip()
    if not check_app_id(app_id).ok:
        raise SocialdeskError("app_misconfigured", N_("the Instagram App ID is a number"))
    RedirectUri.parse(redirect_uri)
    if not app_secret.reveal().strip():
        raise SocialdeskError("app_misconfigured", N_("the App Secret is empty"))
    choice = choose_backend(backend if backend is not None else keyring.get_keyring(), allow)
    if choice.backend is None:
        raise SocialdeskError("keychain_unavailable", N_("the App Secret is only ever kept in the keychain"))
    save_app_secret(KeychainStore(choice.backend), app_id, SecretStr(app_secret.reveal().strip()))
    updated = replace(settings, instagram_app_id=app_id, redirect_uri=redirect_uri)
    save_settings(paths, updated)
    log.info("Instagram app settings saved for app %s", app_id)
    return updated


def secret_stored(backend: KeyringBackend | None, allow: tuple[type | str, ...], app_id: str) -> bool | None:
    """Whether the keychain holds the App Secret (None when the keychain cannot be asked)."""
    choice = choose_backend(backend if backend is not None else keyring.get_keyring(), allow)
    if choice.backend is None or not app_id:
        return None if choice.backend is None else False
    try:
        return load_app_secret(KeychainStore(choice.backend), app_id) is not None
    except SocialdeskError:
        return None
