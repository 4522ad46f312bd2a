"""Every human line the CLI prints is translated: the commands run as the user runs them, in
the pseudo-locale (which accents every letter, so an English word left plain is an untranslated
string) and in German (where a line still equal to its English one is untranslated).

Codes, usernames, paths, URLs, numbers, command and option names stay as they are; so does the
default workspace's stored name and a connection's status code (scripts read the list's columns).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.cli import prepare_base_dir, socialdesk

pytestmark = pytest.mark.real_keychain

#: Words that are names, not sentences: the program, its commands and their choices, data.
NAMES = {
    "socialdesk",
    "connections",
    "workspaces",
    "vault",
    "list",
    "connect",
    "disconnect",
    "dismiss",
    "refresh",
    "create",
    "rename",
    "status",
    "rotate",
    "reset",
    "sandbox",
    "screenshots",
    "tls",
    "app",
    "team",
    "instagram",
    "facebook",
    "active",
    "Studio",
    "Büro",
    "join",
    "members",
    "approve",
    "remove",
    "trust",
    "untrust",
    "export",
    "ca",
    "set",
    "show",
    "Nowhere",  # the workspace a failing connect names
    "old",
    "new",
    "name",
    "username",
    "session-only",
    "keychain",
    "error",  # report_error's "error: CODE:" prefix stays English: scripts read it
}
#: Whole pieces that are data or syntax: the store's default workspace, URLs, paths, options,
#: codes (snake_case), dotted names (keyring backends), ids, dates and times, usernames.
NOT_WORDS = re.compile(
    r"My workspace|https?://\S+|(?<!\w)/\S+|--?[\w-]+|\$\w+|\b[A-Z]{2,}\b|\b\w+_\w+\b|\b\w+(?:\.\w+)+\b"
    r"|kek-\S+|@\w+|\d[\d:-]*|UTC|\[|\]"
)
WORD = re.compile(r"[^\W\d_]{2,}")


def _plain(line: str) -> str:
    """The text without its pseudo-translated parts (nested when a translation holds another; a
    help text argparse wrapped spans lines)."""
    previous = None
    while previous != line:
        previous, line = line, re.sub(r"⟦[^⟦⟧]*⟧", " ", line)
    return line


def english_words(line: str) -> list[str]:
    rest = NOT_WORDS.sub(" ", _plain(line))
    return [word for word in WORD.findall(rest) if word.isascii() and word not in NAMES]


def test_the_check_finds_an_untranslated_line() -> None:
    assert english_words("Removed @alice from 'My workspace'.") == ["Removed", "from"]
    assert english_words("⟦Ŕémövéd ⟧@alice ⟦fŕöm⟧ 'My workspace'.") == []
    assert english_words("error: workspace_name_invalid: ⟦À wöŕkšpàçé⟧ needs a title") == ["needs", "title"]


#: (arguments, expected exit code): every command and the branches a sandbox desktop reaches.
SESSION: list[tuple[tuple[str, ...], int]] = [
    (("--help",), 0),
    (("connections",), 2),
    (("connections", "--help"), 0),
    (("connections", "connect", "--help"), 0),
    (("connections", "refresh", "--help"), 0),
    (("connections", "disconnect", "--help"), 0),
    (("connections", "bogus"), 2),
    (("workspaces", "--help"), 0),
    (("workspaces", "rename", "--help"), 0),
    (("vault", "--help"), 0),
    (("vault", "reset", "--help"), 0),
    (("team", "--help"), 0),
    (("tls", "--help"), 0),
    (("app", "--help"), 0),
    (("team", "status"), 0),
    (("team", "members"), 1),
    (("tls", "status"), 0),
    (("app", "show"), 0),
    (("workspaces", "create", "   "), 1),
    (("workspaces", "create", "Büro"), 0),
    (("workspaces", "create", "Büro"), 1),
    (("workspaces", "rename", "Büro", "Studio"), 0),
    (("workspaces", "list"), 0),
    (("connections", "list"), 0),
    (("connections", "refresh"), 0),
    (("--sandbox", "connections", "connect", "--account", "someone"), 2),
    (("--sandbox", "connections", "connect", "--no-browser", "--workspace", "Nowhere"), 1),
    (("--sandbox", "connections", "connect"), 0),
    (("connections", "list"), 0),
    (("--sandbox", "connections", "refresh"), 0),
    (("vault", "status"), 0),
    (("vault", "rotate"), 0),
    (("vault", "reset"), 2),
    (("--sandbox", "connections", "disconnect", "@acme_business"), 0),
    (("connections", "list"), 0),
    (("connections", "dismiss", "@acme_business"), 0),
    (("connections", "dismiss", "@acme_business"), 1),
    (("--sandbox", "connections", "refresh"), 0),
]


def _session(base: Path, language: str) -> list[tuple[tuple[str, ...], list[str]]]:
    printed = []
    for args, code in SESSION:
        result = socialdesk(base, "--language", language, *args)
        assert result.returncode == code, (args, result.stdout, result.stderr)
        printed.append((args, (result.stdout + result.stderr).splitlines()))
    return printed


@pytest.mark.timeout(300)  # about thirty CLI processes, each starting Python and the keychain
def test_every_line_is_translated_in_the_pseudo_locale(tmp_path: Path) -> None:
    printed = _session(prepare_base_dir(tmp_path / "base"), "pseudo")
    untranslated = [
        (args, line, words)
        for args, lines in printed
        for line in _plain("\n".join(lines)).splitlines()
        if (words := english_words(line))
    ]
    assert untranslated == [], "\n".join(map(repr, untranslated))
    assert sum(len(lines) for _, lines in printed) > 150


@pytest.mark.timeout(600)  # the session twice: in English, then in German
def test_every_line_is_translated_in_german(tmp_path: Path) -> None:
    english = dict(_session(prepare_base_dir(tmp_path / "en"), "en"))
    german = dict(_session(prepare_base_dir(tmp_path / "de"), "de"))
    same = [
        (args, line)
        for args, lines in german.items()
        for line in lines
        if english_words(line) and line in english[args]
    ]
    assert same == [], "\n".join(map(repr, same))
