"""The Facebook half's consent dialog, on the same form contract as the Instagram half's.

``<form method="post">`` with hidden fields carrying the request (``client_id``, ``redirect_uri``,
``response_type``, ``requested_scopes``, ``state`` and ``auth_type`` when given), ``<select
name="account">`` of test people, one ticked ``<input type="checkbox" name="scope">`` per permission
asked for, one ticked ``<input type="checkbox" name="page" value="PAGE_ID">`` per Page, and the
buttons ``name="action"`` valued ``allow`` and ``deny``. Every value placed in the page is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from desktop.core.facebook import scopes as fb
from desktop.core.sandbox.facebook.people import Person

SCOPE_WORDING: Mapping[str, str] = {
    fb.INSTAGRAM_BASIC: "See the Instagram accounts linked to your Pages and their profiles",
    fb.CONTENT_PUBLISH: "Publish posts, reels and stories to those Instagram accounts",
    fb.MANAGE_INSIGHTS: "Read insights of those Instagram accounts",
    fb.PAGES_SHOW_LIST: "See the list of Pages you manage",
    fb.PAGES_READ_ENGAGEMENT: "Read content and engagement of your Pages",
    fb.BUSINESS_MANAGEMENT: "See the business portfolios you belong to and their Pages",
}


def render_dialog(
    *,
    app_name: str,
    action: str,
    hidden: Mapping[str, str],
    people: Sequence[Person],
    scopes: Sequence[str],
    notice: str = "",
) -> str:
    hidden_fields = "\n".join(
        f'    <input type="hidden" name="{escape(k)}" value="{escape(v)}">' for k, v in hidden.items()
    )
    options = "\n".join(
        f'        <option value="{escape(p.handle)}"{" selected" if i == 0 else ""}>'
        f"{escape(p.name)} ({escape(p.handle)})</option>"
        for i, p in enumerate(people)
    )
    scope_items = "\n".join(
        '      <div class="scope">'
        f'<input type="checkbox" id="scope-{i}" name="scope" value="{escape(s)}" checked>'
        f'<label for="scope-{i}"><span class="scope-title">{escape(SCOPE_WORDING.get(s, s))}</span>'
        f'<span class="scope-detail">{escape(s)}</span></label></div>'
        for i, s in enumerate(scopes, start=1)
    )
    page_groups = []
    for person in people:
        items = "\n".join(
            '      <div class="scope">'
            f'<input type="checkbox" id="page-{escape(page.page_id)}" name="page" value="{escape(page.page_id)}" '
            f'checked><label for="page-{escape(page.page_id)}"><span class="scope-title">{escape(page.name)}'
            f'</span><span class="scope-detail">Page {escape(page.page_id)}</span></label></div>'
            for page in person.all_pages
        )
        page_groups.append(
            f'    <fieldset class="scopes"><legend>Pages of {escape(person.name)} to share</legend>\n'
            f"{items}\n    </fieldset>"
        )
    notice_html = f'  <p class="notice error" role="alert">{escape(notice)}</p>' if notice else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Continue to {escape(app_name)} with Facebook? · Facebook sandbox</title>
<link rel="stylesheet" href="/_sandbox/static/sandbox.css">
</head>
<body>
<main class="dialog" aria-labelledby="dialog-title">
  <header class="dialog-header">
    <p class="brand">Facebook</p>
    <p class="sandbox-badge">Sandbox: a local stand-in for Facebook Login for Business</p>
  </header>
  <h1 id="dialog-title">{escape(app_name)} wants to access your Pages and their Instagram accounts</h1>
{notice_html}
  <form method="post" action="{escape(action)}">
{hidden_fields}
    <div class="field">
      <label for="account">Continue as</label>
      <select id="account" name="account" required>
{options}
      </select>
      <p class="help">Only the Pages of the person you continue as are shared.</p>
    </div>
{chr(10).join(page_groups)}
    <fieldset class="scopes">
      <legend>{escape(app_name)} will be able to</legend>
{scope_items}
    </fieldset>
    <div class="actions">
      <button type="submit" name="action" value="allow" class="primary">Allow</button>
      <button type="submit" name="action" value="deny" class="secondary">Cancel</button>
    </div>
  </form>
</main>
</body>
</html>
"""
