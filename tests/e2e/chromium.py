"""Debian's Chromium, driven by Playwright on a thread of its own, as the user's browser beside the app.

Playwright's sync API belongs to the thread that started it, while the app under test blocks the
test's thread (``attempt.wait``) or runs the Qt event loop. So one thread owns Playwright and the
browser and runs jobs handed to it; callers get a Future. The browser is the system's
``/usr/bin/chromium`` (never a downloaded build) on a fresh profile folder, with the flags that keep it
off the network: everything it is asked to load is on loopback.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
#: Milliseconds any single browser step may take before the test fails instead of hanging.
STEP_TIMEOUT_MS = 20_000
#: Where a test run may also keep its screenshots (to look at them after the run).
SCREENSHOT_DIR_ENV = "SOCIALDESK_E2E_SCREENSHOTS"
#: The listener's landing pages. Browsers carry a redirect's fragment over to its target, so Meta's
#: ``#_`` may follow.
LANDING_RE = re.compile(r"/(done|cancelled|error)(#_?)?$")

T = TypeVar("T")


def browser_missing_reason() -> str | None:
    """Why the end-to-end browser cannot run here, or None when it can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    return None


def browser_required() -> bool:
    """CI must run these tests: there a missing browser is a failure, not a skip."""
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("SOCIALDESK_REQUIRE_BROWSER") == "1"


class Chromium:
    """One headless Chromium on a fresh profile; :meth:`submit` runs a job on its thread.

    ``home`` becomes the browser's ``HOME``, so it reads trust from ``home/.pki/nssdb`` and never
    from the machine's own. Certificate errors are never ignored.
    """

    def __init__(
        self, profile_dir: Path, *, home: Path | None = None, extra_args: tuple[str, ...] = ()
    ) -> None:
        self._profile_dir = profile_dir
        self._home = home
        self._extra_args = extra_args
        self._jobs: queue.Queue[tuple[Callable[[Any], Any], Future[Any]] | None] = queue.Queue()
        self._ready: Future[None] = Future()
        self._thread = threading.Thread(target=self._run, name="chromium", daemon=True)
        self._thread.start()
        self._ready.result(timeout=60)

    def submit(self, job: Callable[[Any], T]) -> Future[T]:
        """Run ``job(context)`` on the browser thread; ``context`` is Playwright's BrowserContext."""
        done: Future[T] = Future()
        self._jobs.put((job, done))
        return done

    def call(self, job: Callable[[Any], T], timeout: float = 60) -> T:
        return self.submit(job).result(timeout=timeout)

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join(30)

    def _run(self) -> None:
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as playwright:
                context = playwright.chromium.launch_persistent_context(
                    str(self._profile_dir),
                    executable_path=str(CHROMIUM),
                    args=[*LAUNCH_ARGS, *self._extra_args],
                    env={**os.environ, "HOME": str(self._home)} if self._home is not None else None,
                    ignore_https_errors=False,
                    headless=True,
                    viewport={"width": 900, "height": 900},
                )
                try:
                    context.set_default_timeout(STEP_TIMEOUT_MS)
                    self._ready.set_result(None)
                    while (item := self._jobs.get()) is not None:
                        job, done = item
                        try:
                            done.set_result(job(context))
                        except BaseException as exc:
                            done.set_exception(exc)
                finally:
                    context.close()
        except BaseException as exc:
            if not self._ready.done():
                self._ready.set_exception(exc)
            raise


@dataclass
class Visit:
    """What the browser went through on one trip from the app's link back to the app."""

    consent_title: str = ""
    account_options: list[str] = field(default_factory=list)
    ticked_scopes: list[str] = field(default_factory=list)
    final_url: str = ""
    final_title: str = ""
    final_heading: str = ""
    final_text: str = ""
    #: Console errors and CSP violations the browser reported on the pages it showed.
    console_errors: list[str] = field(default_factory=list)
    screenshots: dict[str, Path] = field(default_factory=dict)


@dataclass(frozen=True)
class Consent:
    """What the person does on the consent page: pick an account, then press Allow or Cancel."""

    account: str = "acme_business"
    action: str = "allow"
    screenshot_dir: Path | None = None
    #: Permissions to untick before pressing the button.
    untick: tuple[str, ...] = ()
    #: Where the browser ends up, when not on one of the app's landing pages.
    lands_on: re.Pattern[str] | None = None


def consent_job(start_url: str, consent: Consent) -> Callable[[Any], Visit]:
    """A browser job: open the app's link, answer the sandbox's consent page, land back at the app."""

    def job(context: Any) -> Visit:
        context.clear_cookies()
        page = context.new_page()
        visit = Visit()
        page.on("console", lambda message: _note_console(visit, message))
        try:
            page.goto(start_url)  # the listener's /start, which sends the browser on to the dialog
            page.wait_for_selector("form select[name=account]")
            visit.consent_title = page.title()
            visit.account_options = page.eval_on_selector_all(
                "select[name=account] option", "options => options.map(o => o.value)"
            )
            visit.ticked_scopes = page.eval_on_selector_all(
                "input[name=scope]:checked", "boxes => boxes.map(b => b.value)"
            )
            page.select_option("select[name=account]", consent.account)
            for scope in consent.untick:
                page.uncheck(f"input[name=scope][value='{scope}']")
            _screenshot(page, consent, "consent")
            label = "Allow" if consent.action == "allow" else "Cancel"
            page.get_by_role("button", name=label, exact=True).click()
            page.wait_for_url(consent.lands_on or LANDING_RE)
            page.wait_for_load_state("load")
            visit.final_url = page.url
            visit.final_title = page.title()
            visit.final_heading = page.inner_text("h1")
            visit.final_text = page.inner_text("body")
            _screenshot(page, consent, "landing")
            visit.screenshots = _saved(consent)
            return visit
        finally:
            page.close()

    return job


def _note_console(visit: Visit, message: Any) -> None:
    if message.type != "error":
        return
    where = str((message.location or {}).get("url", ""))
    if where.endswith("/favicon.ico"):
        return  # the browser asks every origin for an icon; a 404 there is not the page's fault
    visit.console_errors.append(f"{message.text} ({where})")


def _screenshot(page: Any, consent: Consent, name: str) -> None:
    if consent.screenshot_dir is None:
        return
    path = consent.screenshot_dir / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    keep = os.environ.get(SCREENSHOT_DIR_ENV)
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, Path(keep) / f"{consent.screenshot_dir.name}-{name}.png")


def _saved(consent: Consent) -> dict[str, Path]:
    if consent.screenshot_dir is None:
        return {}
    return {p.stem: p for p in sorted(consent.screenshot_dir.glob("*.png"))}
