"""The catalogue carries the help article's four errors word for word."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from desktop.core.errors import CATALOGUE, SEED_CODES, SocialdeskError, lookup
from desktop.core.resources import resource_path

HELP_ARTICLE = resource_path("help", "connecting-instagram.txt")
SHARED_SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "connecting-instagram.txt"
_ROW = re.compile(r'^"(?P<message>[^"]+)" \((?P<code>[a-z_]+)\)(?P<explanation>.+)$')


def _article_rows(text: str) -> list[tuple[str, str, str]]:
    rows = []
    for line in text.splitlines():
        match = _ROW.match(line)
        if match:
            rows.append((match["code"], match["message"], match["explanation"]))
    return rows


def test_article_table_matches_catalogue_character_for_character() -> None:
    rows = _article_rows(HELP_ARTICLE.read_text(encoding="utf-8"))
    assert [code for code, _, _ in rows] == list(SEED_CODES)
    for code, message, explanation in rows:
        assert CATALOGUE[code].message == message
        assert CATALOGUE[code].explanation == explanation


def test_seed_messages_verbatim() -> None:
    assert CATALOGUE["instagram_no_business_account"].message == (
        "Connecting Instagram requires a Business or Creator account."
    )
    assert CATALOGUE["scope_rejected"].message == "Facebook didn't grant the permissions we need to publish."
    assert CATALOGUE["state_expired"].message == "The connection link expired."
    assert CATALOGUE["network_error"].message == "Network error reaching Facebook."


@pytest.mark.skipif(not SHARED_SEED.exists(), reason="the shared seed is not beside this checkout")
def test_shipped_help_article_is_the_seed() -> None:
    assert HELP_ARTICLE.read_bytes() == SHARED_SEED.read_bytes()


def test_every_entry_is_complete() -> None:
    for code, info in CATALOGUE.items():
        assert info.code == code
        assert info.message.strip() and info.meaning.strip() and info.action.strip(), code
        assert info.message.endswith(".") and info.action.endswith("."), code


def test_error_carries_code_message_and_detail() -> None:
    error = SocialdeskError("scope_rejected", "missing: instagram_business_content_publish")
    assert error.code == "scope_rejected"
    assert str(error) == (
        "scope_rejected: Facebook didn't grant the permissions we need to publish. "
        "(missing: instagram_business_content_publish)"
    )
    clone = pickle.loads(pickle.dumps(error))
    assert (clone.code, clone.detail) == (error.code, error.detail)


def test_unknown_code_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        SocialdeskError("no_such_code")
    assert lookup("no_such_code").code == "internal_error"
