"""Trust stores: NSS with the real certutil in a throwaway HOME; macOS and Windows by their commands."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from desktop.core import i18n
from desktop.core.errors import SocialdeskError
from desktop.core.tls.local_ca import CaInfo, LocalCa
from desktop.core.tls.trust import CERTUTIL_MISSING, Completed, ToolContext, Trust
from desktop.core.vault.keychain import MemoryKeyStore

needs_certutil = pytest.mark.skipif(shutil.which("certutil") is None, reason="libnss3-tools is not installed")


@pytest.fixture
def ca(tmp_path: Path) -> CaInfo:
    return LocalCa(MemoryKeyStore(), tmp_path / "ca" / "local-ca.pem").info()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def firefox_profile(home: Path, name: str) -> Path:
    profile = home / ".mozilla" / "firefox" / name
    profile.mkdir(parents=True)
    subprocess.run(["certutil", "-N", "-d", f"sql:{profile}", "--empty-password"], check=True)
    return profile


def states_by_location(trust: Trust, ca: CaInfo) -> dict[str, bool | None]:
    return {state.location: state.trusted for state in trust.status(ca)}


@needs_certutil
def test_trust_adds_the_ca_to_chromium_and_every_firefox_profile_and_remove_undoes_it(
    home: Path, ca: CaInfo
) -> None:
    profile = firefox_profile(home, "abcd.default-release")
    trust = Trust(home=home, platform="linux")
    shared = str(home / ".pki" / "nssdb")
    assert states_by_location(trust, ca)[shared] is False

    outcome = trust.trust(ca)

    assert set(outcome.changed) == {shared, str(profile)}
    assert outcome.failed == ()
    states = states_by_location(trust, ca)
    assert states[shared] is True and states[str(profile)] is True
    listing = subprocess.run(["certutil", "-L", "-d", f"sql:{shared}"], capture_output=True, text=True)
    assert f"Socialdesk local CA {ca.short_id}" in listing.stdout

    assert trust.trust(ca).changed == ()  # asked once: a second time changes nothing

    removed = trust.untrust(ca)
    assert set(removed.changed) == {shared, str(profile)}
    states = states_by_location(trust, ca)
    assert states[shared] is False and states[str(profile)] is False


@needs_certutil
def test_a_new_ca_replaces_an_older_one_in_the_store(home: Path, ca: CaInfo, tmp_path: Path) -> None:
    trust = Trust(home=home, platform="linux")
    trust.trust(ca)
    newer = LocalCa(MemoryKeyStore(), tmp_path / "newer" / "ca.pem").info()
    trust.trust(newer)
    listing = subprocess.run(
        ["certutil", "-L", "-d", f"sql:{home / '.pki' / 'nssdb'}"], capture_output=True, text=True
    ).stdout
    assert newer.short_id in listing and ca.short_id not in listing


def test_without_certutil_the_status_says_what_to_install_and_trust_fails_clearly(
    home: Path, ca: CaInfo
) -> None:
    tools = ToolContext(which=lambda name: None)
    trust = Trust(home=home, platform="linux", tools=tools)
    shared = next(s for s in trust.status(ca) if s.kind == "nss")
    assert shared.trusted is None
    assert "libnss3-tools" in shared.note and shared.note == CERTUTIL_MISSING
    with pytest.raises(SocialdeskError) as failed:
        trust.trust(ca)
    assert failed.value.code == "trust_store_failed"
    assert "sudo apt install libnss3-tools" in failed.value.detail
    assert tools.ran == []


def test_the_system_store_is_shown_as_root_commands_and_never_run(home: Path, ca: CaInfo) -> None:
    ran: list[tuple[str, ...]] = []

    def runner(argv: Sequence[str]) -> Completed:
        ran.append(tuple(argv))
        return Completed(0, "", "")

    trust = Trust(
        home=home, platform="linux", tools=ToolContext(runner=runner, which=lambda n: "/usr/bin/" + n)
    )
    system = next(s for s in trust.status(ca) if s.kind == "linux-system")
    assert not system.managed
    assert any("update-ca-certificates" in command for command in system.manual_commands)
    assert system.manual_commands[0] == (
        "socialdesk tls export-ca | sudo tee /usr/local/share/ca-certificates/socialdesk-local-ca.crt >/dev/null"
    )
    assert "/tmp" not in " ".join(system.manual_commands)  # nothing that vanishes after the call
    trust.trust(ca)
    trust.untrust(ca)
    assert not any(argv[0] == "sudo" for argv in ran)


class Recorder:
    """Stands in for the macOS and Windows tools, which cannot run here: records, answers as told."""

    def __init__(self, answers: dict[str, int] | None = None) -> None:
        self.ran: list[list[str]] = []
        self.answers = answers or {}

    def __call__(self, argv: Sequence[str]) -> Completed:
        self.ran.append(list(argv))
        for key, code in self.answers.items():
            if key in argv:
                return Completed(code, "", "" if code == 0 else f"{key} failed")
        return Completed(0, "", "")


def test_macos_adds_to_the_login_keychain_with_security(home: Path, ca: CaInfo) -> None:
    tool = Recorder({"verify-cert": 1})
    trust = Trust(
        home=home, platform="darwin", tools=ToolContext(runner=tool, which=lambda n: "/usr/bin/" + n)
    )
    [state] = trust.status(ca)
    assert state.kind == "macos-login" and state.trusted is False
    trust.trust(ca)
    add = next(argv for argv in tool.ran if "add-trusted-cert" in argv)
    keychain = str(home / "Library" / "Keychains" / "login.keychain-db")
    assert add[:8] == ["security", "add-trusted-cert", "-r", "trustRoot", "-p", "ssl", "-k", keychain]
    assert add[8].endswith(".pem")

    tool.ran.clear()
    trust.untrust(ca)
    assert ["security", "delete-certificate", "-Z", ca.sha1_hex, keychain] in tool.ran
    assert any(argv[:2] == ["security", "remove-trusted-cert"] for argv in tool.ran)


def test_windows_adds_to_the_current_user_root_store(home: Path, ca: CaInfo) -> None:
    tool = Recorder({"-verifystore": 1})
    trust = Trust(home=home, platform="win32", tools=ToolContext(runner=tool, which=lambda n: "C:\\x\\" + n))
    [state] = trust.status(ca)
    assert state.kind == "windows-user-root" and state.location == r"Cert:\CurrentUser\Root"
    trust.trust(ca)
    add = next(argv for argv in tool.ran if "-addstore" in argv)
    assert add[:5] == ["certutil", "-user", "-f", "-addstore", "Root"]

    tool.answers = {}  # now it is there
    tool.ran.clear()
    outcome = trust.untrust(ca)
    assert ["certutil", "-user", "-delstore", "Root", ca.serial_hex] in tool.ran
    assert outcome.changed == (r"Cert:\CurrentUser\Root",)


def test_a_refusing_store_is_reported_and_the_others_still_change(home: Path, ca: CaInfo) -> None:
    tool = Recorder({"add-trusted-cert": 1, "verify-cert": 1})
    trust = Trust(
        home=home, platform="darwin", tools=ToolContext(runner=tool, which=lambda n: "/usr/bin/" + n)
    )
    outcome = trust.trust(ca)
    assert outcome.changed == ()
    assert outcome.failed and "add-trusted-cert failed" in outcome.failed[0][1]


@pytest.fixture
def german() -> Iterator[None]:
    i18n.set_language("de")
    yield
    i18n.set_language("en")


def _labels(trust: Trust, ca: CaInfo) -> dict[str, tuple[str, str]]:
    return {state.location: (state.name, state.label) for state in trust.status(ca)}


def test_store_names_are_read_in_the_language_in_use_and_stay_english_for_json(
    home: Path, ca: CaInfo, german: None
) -> None:
    (home / ".mozilla" / "firefox" / "abc.default").mkdir(parents=True)
    (home / ".mozilla" / "firefox" / "abc.default" / "cert9.db").write_bytes(b"")
    tools = ToolContext(which=lambda name: None)  # names need no certutil
    labels = _labels(Trust(home=home, platform="linux", tools=tools), ca)
    assert labels[str(home / ".pki" / "nssdb")] == ("Chrome and Chromium", "Chrome und Chromium")
    profile = str(home / ".mozilla" / "firefox" / "abc.default")
    assert labels[profile] == ("Firefox profile abc.default", "Firefox-Profil abc.default")
    system = next(
        state for state in Trust(home=home, platform="linux", tools=tools).status(ca) if not state.managed
    )
    assert system.label.startswith("Zertifikatspeicher des Systems")
    assert system.to_json()["name"] == "System certificate store (all users; needs root)"
    for platform, german_name in (
        ("darwin", "macOS-Schlüsselbund „Anmeldung“"),
        ("win32", "Vertrauenswürdige Stammzertifizierungsstellen von Windows (aktueller Benutzer)"),
    ):
        states = Trust(home=home, platform=platform, tools=tools).status(ca)
        assert german_name in {state.label for state in states}, platform


def test_in_english_the_label_is_the_name(home: Path, ca: CaInfo) -> None:
    tools = ToolContext(which=lambda name: None)
    for state in Trust(home=home, platform="linux", tools=tools).status(ca):
        assert state.label == state.name
