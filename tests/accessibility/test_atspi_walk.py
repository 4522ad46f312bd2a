"""The real window under Xvfb, as a screen reader meets it over AT-SPI, driven by the keyboard alone.

The window runs as its own process (``python -m desktop``) with Qt's accessibility bridge on; the
walker (tests/support/atspi_walker.py, run by the system Python, which has pyatspi) reads the tree
and sends real key presses through the AT-SPI registry. Walked: connect, an error, dismissing it,
switching workspace, filling the app form, and disconnecting with confirmation. Checked each time:
names, roles, states and the text read out.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.accessibility.conftest import Walker

pytestmark = pytest.mark.real_keychain

#: A connection is an item of the connections list, read out as "@user, type, status, dates".
ROW_ROLE = "list item"
ROW_NAME = "@acme_business, Business"


def test_keyboard_alone_through_connect_error_workspace_form_and_disconnect(
    desktop: tuple[Walker, Path, Path],
) -> None:
    walk, control, _base = desktop
    # Every showing control has a name; no label's name hides the text it shows.
    for node in walk("nodes")["nodes"]:
        if node["role"] in ("push button", "text", "password text", "combo box", "check box", "list item"):
            assert node["name"].strip(), node
        if node["role"] == "label" and node["text"].strip() and node["name"]:
            assert node["text"].strip() in node["name"], node

    # Connect, with the keyboard alone.
    connect = walk.tab_to("push button", "Connect Instagram")
    assert {"enabled", "focusable", "focused", "showing"} <= set(connect["states"])
    walk("key", keysym="space")
    row = walk.node(role=ROW_ROLE, contains=ROW_NAME, timeout=40)
    assert "showing" in row["states"]
    notice = walk.node(role="label", contains="Connected @acme_business")
    assert notice["name"] == "Connected @acme_business."
    walk.node(role="image", name="Done")
    # The focus went to the new row, never to its Disconnect button.
    assert walk.focused()["name"].startswith(ROW_NAME)

    # An error: its message and its code are read out; the focus is on its primary action.
    control.write_text(json.dumps({"account": "jane.personal"}))
    walk.tab_to("push button", "Connect Instagram")
    walk("key", keysym="space")
    walk.node(role="panel", name="Error", timeout=40)
    message = walk.node(role="label", name="Connecting Instagram requires a Business or Creator account.")
    assert "showing" in message["states"]
    # The code label reads out the code itself, described as the error code.
    code = walk.node(role="label", name="instagram_no_business_account")
    assert code["description"] == "Error code"
    focused = walk.focused()
    assert (focused["role"], focused["name"]) == ("push button", "Connect again")
    walk("find", role="table", name="Troubleshooting table")
    # Dismiss it from the keyboard: the focus is back on Connect.
    walk.tab_to("push button", "Dismiss")
    walk("key", keysym="space")
    walk("find", role="panel", name="Error", absent=True)
    assert walk.focused()["name"] == "Connect Instagram"

    # Switch workspace with the keyboard.
    walk.tab_to("combo box", "My workspace")
    walk("key", keysym="Down")
    walk.node(role="label", name="No Instagram account connected yet", timeout=20)
    walk("find", role=ROW_ROLE, contains=ROW_NAME, absent=True)
    walk("key", keysym="Up")
    walk.node(role=ROW_ROLE, contains=ROW_NAME, timeout=20)
    # Churn: the list is reset again and again while a screen reader reads the whole tree.
    for _round in range(4):
        for keysym in ("Down", "Up"):
            walk("key", keysym=keysym)
            walk("nodes")
    walk.node(role=ROW_ROLE, contains=ROW_NAME, timeout=20)
    assert walk.focused()["role"] == "combo box"

    # Fill the app form: a wrong App ID is explained at the field.
    walk.tab_to("text", "Instagram App ID")
    walk("type", text="12ab")
    walk.tab_to("password text", "Instagram App Secret")
    walk("type", text="secret")
    walk.tab_to("push button", "Save Instagram app")
    walk("key", keysym="space")
    field_error = walk.node(role="label", contains="app_misconfigured", timeout=20)
    assert "The Instagram App ID is a number." in field_error["name"]
    assert walk.focused()["name"] == "Instagram App ID"

    # Disconnect, confirming in the dialog; its default is to keep the account.
    walk.tab_to("push button", "Disconnect @acme_business")
    walk("key", keysym="space")
    walk.node(role="push button", name="Disconnect @acme_business", timeout=10)
    keep = walk.focused(role="push button")
    assert keep["name"] == "Keep @acme_business connected"
    walk("key", keysym="Escape")
    walk.node(role=ROW_ROLE, contains=ROW_NAME)
    walk.tab_to("push button", "Disconnect @acme_business")
    walk("key", keysym="space")
    walk.focused(name="Keep @acme_business connected")
    walk("key", keysym="Tab")
    assert walk.focused()["name"] == "Disconnect @acme_business"
    walk("key", keysym="space")
    walk("find", role=ROW_ROLE, contains=ROW_NAME, absent=True, timeout=30)
    # The notice says what happened and what is left to do at Instagram.
    removed = walk.node(role="label", contains="Removed @acme_business from this workspace")
    assert "instagram.com/accounts/manage_access" in removed["name"]
