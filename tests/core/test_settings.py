from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.settings import Paths, Settings, load_settings, save_settings


def test_base_dir_puts_everything_under_it(tmp_path: Path) -> None:
    paths = Paths.resolve(tmp_path / "b").ensure()
    for folder in (paths.config_dir, paths.data_dir, paths.cache_dir, paths.log_dir):
        assert folder.is_dir() and folder.is_relative_to(tmp_path / "b")


def test_env_base_dir_is_honoured(base_dir: Path) -> None:
    assert Paths.resolve().data_dir == base_dir / "data"


def test_default_locations_come_from_platformdirs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SOCIALDESK_BASE_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdgc"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdgd"))
    paths = Paths.resolve()
    assert paths.config_dir == tmp_path / "xdgc" / "Socialdesk"
    assert paths.data_dir == tmp_path / "xdgd" / "Socialdesk"


def test_round_trip_and_listener_port(tmp_path: Path) -> None:
    paths = Paths.resolve(tmp_path).ensure()
    save_settings(paths, Settings(instagram_app_id="123", redirect_uri="http://localhost:9123/cb/"))
    loaded = load_settings(paths)
    assert loaded.instagram_app_id == "123" and loaded.listener_port == 9123
    assert not list(paths.config_dir.glob(".settings-*"))  # no temp file left behind


def test_damaged_file_is_set_aside_not_lost(tmp_path: Path) -> None:
    paths = Paths.resolve(tmp_path).ensure()
    paths.settings_file.write_text("{not json", encoding="utf-8")
    assert load_settings(paths) == Settings()
    assert (paths.config_dir / "settings.json.damaged").read_text(encoding="utf-8") == "{not json"


def test_unknown_keys_are_ignored(tmp_path: Path) -> None:
    paths = Paths.resolve(tmp_path).ensure()
    paths.settings_file.write_text(json.dumps({"graph_version": "v24.0", "future_key": 1}), encoding="utf-8")
    assert load_settings(paths).graph_version == "v24.0"


def test_existing_folders_are_tightened_to_owner_only(tmp_path: Path) -> None:
    import os

    loose = Paths.resolve(tmp_path / "b")
    for folder in (loose.config_dir, loose.data_dir, loose.cache_dir, loose.log_dir):
        folder.mkdir(parents=True)
        os.chmod(folder, 0o755)
    paths = loose.ensure()
    for folder in (paths.config_dir, paths.data_dir, paths.cache_dir, paths.log_dir):
        assert folder.stat().st_mode & 0o777 == 0o700, folder
