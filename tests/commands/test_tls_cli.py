"""``socialdesk tls`` and ``socialdesk app`` through the real parser and handlers.

The trust commands run the real certutil against NSS databases in a throwaway HOME.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop.commands import app as app_command
from desktop.commands import tls as tls_command
from desktop.core.app_secret import SERVICE
from desktop.core.settings import Paths, Settings, load_settings
from desktop.core.tls.trust import ToolContext, Trust
from tests.support.memory_keyring import MemoryKeyring

needs_certutil = pytest.mark.skipif(shutil.which("certutil") is None, reason="libnss3-tools is not installed")


@pytest.fixture
def paths(base_dir: Path) -> Paths:
    return Paths.resolve(base_dir).ensure()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def run(
    module: object,
    capsys: pytest.CaptureFixture[str],
    paths: Paths,
    *argv: str,
    trust: Trust | None = None,
    settings: Settings | None = None,
) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="socialdesk")
    module.add_parser(parser.add_subparsers())  # type: ignore[attr-defined]
    args = parser.parse_args(list(argv))
    args.allow_backends = (MemoryKeyring,)
    args.trust = trust
    code = args.handler(args, paths, settings or load_settings(paths))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_ca_prints_the_certificate_and_status_shows_it(
    capsys: pytest.CaptureFixture[str], paths: Paths, home: Path
) -> None:
    code, pem, _ = run(tls_command, capsys, paths, "tls", "export-ca")
    assert code == 0 and pem.startswith("-----BEGIN CERTIFICATE-----")
    assert "PRIVATE" not in pem
    code, out, _ = run(
        tls_command, capsys, paths, "tls", "status", "--json", trust=Trust(home=home, platform="linux")
    )
    data = json.loads(out)
    assert code == 0
    assert len(data["ca"]["fingerprint_sha256"].split(":")) == 32
    assert data["ca"]["session_only"] is False
    assert {store["kind"] for store in data["stores"]} >= {"nss", "linux-system"}


def test_status_before_any_ca_says_so(capsys: pytest.CaptureFixture[str], paths: Paths) -> None:
    code, out, _ = run(tls_command, capsys, paths, "tls", "status")
    assert code == 0 and "none yet" in out


@needs_certutil
def test_trust_then_untrust_in_a_throwaway_home(
    capsys: pytest.CaptureFixture[str], paths: Paths, home: Path
) -> None:
    trust = Trust(home=home, platform="linux")
    code, out, _ = run(tls_command, capsys, paths, "tls", "trust", trust=trust)
    assert code == 0, out
    assert f"now trusted by: {home / '.pki' / 'nssdb'}" in out
    assert "sudo update-ca-certificates" in out  # the system store: shown, not run
    listing = subprocess.run(
        ["certutil", "-L", "-d", f"sql:{home / '.pki' / 'nssdb'}"], capture_output=True, text=True
    ).stdout
    assert "Socialdesk local CA" in listing

    code, out, _ = run(tls_command, capsys, paths, "tls", "status", trust=trust)
    assert "Chrome and Chromium: trusts it" in out

    code, out, _ = run(tls_command, capsys, paths, "tls", "untrust", trust=trust)
    assert code == 0 and f"removed from: {home / '.pki' / 'nssdb'}" in out
    listing = subprocess.run(
        ["certutil", "-L", "-d", f"sql:{home / '.pki' / 'nssdb'}"], capture_output=True, text=True
    ).stdout
    assert "Socialdesk local CA" not in listing


def test_trust_without_certutil_says_to_install_libnss3_tools(
    capsys: pytest.CaptureFixture[str], paths: Paths, home: Path
) -> None:
    trust = Trust(home=home, platform="linux", tools=ToolContext(which=lambda name: None))
    code, _, err = run(tls_command, capsys, paths, "tls", "trust", trust=trust)
    assert code == 1
    assert "error: trust_store_failed:" in err
    assert "sudo apt install libnss3-tools" in err


def test_app_set_reads_the_secret_from_stdin_and_show_never_prints_it(
    capsys: pytest.CaptureFixture[str],
    paths: Paths,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("sekr1t-app-secret\n"))
    code, out, err = run(
        app_command, capsys, paths, "app", "set", "--app-id", "1234567890123456", settings=Settings()
    )
    assert code == 0, err
    assert "sekr1t" not in out + err
    assert memory_keyring.get_password(SERVICE, "1234567890123456") == "sekr1t-app-secret"
    saved = load_settings(paths)
    assert saved.instagram_app_id == "1234567890123456"
    assert saved.redirect_uri == "https://localhost:8765/callback/"
    assert "sekr1t" not in paths.settings_file.read_text()

    code, out, _ = run(app_command, capsys, paths, "app", "show", "--json")
    data = json.loads(out)
    assert code == 0 and "sekr1t" not in out
    assert data["app_id"] == "1234567890123456" and data["app_secret_stored"] is True
    assert {check["name"] for check in data["checks"]} == {
        "app_id",
        "https",
        "loopback",
        "fixed_port",
        "port_free",
    }
    code, out, _ = run(app_command, capsys, paths, "app", "show")
    assert "stored in the keychain" in out and "sekr1t" not in out


def test_app_set_refuses_a_non_numeric_id_and_an_empty_secret(
    capsys: pytest.CaptureFixture[str], paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("secret\n"))
    code, _, err = run(
        app_command, capsys, paths, "app", "set", "--app-id", "socialdesk-app", settings=Settings()
    )
    assert code == 1 and "error: app_misconfigured:" in err and "is a number" in err
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))
    code, _, err = run(app_command, capsys, paths, "app", "set", "--app-id", "123", settings=Settings())
    assert code == 1 and "no App Secret" in err
    assert not load_settings(paths).instagram_app_id


def test_app_set_warns_about_an_http_redirect_but_keeps_it(
    capsys: pytest.CaptureFixture[str], paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("secret\n"))
    code, out, _ = run(
        app_command,
        capsys,
        paths,
        "app",
        "set",
        "--app-id",
        "123",
        "--redirect-uri",
        "http://localhost:9876/cb/",
        settings=Settings(),
    )
    assert code == 0
    assert "[!!] Instagram Login takes only https redirect URIs" in out
    assert load_settings(paths).redirect_uri == "http://localhost:9876/cb/"
