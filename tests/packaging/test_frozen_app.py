"""The frozen app behaves like the source one: smoke test, sandbox connect through the CLI with the
pages it serves, logs in the platform's log folder, and a windowed start with no stderr at all."""

from __future__ import annotations

import json
import os
import re
import signal
import ssl
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode, urljoin

import httpx
import pytest

from desktop import __version__
from desktop.core.resources import read_text
from tests.packaging.conftest import FrozenBuild
from tests.support.consent import parse_consent_form

pytestmark = [pytest.mark.timeout(900), pytest.mark.real_keychain]

START_LINK = re.compile(r"^\s+(https?://localhost:\d+/start\?state=\S+)$")


def run(
    build: FrozenBuild, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(build.executable), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
        env=env,
    )


def test_smoke_test_passes_and_writes_nothing_to_stderr(frozen_build: FrozenBuild, base_dir: Path) -> None:
    result = run(frozen_build, "--smoke-test")

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == f"socialdesk {__version__}: smoke test passed"
    assert result.stderr == ""


@pytest.fixture
def connecting(frozen_build: FrozenBuild, base_dir: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """``socialdesk --sandbox connections connect --no-browser`` running, and the link it printed."""
    process = subprocess.Popen(
        [str(frozen_build.executable), "--sandbox", "connections", "connect", "--no-browser"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        link = ""
        for line in process.stdout:
            match = START_LINK.match(line.rstrip("\n"))
            if match:
                link = match.group(1)
                break
        assert link, f"no start link printed; stderr: {process.stderr.read() if process.stderr else ''}"
        yield process, link
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)


def test_sandbox_connect_through_the_cli_serves_every_page(
    connecting: tuple[subprocess.Popen[str], str], frozen_build: FrozenBuild, base_dir: Path
) -> None:
    process, link = connecting
    # The browser trusts the frozen app's local CA, as a user's does once trusted (the link is https).
    ca = (base_dir / "data" / "tls" / "local-ca.pem").read_text(encoding="ascii")
    with httpx.Client(timeout=20.0, verify=ssl.create_default_context(cadata=ca)) as http:
        trampoline = http.get(link)
        assert trampoline.status_code in (302, 303, 307)
        consent = http.get(trampoline.headers["location"])
        assert consent.status_code == 200
        form = parse_consent_form(consent.text)
        assert "acme_business" in form.accounts
        stylesheet = http.get(urljoin(str(consent.url), "/_sandbox/static/sandbox.css"))
        assert stylesheet.status_code == 200
        assert stylesheet.text == read_text("sandbox", "sandbox.css")

        data = [*form.hidden.items(), ("account", "acme_business")]
        data += [("scope", scope) for scope in form.scopes]
        data.append(("action", "allow"))
        decision = http.post(
            urljoin(str(consent.url), form.action),
            content=urlencode(data),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert decision.status_code in (302, 303)
        done = http.get(decision.headers["location"], follow_redirects=True)

    assert done.status_code == 200
    assert "@acme_business is connected" in done.text
    first_css_rule = read_text("pages", "style.css").splitlines()[0]
    assert first_css_rule in done.text

    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "Connected @acme_business (Business)" in out

    listing = run(frozen_build, "--sandbox", "connections", "list", "--json")
    assert listing.returncode == 0, listing.stderr
    assert [row["username"] for row in json.loads(listing.stdout)] == ["acme_business"]

    vault = run(frozen_build, "vault", "status")
    assert vault.returncode == 0, vault.stderr
    assert "mode: persistent" in vault.stdout
    assert "keyring.backends.SecretService.Keyring" in vault.stdout


def test_logs_go_to_the_platform_log_folder(frozen_build: FrozenBuild, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SOCIALDESK_BASE_DIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"}
    }
    env["HOME"] = str(home)

    result = run(frozen_build, "--smoke-test", env=env)

    assert result.returncode == 0, result.stdout + result.stderr
    log_file = home / ".local" / "state" / "Socialdesk" / "log" / "socialdesk.log"
    assert f"socialdesk {__version__} starting (smoke test)" in log_file.read_text(encoding="utf-8")
    assert (home / ".config" / "Socialdesk").is_dir()


def _wait_for_line(path: Path, text: str, process: subprocess.Popen[bytes], seconds: float) -> str:
    deadline = time.monotonic() + seconds
    content = ""
    while time.monotonic() < deadline and process.poll() is None:
        content = path.read_text(encoding="utf-8") if path.exists() else ""
        if text in content:
            return content
        time.sleep(0.2)
    return path.read_text(encoding="utf-8") if path.exists() else content


def test_the_window_starts_and_logs_with_stderr_closed(frozen_build: FrozenBuild, base_dir: Path) -> None:
    """A windowed build has no stderr at all (``sys.stderr is None``): the app must still start,
    install its crash hook and log. The window runs on Qt's offscreen platform."""
    process = subprocess.Popen(
        ["sh", "-c", 'exec "$@" 2>&- 1>&-', "sh", str(frozen_build.executable), "--no-crash-dialog"],
        stdin=subprocess.DEVNULL,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    log_file = base_dir / "logs" / "socialdesk.log"
    try:
        content = _wait_for_line(log_file, "window shown", process, seconds=60)
        assert process.poll() is None, f"the window exited early with {process.returncode}:\n{content}"
    finally:
        process.terminate()
        process.wait(timeout=30)

    assert f"socialdesk {__version__} starting (window)" in content
    assert "window shown" in content
    assert "uncaught" not in content
    assert "Traceback" not in content
