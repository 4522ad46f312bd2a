"""The first paint loads only what it shows: the list's model and rows, the jobs and their result
types, the services and their libraries load after it (on a worker, or when first used)."""

from __future__ import annotations

from pathlib import Path

from tests.support.child_report import child_report

CHILD = Path(__file__).resolve().parent / "first_paint_child.py"

#: Nothing in the first frame needs these; each costs start-up time (a dataclass or enum to build,
#: a library to load) that the first paint would otherwise wait for.
AFTER_FIRST_PAINT = (
    "desktop.core.views",
    "desktop.core.vault.status",
    "desktop.core.services",
    "desktop.ui.integrations.card_jobs",
    "desktop.ui.integrations.connections_model",
    "desktop.ui.integrations.connections_loader",
    "desktop.ui.integrations.connections_view",
    "desktop.ui.integrations.connection_text",
    "desktop.ui.integrations.facebook_app_settings",
    "desktop.ui.pages.security",
    "httpx",
    "sqlalchemy",
    "cryptography",
    "keyring",
)


def test_the_first_paint_waits_for_nothing_it_does_not_show(tmp_path: Path) -> None:
    report = child_report(
        str(CHILD),
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
        SOCIALDESK_BASE_DIR=str(tmp_path),
    )
    loaded = set(report)
    assert "desktop.ui.integrations.instagram_card" in loaded  # the child did reach the window
    assert not [name for name in AFTER_FIRST_PAINT if name in loaded]
