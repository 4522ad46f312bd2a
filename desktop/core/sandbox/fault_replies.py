"""The answers of an injected fault, in each host's own style: what Instagram says when it fails.

A rate limit carries Meta's usage header and codes, an error its Graph code and subcode with
Meta's words, a 5xx from a proxy an HTML page or nothing at all, and the dialog an error screen.
"""

from __future__ import annotations

import json

from desktop.core.sandbox.consent import render_error
from desktop.core.sandbox.faults import Fault
from desktop.core.sandbox.provider import CODE_NOT_FOUND
from desktop.core.sandbox.replies import Reply, flat_error, graph_error, html_reply

_FAULT_MESSAGES = {
    1: "An unknown error has occurred.",
    2: "An unexpected error has occurred. Please retry your request later.",
    4: "Application request limit reached",
    10: "(#10) Application does not have permission for this action",
    17: "User request limit reached",
    32: "Page request limit reached",
    100: "(#100) Invalid parameter",
    190: "Invalid OAuth access token - Cannot parse access token",
    200: "(#200) Requires instagram_business_content_publish permission to manage the object",
    613: "Calls to this api have exceeded the rate limit.",
    80002: "There have been too many calls to this Instagram account. Wait a bit and try again.",
}
_SUBCODE_MESSAGES = {
    458: "Error validating access token: The user has not authorized application.",
    459: "Error validating access token: You cannot access the app till you log in to www.instagram.com "
    "and follow the instructions given.",
    460: "Error validating access token: The session has been invalidated because the user changed "
    "their password.",
    463: "Error validating access token: Session has expired.",
    467: "Error validating access token: The access token is invalid.",
}


def fault_reply(fault: Fault, endpoint: str, client_id: str) -> Reply:
    """What Instagram's hosts answer when ``fault`` strikes ``endpoint`` (``client_id`` names the app
    in the usage header of a rate limit)."""
    if fault.kind == "drop":
        return Reply(0, drop=True)
    if endpoint == "/oauth/authorize":
        return html_reply(fault.status, render_error("Something went wrong", "Please try again later."))
    if fault.kind == "rate_limit":
        code = fault.graph_code if fault.graph_code is not None else 4
        usage = {
            client_id: [
                {
                    "type": "instagram",
                    "call_count": 100,
                    "total_cputime": 20,
                    "total_time": 35,
                    "estimated_time_to_regain_access": fault.regain_minutes,
                }
            ]
        }
        return graph_error(
            fault.status,
            code,
            fault.message or _FAULT_MESSAGES.get(code, "Rate limit reached"),
            is_transient=True,
            headers={"X-Business-Use-Case-Usage": json.dumps(usage, separators=(",", ":"))},
        )
    if fault.kind == "error":
        if endpoint == "/oauth/access_token":
            return flat_error(fault.message or CODE_NOT_FOUND, status=fault.status)
        code = fault.graph_code if fault.graph_code is not None else 190
        message = fault.message or (
            _SUBCODE_MESSAGES.get(fault.graph_subcode or 0) or _FAULT_MESSAGES.get(code, "An error occurred")
        )
        return graph_error(fault.status, code, message, subcode=fault.graph_subcode)
    # kind == "status"
    if fault.body == "html":
        page = f"<html><body><h1>{fault.status} Service Unavailable</h1><p>proxy</p></body></html>"
        return Reply(fault.status, page.encode(), "text/html; charset=utf-8")
    if fault.body == "empty":
        return Reply(fault.status, b"", "text/plain")
    code = 1 if fault.status == 500 else 2
    return graph_error(
        fault.status,
        code,
        fault.message or _FAULT_MESSAGES[code],
        error_type="OAuthException",
        is_transient=True,
    )
