"""Translation of the core's words (the error catalogue, the CLI) without Qt: GNU gettext.

The catalogue keeps its English source text, byte-exact (the help article's four rows are quoted
verbatim); a translation is looked up by that text in ``resources/locale/<lang>/LC_MESSAGES/
socialdesk.mo``. The language is chosen once per process: ``--language`` (``set_language``), else
``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``, as gettext itself reads them.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

from desktop.core.resources import resource_path

DOMAIN = "socialdesk"
#: A made-up language that accents every letter and pads each string by about 40 %, so clipping
#: and untranslated strings show at a glance.
PSEUDO = "pseudo"
LANGUAGE_ENV = "SOCIALDESK_LANGUAGE"


class _State:
    translation: gettext.NullTranslations | None = None
    language: str | None = None


def locale_dir() -> str:
    return str(resource_path("locale"))


def requested_languages() -> list[str]:
    """The languages asked for, most wanted first (``--language`` wins over the environment)."""
    if _State.language:
        return [_State.language]
    for variable in (LANGUAGE_ENV, "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            if value in ("C", "POSIX") or value.startswith("C."):
                return ["en"]
            return [part.split(".")[0] for part in value.split(":") if part]
    return ["en"]


def set_language(language: str | None) -> None:
    """Use ``language`` (``de``, ``de_DE``, ``en``, ``pseudo``) from now on; None follows the desktop."""
    _State.language = language or None
    if _State.language:
        os.environ[LANGUAGE_ENV] = _State.language  # child processes (the 200 % screenshots) too
    else:
        os.environ.pop(LANGUAGE_ENV, None)
    _State.translation = None


def language() -> str:
    """The language in use: the first requested one there is a translation for, else ``en``."""
    for wanted in requested_languages():
        if wanted == PSEUDO or wanted.startswith("en"):
            return wanted if wanted == PSEUDO else "en"
        for candidate in (wanted, wanted.split("_")[0]):
            if (Path(locale_dir()) / candidate / "LC_MESSAGES" / f"{DOMAIN}.mo").exists():
                return candidate
    return "en"


def _current() -> gettext.NullTranslations:
    if _State.translation is None:
        chosen = language()
        if chosen == PSEUDO:
            _State.translation = _Pseudo()
        elif chosen == "en":
            _State.translation = gettext.NullTranslations()
        else:
            _State.translation = gettext.translation(DOMAIN, locale_dir(), [chosen], fallback=True)
    return _State.translation


def _(text: str) -> str:
    """``text`` in the language in use (the English source when there is no translation)."""
    return _current().gettext(text)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of ``singular``/``plural`` for ``count`` in the language in use (German: two forms)."""
    return _current().ngettext(singular, plural, count)


def N_(text: str) -> str:
    """Marks ``text`` for extraction where it is defined; it is translated where it is shown."""
    return text


class Detail(str):
    """An error detail made from a template and values: English wherever it is a string (logs,
    ``str(error)``, comparisons), translated where it is shown, by :func:`translated`.

    ``Detail(N_("the redirect URI's path cannot be {path}"), path="/x")`` reads as the English
    sentence; a translation of the template is filled in with the same values.
    """

    template: str
    values: dict[str, object]

    def __new__(cls, template: str, **values: object) -> Detail:
        # Without values the text is taken as it is: a brace in it is not a placeholder.
        made = super().__new__(cls, template.format(**values) if values else template)
        made.template, made.values = template, values
        return made

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuilt_detail, (self.template, self.values))


def _rebuilt_detail(template: str, values: dict[str, object]) -> Detail:
    return Detail(template, **values)


def translated(detail: str) -> str:
    """``detail`` in the language in use: a :class:`Detail`'s template translated, then filled in."""
    if isinstance(detail, Detail):
        if not detail.values:
            return _(detail.template)
        # A value that is itself a Detail (a reason inside a sentence) is translated too.
        values = {key: translated(v) if isinstance(v, Detail) else v for key, v in detail.values.items()}
        try:
            return _(detail.template).format(**values)
        except (KeyError, IndexError, ValueError):  # a translation whose placeholders do not fit
            return str.__str__(detail)
    return _(detail)


_ACCENTS = str.maketrans(
    "aceinoursyzACEINOURSYZ",
    "àçéîñöûŕšýžÀÇÉÎÑÖÛŔŠÝŽ",
)


def pseudo(text: str) -> str:
    """``text`` accented and about 40 % longer, placeholders (``{name}``, ``%s``) left intact."""
    out: list[str] = []
    depth = 0
    after_percent = False
    in_name = False  # inside ``%(name)``, argparse's placeholders
    for char in text:
        if char == "{":
            depth += 1
        if depth or char == "%" or after_percent or in_name:
            out.append(char)
        else:
            out.append(char.translate(_ACCENTS))
        if after_percent and char == "(":
            in_name = True
        elif in_name and char == ")":
            in_name = False
            after_percent = True  # the conversion letter follows
            continue
        after_percent = char == "%" and not after_percent
        if char == "}":
            depth = max(0, depth - 1)
    return f"⟦{''.join(out)}{_padding(len(text))}⟧" if text.strip() else text


#: The longest padding word: real languages run longer in words, not in one endless word.
PAD_WORD = 8


def _padding(length: int) -> str:
    """About 40 % of ``length`` in dots, as words a line can break between once it is a sentence's."""
    dots = max(1, round(length * 0.4))
    if dots <= PAD_WORD:
        return "·" * dots
    words = ["·" * PAD_WORD] * (dots // PAD_WORD) + (["·" * (dots % PAD_WORD)] if dots % PAD_WORD else [])
    return " " + " ".join(words)


class _Pseudo(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)
