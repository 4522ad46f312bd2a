"""A BROWSER for scripts and tests: ``BROWSER="python tests/support/fill_consent.py"``.

Fills the sandbox consent form like a person would. ``CONSENT_ACCOUNT`` picks the account,
``CONSENT_ACTION`` allow or deny, ``CONSENT_UNTICK`` a comma-separated list of scopes to untick,
``CONSENT_UNTICK_PAGES`` one of Page ids (the Facebook dialog). On the Facebook dialog the account
is a test person, such as ``maria.agency``.
``CONSENT_FILE`` names a JSON file with the same keys (``account``, ``action``, ``untick``), read
at each call, so a test can change what the next "browser" does while one app keeps running.
It trusts the local CA of the data folder in ``SOCIALDESK_BASE_DIR``, as a browser would once the
user has trusted it (``CONSENT_CA`` names another PEM file).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.support.consent import ConsentBot


def _trusted_ca() -> str | None:
    named = os.environ.get("CONSENT_CA")
    if named:
        return Path(named).read_text(encoding="ascii")
    base = os.environ.get("SOCIALDESK_BASE_DIR")
    if base:
        pem = Path(base) / "data" / "tls" / "local-ca.pem"
        if pem.exists():
            return pem.read_text(encoding="ascii")
    return None


def main(argv: list[str]) -> int:
    choice: dict[str, object] = {}
    control = os.environ.get("CONSENT_FILE", "")
    if control and Path(control).exists():
        choice = json.loads(Path(control).read_text(encoding="utf-8"))
    bot = ConsentBot(
        account=str(choice.get("account", os.environ.get("CONSENT_ACCOUNT", "acme_business"))),
        action=str(choice.get("action", os.environ.get("CONSENT_ACTION", "allow"))),
        untick=tuple(
            str(s)
            for s in choice.get("untick", os.environ.get("CONSENT_UNTICK", "").split(","))  # type: ignore[attr-defined]
            if s
        ),
        untick_pages=tuple(s for s in os.environ.get("CONSENT_UNTICK_PAGES", "").split(",") if s),
        ca_pem=_trusted_ca(),
    )
    outcome = bot.open(argv[1])
    return 0 if outcome.consent_status in (302, 303) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
