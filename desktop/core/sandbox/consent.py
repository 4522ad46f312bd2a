"""The sandbox's consent dialog and error screen, rendered from ``resources/sandbox``.

The form is a documented contract that scripts and tests rely on: ``<form method="post">`` with
hidden fields carrying the request, ``<select name="account">`` of usernames when the browser must
sign in (no session yet, or ``force_authentication=1``), otherwise the signed-in account in words
(``<p id="signed-in-account">``) and no choice, one ticked checkbox ``name="scope"`` per requested
scope, and submit buttons ``name="action"`` valued ``allow`` and ``deny``. Every value placed in a
page is HTML-escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape
from string import Template

from desktop.core.instagram import scopes as scope_names
from desktop.core.resources import read_text
from desktop.core.sandbox.accounts import SandboxAccount

#: Each scope in plain words: (what the app can do, what that means).
SCOPE_WORDING: Mapping[str, tuple[str, str]] = {
    scope_names.BASIC: (
        "See your profile and posts",
        "Your username, name, profile picture, account type and follower counts. Required.",
    ),
    scope_names.CONTENT_PUBLISH: (
        "Publish posts, reels and stories",
        "Share photos and videos to your account on your behalf.",
    ),
    scope_names.MANAGE_INSIGHTS: (
        "Read insights",
        "See how your account and its posts perform: reach, views and engagement.",
    ),
    scope_names.MANAGE_COMMENTS: (
        "Manage comments",
        "Read, reply to, hide and delete comments on your posts.",
    ),
    scope_names.MANAGE_MESSAGES: (
        "Manage messages",
        "Read and answer direct messages sent to your account.",
    ),
}
_ACCOUNT_TYPE_WORDS = {"BUSINESS": "Business", "MEDIA_CREATOR": "Creator", "PERSONAL": "Personal"}


def render_consent(
    *,
    app_name: str,
    hidden: Mapping[str, str],
    accounts: Sequence[SandboxAccount],
    requested_scopes: Iterable[str],
    selected_username: str | None = None,
    notice: str = "",
    notice_is_error: bool = False,
    signed_in: SandboxAccount | None = None,
) -> str:
    """The consent dialog for one authorize request; ``hidden`` carries that request back on POST.

    With ``signed_in`` the browser already has an Instagram session: the page continues as that
    account and offers no other, as Instagram does without ``force_authentication``.
    """
    if selected_username is None:
        selected_username = next((a.username for a in accounts if a.is_professional), None)
    hidden_fields = "\n".join(
        f'    <input type="hidden" name="{escape(name)}" value="{escape(value)}">'
        for name, value in hidden.items()
    )
    options = "\n".join(
        f'        <option value="{escape(account.username)}"'
        f"{' selected' if account.username == selected_username else ''}>"
        f"{escape(account.username)} ({_ACCOUNT_TYPE_WORDS.get(account.account_type, 'Account')} account)"
        "</option>"
        for account in accounts
    )
    items = []
    for index, scope in enumerate(requested_scopes, start=1):
        title, detail = SCOPE_WORDING.get(scope, (scope, ""))
        items.append(
            '      <div class="scope">\n'
            f'        <input type="checkbox" id="scope-{index}" name="scope" value="{escape(scope)}" checked>\n'
            f'        <label for="scope-{index}"><span class="scope-title">{escape(title)}</span>'
            f'<span class="scope-detail">{escape(detail)}</span></label>\n'
            "      </div>"
        )
    notice_html = ""
    if notice:
        css = "notice error" if notice_is_error else "notice"
        role = "alert" if notice_is_error else "status"
        notice_html = f'  <p class="{css}" role="{role}">{escape(notice)}</p>'
    if signed_in is not None:
        words = _ACCOUNT_TYPE_WORDS.get(signed_in.account_type, "Account")
        account_field = (
            '    <div class="field">\n'
            f'      <p id="signed-in-account">Continue as <strong>@{escape(signed_in.username)}</strong> '
            f"({words} account)</p>\n"
            '      <p class="help">Signed in to Instagram in this browser. To use another account, the app '
            "must ask Instagram to sign you in again.</p>\n"
            "    </div>"
        )
    else:
        account_field = (
            '    <div class="field">\n'
            '      <label for="account">Continue as</label>\n'
            '      <select id="account" name="account" required aria-describedby="account-help">\n'
            f"{options}\n"
            "      </select>\n"
            '      <p id="account-help" class="help">Only Business and Creator accounts can be connected.</p>\n'
            "    </div>"
        )
    return Template(read_text("sandbox", "consent.html")).substitute(
        app_name=escape(app_name),
        app_initial=escape((app_name[:1] or "A").upper()),
        notice=notice_html,
        hidden_fields=hidden_fields,
        account_field=account_field,
        scope_items="\n".join(items),
    )


def render_error(title: str, message: str) -> str:
    """Meta's own error screens: shown in the browser, never redirected to the app."""
    return Template(read_text("sandbox", "error.html")).substitute(
        title=escape(title), message=escape(message)
    )


def stylesheet() -> bytes:
    return read_text("sandbox", "sandbox.css").encode("utf-8")
