"""The Instagram API with Instagram Login: endpoints, client, response parsing and error mapping."""

from desktop.core.instagram.client import PROFILE_FIELDS, InstagramClient
from desktop.core.instagram.endpoints import Endpoints
from desktop.core.instagram.errors import InstagramError
from desktop.core.instagram.models import LongLivedToken, Profile, ShortLivedToken
from desktop.core.instagram.scopes import KNOWN_SCOPES, REQUIRED_SCOPES

__all__ = [
    "KNOWN_SCOPES",
    "PROFILE_FIELDS",
    "REQUIRED_SCOPES",
    "Endpoints",
    "InstagramClient",
    "InstagramError",
    "LongLivedToken",
    "Profile",
    "ShortLivedToken",
]
