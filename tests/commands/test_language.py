"""The headless commands speak the chosen language: ``--language`` or ``LANGUAGE``; codes never change."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import prepare_base_dir, socialdesk

pytestmark = pytest.mark.real_keychain


@pytest.mark.parametrize(
    ("args", "env"),
    [(("--language", "de"), {}), ((), {"LANGUAGE": "de", "LC_ALL": "", "LANG": "de_DE.UTF-8"})],
    ids=["option", "environment"],
)
def test_an_error_in_german_keeps_its_code(
    tmp_path: Path, args: tuple[str, ...], env: dict[str, str]
) -> None:
    base = prepare_base_dir(tmp_path / "base")
    result = socialdesk(base, *args, "workspaces", "create", "   ", **env)
    assert result.returncode == 1
    assert "error: workspace_name_invalid: Ein Arbeitsbereich braucht einen Namen." in result.stderr
    assert "Geben Sie einen Namen für den Arbeitsbereich ein." in result.stderr


def test_english_by_default_and_byte_exact(tmp_path: Path) -> None:
    base = prepare_base_dir(tmp_path / "base")
    result = socialdesk(base, "workspaces", "create", "   ", LANGUAGE="en", LC_ALL="C")
    assert "error: workspace_name_invalid: A workspace needs a name." in result.stderr
