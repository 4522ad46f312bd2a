"""Where Meta's App Dashboard names each value (shown by the guided pane, the CLI and the README).

Plain words with no imports, so the window's app form can show them before the services (and the
keychain modules :mod:`desktop.core.app_setup` needs) have loaded.
"""

from __future__ import annotations

META_PRODUCT = "Instagram API with Instagram login"
META_REDIRECT_FIELD = "Business login settings → OAuth redirect URIs"
META_ID_FIELD = "Instagram app ID and Instagram app secret (App Dashboard → Instagram → API setup)"
