"""The permission names of the Instagram API with Facebook Login.

These are the Facebook Login names (``instagram_basic``…); Instagram Login's ``instagram_business_*``
names are a different product and are never sent to the Facebook dialog.
"""

from __future__ import annotations

INSTAGRAM_BASIC = "instagram_basic"
CONTENT_PUBLISH = "instagram_content_publish"
MANAGE_INSIGHTS = "instagram_manage_insights"
PAGES_SHOW_LIST = "pages_show_list"
PAGES_READ_ENGAGEMENT = "pages_read_engagement"
BUSINESS_MANAGEMENT = "business_management"

#: Every scope the sandbox's Facebook dialog accepts, in the order it lists them.
KNOWN_SCOPES: tuple[str, ...] = (
    INSTAGRAM_BASIC,
    CONTENT_PUBLISH,
    MANAGE_INSIGHTS,
    PAGES_SHOW_LIST,
    PAGES_READ_ENGAGEMENT,
    BUSINESS_MANAGEMENT,
)

#: What a connection on this path needs: publish and read insights, and see the Pages.
REQUIRED_SCOPES: tuple[str, ...] = (
    INSTAGRAM_BASIC,
    CONTENT_PUBLISH,
    MANAGE_INSIGHTS,
    PAGES_SHOW_LIST,
    PAGES_READ_ENGAGEMENT,
)

#: Asked for as well; only needed for Pages held through a business portfolio, so not required.
REQUESTED_SCOPES: tuple[str, ...] = (*REQUIRED_SCOPES, BUSINESS_MANAGEMENT)
