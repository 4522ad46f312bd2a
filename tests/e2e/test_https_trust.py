"""The https loopback redirect in a real Chromium: trusted once, it just works; untrusted, the paste
path still does; and the CA's name constraints hold even for a browser that trusts it.

Chromium's ``HOME`` is a temporary folder, so trust comes only from the NSS database the test put
there with Socialdesk's own trust step. Certificate errors are never ignored.
"""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography import x509

from desktop.core.services import Services
from desktop.core.tls.authority import Authority
from desktop.core.tls.local_ca import load_leaf
from tests.e2e.chromium import Chromium, Consent, consent_job
from tests.integration.conftest import start

LOCAL_NAMES = ("localhost", "127.0.0.1")


def test_with_the_ca_trusted_a_connect_over_https_completes_without_a_warning(
    services: Services, chromium: Chromium, tmp_path: Path
) -> None:
    attempt = start(services)
    assert attempt.start_url.startswith("https://localhost:")
    visit = chromium.submit(consent_job(attempt.start_url, Consent(screenshot_dir=tmp_path)))
    view = attempt.wait(timeout=40)
    landed = visit.result(timeout=40)

    assert view.username == "acme_business"
    final = httpx.URL(landed.final_url)
    assert (final.scheme, final.host, final.path) == ("https", "localhost", "/done")
    assert landed.final_heading == "You're connected — return to Socialdesk"
    assert landed.console_errors == []


@pytest.fixture
def untrusting_chromium(tmp_path: Path, untrusting_home: Path) -> Iterator[Chromium]:
    browser = Chromium(tmp_path / "profile", home=untrusting_home)
    try:
        yield browser
    finally:
        browser.close()


def untrusted_visit(start_url: str, authorize_url: str) -> Any:
    """The user without trust: the local link shows a certificate error, so they open Instagram's
    dialog, allow, and copy the address the browser could not load back into Socialdesk."""

    def job(context: Any) -> dict[str, str]:
        seen: dict[str, str] = {}
        warning = context.new_page()
        try:
            warning.goto(start_url)
            seen["start"] = "loaded"
        except Exception as exc:  # Playwright raises its own Error for a failed navigation
            seen["start"] = str(exc).splitlines()[0]
        finally:
            warning.close()
        page = context.new_page()
        try:
            page.on(
                "requestfailed",
                lambda request: (
                    seen.setdefault("callback", request.url) if "/callback/" in request.url else None
                ),
            )
            page.on("requestfailed", lambda request: seen.setdefault("failure", request.failure or ""))
            page.goto(authorize_url)
            page.wait_for_selector("form select[name=account]")
            page.get_by_role("button", name="Allow", exact=True).click()
            for _ in range(200):  # up to 20 s on a busy machine
                if "callback" in seen and "failure" in seen:
                    break
                page.wait_for_timeout(100)
            return seen
        finally:
            page.close()

    return job


def test_without_trust_chromium_reports_the_certificate_untrusted_and_pasting_completes(
    services: Services, untrusting_chromium: Chromium
) -> None:
    attempt = start(services)
    seen = untrusting_chromium.call(untrusted_visit(attempt.start_url, attempt.authorize_url), timeout=60)

    assert "ERR_CERT_AUTHORITY_INVALID" in seen["start"]
    assert "ERR_CERT_AUTHORITY_INVALID" in seen["failure"]
    assert not attempt.ended  # nothing reached the listener
    callback = httpx.URL(seen["callback"])
    assert (callback.scheme, callback.host, callback.path) == ("https", "localhost", "/callback/")

    attempt.submit_pasted_url(seen["callback"])
    assert attempt.wait(timeout=40).username == "acme_business"


class LeafServer:
    """A bare TLS server on 127.0.0.1 holding one leaf, answering one small page per connection."""

    def __init__(self, leaf: Any) -> None:
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        load_leaf(self.context, leaf)
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.handshakes: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        body = b"<h1>served</h1>"
        while not self._stop.is_set():
            try:
                raw, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            raw.settimeout(5)
            try:
                with self.context.wrap_socket(raw, server_side=True) as tls:
                    self.handshakes.append("ok")
                    tls.recv(65536)
                    tls.sendall(
                        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n"
                        + f"Content-Length: {len(body)}\r\n\r\n".encode()
                        + body
                    )
            except (ssl.SSLError, OSError) as exc:
                self.handshakes.append(type(exc).__name__)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.sock.close()


@pytest.fixture
def resolving_chromium(tmp_path: Path, chromium: Chromium, browser_ca: Authority) -> Iterator[Chromium]:
    """A browser trusting the CA (same HOME as ``chromium``) that resolves example.com to loopback."""
    home = chromium._home
    browser = Chromium(
        tmp_path / "profile", home=home, extra_args=("--host-resolver-rules=MAP example.com 127.0.0.1",)
    )
    try:
        yield browser
    finally:
        browser.close()


def _load(browser: Chromium, url: str) -> str:
    def job(context: Any) -> str:
        page = context.new_page()
        try:
            page.goto(url)
            return "loaded: " + page.inner_text("h1")
        except Exception as exc:
            return str(exc).splitlines()[0]
        finally:
            page.close()

    return browser.call(job)


def test_a_leaf_for_another_host_signed_by_the_trusted_ca_is_refused(
    resolving_chromium: Chromium, browser_ca: Authority
) -> None:
    now = datetime.now(UTC)
    rogue = LeafServer(browser_ca.sign_leaf(now, names=[x509.DNSName("example.com")]))
    genuine = LeafServer(browser_ca.sign_leaf(now))
    try:
        # The same browser, the same CA: the loopback leaf is accepted...
        assert _load(resolving_chromium, f"https://localhost:{genuine.port}/") == "loaded: served"
        # ...and a leaf for a real site's name is refused by the CA's name constraints.
        refused = _load(resolving_chromium, f"https://example.com:{rogue.port}/")
    finally:
        rogue.close()
        genuine.close()
    assert "ERR_CERT_INVALID" in refused or "ERR_CERT_NAME_CONSTRAINT_VIOLATION" in refused, refused
