"""Facebook's own error codes on top of the Graph envelope shared with graph.instagram.com.

The envelope, token-death (190 with 458, 460, 463, 467 → ``needs_reconnect``), permission,
rate-limit and transient families are mapped by :mod:`desktop.core.instagram.errors`. Facebook adds
the code-exchange errors: code 100 with subcode 36007 (code expired) or 36009 (code used) means the
sign-in code is no good, 36008 means the redirect URI differs from the dialog's.
"""

from __future__ import annotations

from typing import Any

from desktop.core.instagram.errors import InstagramError

CODE_EXPIRED_SUBCODE = 36007
REDIRECT_MISMATCH_SUBCODE = 36008
CODE_USED_SUBCODE = 36009


def refine(error: InstagramError) -> InstagramError:
    """The Facebook reading of an error the shared mapping called ``provider_error``."""
    if error.code != "provider_error" or error.graph_code != 100:
        return error
    fields: dict[str, Any] = {
        "graph_code": error.graph_code,
        "graph_subcode": error.graph_subcode,
        "fbtrace_id": error.fbtrace_id,
        "http_status": error.http_status,
    }
    detail = error.detail.split(":", 1)[0]
    if error.graph_subcode in {CODE_EXPIRED_SUBCODE, CODE_USED_SUBCODE}:
        return InstagramError("code_invalid", detail, **fields)
    if error.graph_subcode == REDIRECT_MISMATCH_SUBCODE:
        return InstagramError(
            "app_misconfigured", f"{detail}; the redirect URI differs from the dialog's", **fields
        )
    return error
