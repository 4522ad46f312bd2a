"""The Graph objects the sandbox Facebook answers with: Instagram accounts, Pages, and the error for
an object that cannot be reached."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop.core.sandbox.facebook import people
from desktop.core.sandbox.replies import Reply, graph_error


def ig_json(account: people.IgAccount, fields: Mapping[str, Any], picture: str) -> dict[str, Any]:
    values: dict[str, Any] = {
        "id": account.ig_user_id,
        "username": account.username,
        "name": account.name,
        "profile_picture_url": picture,
        "followers_count": account.followers_count,
        "media_count": account.media_count,
    }
    result = {name: values[name] for name in fields if name in values}
    result["id"] = account.ig_user_id
    return result


def person_pages(user_id: str) -> tuple[people.Page, ...]:
    person = people.person_by_id(user_id)
    return person.all_pages if person else ()


def page_by_id(page_id: str) -> people.Page | None:
    for person in people.PEOPLE:
        for page in person.all_pages:
            if page.page_id == page_id:
                return page
    return None


def no_object(object_id: str) -> Reply:
    return graph_error(
        400,
        100,
        f"Unsupported get request. Object with ID '{object_id}' does not exist, cannot be loaded due to missing "
        "permissions, or does not support this operation.",
        subcode=33,
        error_type="GraphMethodException",
    )
