"""Refresh and compile every translation: ``.venv/bin/python packaging/translations/update.py``.

1. The window's ``tr()`` strings: ``pyside6-lupdate`` updates ``resources/i18n/socialdesk_<lang>.ts``
   (new strings are added untranslated, translated ones kept), ``pyside6-lrelease`` makes the ``.qm``.
2. The core's words (the error catalogue, permission names, every ``_()`` in desktop/core, the
   commands and the CLI): ``resources/locale/socialdesk.pot`` is rebuilt, ``msgmerge`` updates
   ``resources/locale/<lang>/LC_MESSAGES/socialdesk.po`` and ``msgfmt`` makes the ``.mo``.
3. Prints, per language, how many strings still lack a translation (exit 1 with ``--check`` if any).

Rerun it after adding or changing a user-facing string, translate what it reports, run it again.
"""

from __future__ import annotations

import argparse
import html
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import german  # noqa: E402
import german_cli  # noqa: E402

from desktop.core.errors import CATALOGUE  # noqa: E402
from desktop.core.views import SCOPE_WORDS  # noqa: E402

LANGUAGES = ("de",)
#: The translations kept as Python source (reviewable in diffs), merged into the .po and .ts.
KNOWN = {"de": ({**german.CORE, **german_cli.CLI}, german.WINDOW)}
VENV_BIN = Path(sys.executable).parent
I18N = ROOT / "resources" / "i18n"
LOCALE = ROOT / "resources" / "locale"


def _run(*command: str | Path) -> str:
    return subprocess.run([str(c) for c in command], check=True, capture_output=True, text=True).stdout


def _po_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _xml(text: str) -> str:
    """Escape as lupdate writes a .ts, apostrophes and quotes included."""
    return html.escape(text, quote=False).replace("'", "&apos;").replace('"', "&quot;")


def build_pot() -> Path:
    pot = LOCALE / "socialdesk.pot"
    LOCALE.mkdir(parents=True, exist_ok=True)
    folders = ("desktop/core", "desktop/commands")
    found = sorted(str(p.relative_to(ROOT)) for folder in folders for p in (ROOT / folder).rglob("*.py"))
    sources = [*found, "desktop/cli.py"]
    code = LOCALE / "code.pot"
    _run(
        "xgettext", "--language=Python", "--keyword=_", "--keyword=N_", "--keyword=ngettext:1,2", "--from-code=UTF-8",
        "--no-wrap", "--output", code, "--directory", ROOT, *sources,
    )  # fmt: skip
    seen: set[str] = set()
    entries: list[str] = []
    for info in CATALOGUE.values():
        for text in (info.message, info.meaning, info.action):
            if text not in seen:
                seen.add(text)
                entries.append(f'#. error {info.code}\nmsgid {_po_quote(text)}\nmsgstr ""\n')
    for scope, words in SCOPE_WORDS.items():
        if words not in seen:
            seen.add(words)
            entries.append(f'#. permission {scope}\nmsgid {_po_quote(words)}\nmsgstr ""\n')
    header = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n'
    )
    catalogue = LOCALE / "catalogue.pot"
    catalogue.write_text(header + "\n" + "\n".join(entries), encoding="utf-8")
    parts = [catalogue, code] if code.exists() else [catalogue]  # xgettext writes nothing for no strings
    _run("msgcat", "--use-first", "--no-wrap", "-o", pot, *parts)
    for part in parts:
        part.unlink()
    return pot


#: msgmerge's guess mark before an entry, with the format flags it keeps (and the old text it guessed from).
FUZZY = r"(?:#, fuzzy((?:, [\w-]+)*)\n)?(?:#\| .*\n)*"


def _flags(match: re.Match[str]) -> str:
    """The entry's format flags without ``fuzzy``: the reviewed translation is no guess."""
    return f"#,{match.group(1)[1:]}\n" if match.group(1) else ""


