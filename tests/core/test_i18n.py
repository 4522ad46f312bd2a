"""The core's words translate without Qt: gettext catalogues, the pseudo-locale, the seed kept exact."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.core import i18n
from desktop.core.errors import CATALOGUE, SEED_CODES
from desktop.core.views import SCOPE_WORDS, scope_in_words

SEED_MESSAGES = {
    "instagram_no_business_account": "Connecting Instagram requires a Business or Creator account.",
    "scope_rejected": "Facebook didn't grant the permissions we need to publish.",
    "state_expired": "The connection link expired.",
    "network_error": "Network error reaching Facebook.",
}


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    i18n.set_language("en")


def test_the_seed_messages_stay_byte_exact_in_english() -> None:
    i18n.set_language("en")
    for code in SEED_CODES:
        assert CATALOGUE[code].message == SEED_MESSAGES[code]
        assert i18n._(CATALOGUE[code].message) == SEED_MESSAGES[code]


def test_german_comes_from_the_compiled_catalogue() -> None:
    i18n.set_language("de")
    assert i18n.language() == "de"
    assert i18n._(SEED_MESSAGES["state_expired"]) == "Der Verbindungslink ist abgelaufen."
    assert scope_in_words("instagram_business_content_publish") == "Beiträge veröffentlichen"


@pytest.mark.parametrize("variable", ["LANGUAGE", "LC_ALL", "LANG"])
def test_the_environment_chooses_the_language(monkeypatch: pytest.MonkeyPatch, variable: str) -> None:
    for name in (i18n.LANGUAGE_ENV, "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    i18n.set_language(None)
    monkeypatch.setenv(variable, "de_DE.UTF-8")
    assert i18n.language() == "de"
    monkeypatch.setenv(variable, "fr_FR.UTF-8")  # no French: English, never a mix
    i18n.set_language(None)
    assert i18n.language() == "en"


def test_the_pseudo_locale_accents_pads_and_keeps_placeholders() -> None:
    text = "Connected @{username} to {workspace} (%s)."
    shown = i18n.pseudo(text)
    assert "{username}" in shown and "{workspace}" in shown and "%s" in shown
    assert shown.startswith("⟦") and shown.endswith("⟧")
    assert len(shown) >= len(text) * 1.4
    assert "ç" in shown or "é" in shown


def test_the_pseudo_locale_lengthens_a_sentence_in_words_a_line_can_break_between() -> None:
    """A real language is longer in words, not by one endless word that no line can wrap."""
    sentence = "Before Instagram's page, your browser will warn that the connection is not private. " * 3
    shown = i18n.pseudo(sentence)
    assert len(shown) >= len(sentence) * 1.4
    assert max(len(word) for word in shown.split()) <= 16
    assert i18n.pseudo("Copy") == "⟦Çöpý··⟧", "a button's text stays one word"


def test_every_catalogue_text_and_permission_has_german() -> None:
    """German is complete for the core: a catalogue entry added without its German fails here."""
    i18n.set_language("de")
    missing = [
        f"{info.code}: {text}"
        for info in CATALOGUE.values()
        for text in (info.message, info.meaning, info.action)
        if i18n._(text) == text
    ]
    missing += [words for words in SCOPE_WORDS.values() if i18n._(words) == words]
    assert missing == []


def test_a_detail_reads_as_english_and_is_shown_translated() -> None:
    """A detail with values: English in logs and str(error), German where it is shown."""
    import pickle

    from desktop.core.errors import SocialdeskError
    from desktop.core.instagram.endpoints import base_url

    with pytest.raises(SocialdeskError) as caught:
        base_url("graph_url", "ftp://graph.example")
    error = caught.value
    english = "graph_url must be an http(s) URL"
    assert error.detail == english and english in str(error)
    i18n.set_language("de")
    assert i18n.translated(error.detail) == "graph_url muss eine http(s)-URL sein"
    copied = pickle.loads(pickle.dumps(error))  # as a worker hands it over, or a crash report keeps it
    assert copied.detail == english
    assert i18n.translated(copied.detail) == i18n.translated(error.detail)
    assert i18n.translated("the vault is closed") == "der Tresor ist geschlossen"


def test_a_translation_whose_placeholders_do_not_fit_shows_the_english() -> None:
    detail = i18n.Detail("{name} must be an http(s) URL", name="graph_url")
    i18n.set_language("pseudo")  # the pseudo locale keeps placeholders: filled in as the English is
    assert "graph_url" in i18n.translated(detail)
    broken = i18n.Detail("{name} must be an http(s) URL", name="graph_url")
    broken.values = {"port": 8765}  # a translation asking for a value the detail does not have
    assert i18n.translated(broken) == "{name} must be an http(s) URL".format(name="graph_url")


def test_the_app_forms_checks_are_shown_in_german() -> None:
    from desktop.core.app_setup import all_checks

    checks = all_checks("12ab", "http://localhost:0/callback/")
    assert [check.message for check in checks] == [
        "The Instagram App ID is digits only; copy it from Meta's dashboard.",
        "Not a usable address: the redirect URI needs a fixed port, not 0.",
    ]
    i18n.set_language("de")
    assert [i18n.translated(check.message) for check in checks] == [
        "Die Instagram-App-ID besteht nur aus Ziffern; kopieren Sie sie aus dem Meta-Dashboard.",
        "Keine verwendbare Adresse: die Weiterleitungs-URI braucht einen festen Port, nicht 0.",
    ]
    fixed = [i18n.translated(c.message) for c in all_checks("123", "https://localhost:8765/callback/")]
    assert "Fester Port 8765." in fixed


def test_a_detail_without_values_is_its_text_braces_and_all() -> None:
    detail = i18n.Detail("the redirect URI's path cannot be /{x}")
    assert detail == "the redirect URI's path cannot be /{x}"
    i18n.set_language("de")
    assert i18n.translated(detail) == "the redirect URI's path cannot be /{x}"
    assert i18n.translated(i18n.Detail("the vault is closed")) == "der Tresor ist geschlossen"
