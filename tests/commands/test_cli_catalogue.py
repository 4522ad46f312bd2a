"""Every string the CLI and the core mark for translation has German in the shipped catalogue.

The strings are extracted afresh from the sources (as update.py does, into a temporary file), so
a new ``_()``/``ngettext()`` without German fails here before a user meets it in English.
"""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
from pathlib import Path

from desktop.core.i18n import DOMAIN, locale_dir

ROOT = Path(__file__).resolve().parents[2]


def _extracted(tmp_path: Path, folder: str = "commands") -> list[tuple[str, str | None]]:
    sources = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "desktop" / folder).rglob("*.py"))]
    pot = tmp_path / f"{folder}.pot"
    subprocess.run(
        ["xgettext", "--language=Python", "--keyword=_", "--keyword=N_", "--keyword=ngettext:1,2",
         "--from-code=UTF-8", "--no-wrap", "--output", str(pot), "--directory", str(ROOT),
         *sources, "desktop/cli.py"],
        check=True,
    )  # fmt: skip
    text = pot.read_text(encoding="utf-8")

    def unquote(value: str) -> str:
        return value.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")

    found = re.findall(r'^msgid "(.*)"\n(?:msgid_plural "(.*)"\n)?', text, re.MULTILINE)
    return [(unquote(one), unquote(many) if many else None) for one, many in found if one]


def test_every_cli_string_has_german(tmp_path: Path) -> None:
    strings = _extracted(tmp_path)
    assert len(strings) > 150  # the CLI's output, help texts and argparse's words
    assert _without_german(strings) == []


def test_every_core_string_has_german(tmp_path: Path) -> None:
    """The catalogue's words and the details core errors carry, shown in the window and the CLI."""
    strings = _extracted(tmp_path, "core")
    assert "the redirect URI needs a fixed port, not 0" in {one for one, _ in strings}
    assert len(strings) > 50
    assert _without_german(strings) == []


def _without_german(strings: list[tuple[str, str | None]]) -> list[str]:
    # .ci/bootstrap installs GNU gettext; without it this check would prove nothing, so it fails.
    assert shutil.which("xgettext"), "GNU gettext's xgettext is needed (apt-get install gettext)"
    with open(Path(locale_dir()) / "de" / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as mo:
        catalog = gettext.GNUTranslations(mo)._catalog  # type: ignore[attr-defined]
    return [
        one
        for one, many in strings
        if (catalog.get(one) if many is None else catalog.get((one, 0)) and catalog.get((one, 1)))
        in (None, "")
    ]
