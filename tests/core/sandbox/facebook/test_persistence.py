"""The Facebook half's memory: written through to its SQLite file, kept across restarts, and a
``facebook.json`` of earlier versions migrated."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.clock import ManualClock
from desktop.core.facebook.client import FacebookClient
from desktop.core.instagram.http import new_http_client
from desktop.core.sandbox.facebook.state import STATE_DB_NAME, STATE_FILE_NAME, saved_state
from desktop.core.sandbox.state import fingerprint
from desktop.core.secrets import SecretStr
from tests.core.facebook.helpers import REDIRECT_URI, answer_dialog, code_from, running_facebook
from tests.core.sandbox.facebook.test_dialog import dialog_url


def test_tokens_and_spent_codes_survive_a_restart(tmp_path: Path) -> None:
    clock = ManualClock()
    with running_facebook(tmp_path, clock) as first:
        code = code_from(answer_dialog(dialog_url(first)))
        with new_http_client() as http:
            client = FacebookClient(http, first.endpoints(), first.client_id, first.client_secret)
            token = client.exchange_code(SecretStr(code), REDIRECT_URI).access_token
    assert fingerprint(token.reveal()) in saved_state(tmp_path)["tokens"]

    with running_facebook(tmp_path, clock) as second, new_http_client() as http:
        assert second.client_id == first.client_id
        client = FacebookClient(http, second.endpoints(), second.client_id, second.client_secret)
        assert client.pages(token)  # the token still works
        assert second.provider.token_status(token.reveal())["status"] == "active"
        reuse = http.post(
            f"{second.base_url}/v25.0/oauth/access_token",
            data={
                "client_id": second.client_id,
                "client_secret": second.client_secret.reveal(),
                "redirect_uri": REDIRECT_URI,
                "code": code,
            },
        )
        assert reuse.status_code == 400  # the code stays spent


def test_a_facebook_json_from_before_is_migrated(tmp_path: Path) -> None:
    token = "EAASBX" + "legacy" * 8
    legacy = {
        "version": 1,
        "client_id": "123456789012345",
        "secret_sha256": fingerprint("old-secret"),
        "redirect_uris": [REDIRECT_URI],
        "codes": {},
        "tokens": {
            fingerprint(token): {
                "kind": "user_long",
                "user_id": "10158000000000001",
                "issued_at": "2026-03-01T12:00:00+00:00",
                "expires_at": None,
                "page_id": None,
                "revoked_at": None,
            }
        },
        "grants": {},
    }
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / STATE_FILE_NAME).write_text(json.dumps(legacy), encoding="utf-8")

    with running_facebook(tmp_path, ManualClock()) as sandbox:
        assert sandbox.client_id == "123456789012345"
        assert sandbox.provider.token_status(token)["kind"] == "user_long"

    assert (tmp_path / STATE_DB_NAME).exists()
    assert not (tmp_path / STATE_FILE_NAME).exists()
    assert (tmp_path / (STATE_FILE_NAME + ".migrated")).exists()
    assert saved_state(tmp_path)["client_id"] == "123456789012345"
