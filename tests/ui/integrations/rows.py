"""Made-up connections for the model and view tests: summaries and views that agree."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from desktop.core.views import STATUS_ACTIVE, ConnectionSummary, ConnectionView

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
WORKSPACE = 1


def view(
    index: int,
    username: str = "",
    *,
    status: str = STATUS_ACTIVE,
    days: int = 59,
    account_type: str = "BUSINESS",
    reason: str = "",
    picture: str = "",
) -> ConnectionView:
    return ConnectionView(
        workspace_id=WORKSPACE,
        workspace_name="Acme",
        ig_user_id=str(17841400008460000 + index),
        username=username or f"account_{index:05d}",
        account_type=account_type,
        scopes=("instagram_business_basic", "instagram_business_content_publish"),
        consented_at=NOW - timedelta(days=1),
        expires_at=NOW + timedelta(days=days, hours=1),
        status=status,
        status_reason=reason,
        profile_picture_url=picture,
    )


def summary(v: ConnectionView, version: int = 0) -> ConnectionSummary:
    return ConnectionSummary(
        v.ig_user_id,
        v.username,
        v.account_type,
        v.status,
        _stamp(v.expires_at) if v.expires_at else None,
        _stamp(NOW + timedelta(seconds=version)),
    )


def _stamp(moment: datetime) -> str:
    """As SQLite holds it: naive UTC text."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")


class Store:
    """Stands in for the database worker: answers the model's page requests from a dict, and
    records them. (The card's real worker path runs in the window tests.)"""

    def __init__(self, views: list[ConnectionView]) -> None:
        self.views = {v.ig_user_id: v for v in views}
        self.versions = dict.fromkeys(self.views, 0)
        self.requests: list[list[str]] = []

    def summaries(self) -> list[ConnectionSummary]:
        return [summary(v, self.versions[k]) for k, v in self.views.items()]

    def change(self, ig_user_id: str, **changes: object) -> None:
        self.views[ig_user_id] = replace(self.views[ig_user_id], **changes)  # type: ignore[arg-type]
        self.versions[ig_user_id] += 1
