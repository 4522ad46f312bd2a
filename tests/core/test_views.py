from __future__ import annotations

import json
from datetime import UTC, datetime

from desktop.core.views import STATUS_NEEDS_RECONNECT, ConnectionView


def test_the_json_of_a_connection_says_why_it_needs_attention() -> None:
    view = ConnectionView(
        workspace_id=1,
        workspace_name="Acme",
        ig_user_id="1784",
        username="acme_business",
        account_type="BUSINESS",
        scopes=("instagram_business_basic",),
        consented_at=datetime(2026, 12, 1, tzinfo=UTC),
        expires_at=None,
        status=STATUS_NEEDS_RECONNECT,
        status_reason="checkpoint_required",
    )
    row = json.loads(json.dumps(view.as_json()))
    assert (row["status"], row["status_reason"]) == (STATUS_NEEDS_RECONNECT, "checkpoint_required")