def update_po(pot: Path, language: str) -> Path:
    po = LOCALE / language / "LC_MESSAGES" / "socialdesk.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    if po.exists():
        _run("msgmerge", "--quiet", "--update", "--backup=none", "--no-wrap", po, pot)
    else:
        _run("msginit", "--no-translator", "--no-wrap", "--locale", language, "--input", pot, "--output", po)
    known = KNOWN.get(language, ({}, {}))[0]
    text = po.read_text(encoding="utf-8")
    for source, translated in known.items():
        if isinstance(translated, tuple):  # ngettext: the English plural follows the singular
            plural, forms = translated[0], translated[1:]
            entry = re.compile(
                FUZZY + r"msgid " + re.escape(_po_quote(source))
                + r"\nmsgid_plural " + re.escape(_po_quote(plural)) + r'\n(?:msgstr\[\d\] ".*"\n)+'
            )  # fmt: skip
            replacement = f"msgid {_po_quote(source)}\nmsgid_plural {_po_quote(plural)}\n" + "".join(
                f"msgstr[{i}] {_po_quote(form)}\n" for i, form in enumerate(forms)
            )
            text = entry.sub(lambda m: _flags(m) + replacement, text)  # noqa: B023
            continue
        # An entry msgmerge guessed (fuzzy) or left empty takes the reviewed translation.
        entry = re.compile(FUZZY + r"msgid " + re.escape(_po_quote(source)) + r'\nmsgstr ".*"\n')
        text = entry.sub(
            lambda m: _flags(m) + f"msgid {_po_quote(source)}\nmsgstr {_po_quote(translated)}\n",  # noqa: B023
            text,
        )
    po.write_text(text, encoding="utf-8")
    _run("msgfmt", "--check-format", "--output-file", po.with_suffix(".mo"), po)
    return po


def update_ts(language: str) -> Path:
    ts = I18N / f"socialdesk_{language}.ts"
    I18N.mkdir(parents=True, exist_ok=True)
    sources = sorted(str(p) for p in (ROOT / "desktop" / "ui").rglob("*.py"))
    _run(VENV_BIN / "pyside6-lupdate", *sources, "-no-obsolete", "-target-language", language, "-ts", ts)
    known = KNOWN.get(language, ({}, {}))[1]
    text = ts.read_text(encoding="utf-8")
    for source, translated in known.items():
        if isinstance(translated, tuple):  # %n plurals: German's singular and plural forms
            forms = "".join(f"\n            <numerusform>{_xml(form)}</numerusform>" for form in translated)
            plural = re.compile(
                r"(<source>" + re.escape(_xml(source)) + r"</source>\n)(\s*)"
                r'<translation type="unfinished">(?:\s*<numerusform>[^<]*</numerusform>)*\s*</translation>'
            )
            text = plural.sub(
                lambda m: f"{m.group(1)}{m.group(2)}<translation>{forms}\n        </translation>",  # noqa: B023
                text,
            )
            continue
        # Empty, or guessed by lupdate from the same text elsewhere; a comment may sit in between.
        entry = re.compile(
            r"(<source>"
            + re.escape(_xml(source))
            + r"</source>\n(?:\s*<(?:extra)?comment>[^<]*</(?:extra)?comment>\n)*)"
            r'(\s*)<translation type="unfinished">[^<]*</translation>'
        )
        text = entry.sub(
            lambda m: f"{m.group(1)}{m.group(2)}<translation>{_xml(translated)}</translation>",  # noqa: B023
            text,
        )
    ts.write_text(text, encoding="utf-8")
    _run(VENV_BIN / "pyside6-lrelease", ts, "-qm", ts.with_suffix(".qm"))
    return ts


def untranslated_po(po: Path) -> int:
    stats = subprocess.run(
        ["msgfmt", "--statistics", "--output-file", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    missing = sum(int(n) for n in re.findall(r"(\d+) (?:untranslated|fuzzy)", stats))
    return missing


def untranslated_ts(ts: Path) -> int:
    text = ts.read_text(encoding="utf-8")
    return text.count('type="unfinished"')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 while any string is untranslated")
    args = parser.parse_args()
    pot = build_pot()
    missing_total = 0
    for language in LANGUAGES:
        po = update_po(pot, language)
        ts = update_ts(language)
        missing = untranslated_po(po), untranslated_ts(ts)
        missing_total += sum(missing)
        print(f"{language}: {missing[0]} core and {missing[1]} window strings untranslated")
    return 1 if args.check and missing_total else 0


if __name__ == "__main__":
    sys.exit(main())
