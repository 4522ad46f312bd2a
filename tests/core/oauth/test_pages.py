from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

from desktop.core.errors import CATALOGUE
from desktop.core.oauth.pages import PAGE_NAMES, Page, Pages
from desktop.core.resources import resource_path


def _text(page: Page) -> str:
    return page.body.decode("utf-8")


def _all_pages(pages: Pages) -> list[Page]:
    return [
        pages.done("acme_business", "My workspace"),
        pages.failed("scope_rejected"),
        pages.finishing(),
        pages.cancelled(),
        pages.error("x"),
        pages.link_expired(),
        pages.neutral(),
        pages.not_found(),
    ]


def test_inline_style_is_allowed_by_its_hash_and_nothing_else_loads() -> None:
    pages = Pages.load()
    for page in _all_pages(pages):
        match = re.search(r"<style>(.*?)</style>", _text(page), re.DOTALL)
        assert match is not None
        digest = base64.b64encode(hashlib.sha256(match.group(1).encode("utf-8")).digest()).decode()
        csp = page.content_security_policy
        assert f"style-src 'sha256-{digest}'" in csp
        assert "default-src 'none'" in csp
        assert "frame-ancestors 'none'" in csp
        assert "<script" not in _text(page)


def test_done_page_names_the_account_and_workspace_escaped() -> None:
    text = _text(Pages.load().done("acme_business", "<Acme & Co>"))
    assert "<h1>@acme_business is connected</h1>" in text
    assert "“&lt;Acme &amp; Co&gt;”" in text


def test_failed_page_gives_the_catalogue_message_code_and_action() -> None:
    text = _text(Pages.load().failed("instagram_no_business_account"))
    info = CATALOGUE["instagram_no_business_account"]
    assert "<h1>Not connected</h1>" in text
    assert info.message in text and "(instagram_no_business_account)" in text and info.action in text


def test_finishing_page_claims_nothing() -> None:
    text = _text(Pages.load().finishing())
    assert "<h1>Finishing in Socialdesk</h1>" in text
    assert "is connected" not in text


def test_cancelled_page_uses_the_catalogue() -> None:
    text = _text(Pages.load().cancelled())
    assert CATALOGUE["access_denied"].message in text
    assert CATALOGUE["access_denied"].action in text


def test_link_expired_page_uses_the_catalogue() -> None:
    text = _text(Pages.load().link_expired())
    assert CATALOGUE["state_expired"].message in text


def test_error_description_is_html_escaped() -> None:
    text = _text(Pages.load().error('<script>alert("x")</script> & more'))
    assert "<script>" not in text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more" in text


def test_every_template_exists_in_resources() -> None:
    folder = resource_path("pages")
    for name in PAGE_NAMES:
        assert (folder / f"{name}.html").is_file()
    assert (folder / "base.html").is_file()
    assert (folder / "style.css").is_file()


def test_a_missing_template_is_reported(tmp_path: Path) -> None:
    source = resource_path("pages")
    for item in source.iterdir():
        if item.name != "done.html":
            (tmp_path / item.name).write_text(item.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(FileNotFoundError):
        Pages.load(tmp_path)
    with pytest.raises(ValueError, match="done"):
        Pages("<html>$content</html>", "", {})
