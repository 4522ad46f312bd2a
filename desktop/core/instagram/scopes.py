"""The permission names of Instagram API with Instagram Login.

Only the ``instagram_business_*`` names work: the old ``business_*`` names stopped working on
2025-01-27 and the Facebook Login names make the dialog fail with "Invalid Scopes".
"""

from __future__ import annotations

BASIC = "instagram_business_basic"
CONTENT_PUBLISH = "instagram_business_content_publish"
MANAGE_INSIGHTS = "instagram_business_manage_insights"
MANAGE_COMMENTS = "instagram_business_manage_comments"
MANAGE_MESSAGES = "instagram_business_manage_messages"

#: Every scope the consent dialog accepts, in the order it lists them.
KNOWN_SCOPES: tuple[str, ...] = (BASIC, CONTENT_PUBLISH, MANAGE_INSIGHTS, MANAGE_COMMENTS, MANAGE_MESSAGES)

#: What the help article promises: "read insights and publish" (basic is always required).
REQUIRED_SCOPES: tuple[str, ...] = (BASIC, CONTENT_PUBLISH, MANAGE_INSIGHTS)

#: The account types that can use the API; compare upper-cased.
PROFESSIONAL_ACCOUNT_TYPES: frozenset[str] = frozenset({"BUSINESS", "MEDIA_CREATOR"})
