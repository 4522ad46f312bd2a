"""The Facebook Login way and its account picker as a screen reader meets them over AT-SPI.

The real window under Xvfb (see conftest.py), keyboard alone: choose "Sign in with Facebook", go
through the sandbox's Facebook dialog as Maria (four Page-linked accounts, one Page without one),
read the picker from outside, connect two accounts and find them in the list; then show the picker
again and again while the whole tree is read, so its rows are refilled under the reader.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.accessibility.conftest import Walker

pytestmark = pytest.mark.real_keychain

ACCOUNTS = {
    "acme_coffee": "Page: Acme Coffee",
    "studio.lumen": "Page: Studio Lumen",
    "northwind_outfitters": "Page: Northwind Outfitters, through Northwind Group",
    "harbor.florist": "Page: Harbor Florist, through Northwind Group",
}
PICKER = "Choose the accounts to connect"


def _picker_nodes(walk: Walker) -> list[dict[str, Any]]:
    """The picker's nodes in reading order (the tree's order below its panel)."""
    nodes = walk("nodes")["nodes"]
    start = next(i for i, n in enumerate(nodes) if n["role"] == "panel" and n["name"] == PICKER)
    end = next(
        i
        for i, n in enumerate(nodes)
        if n["role"] == "push button" and n["name"].startswith("Connect ") and i > start
    )
    return nodes[start : end + 1]


def _open_picker(walk: Walker) -> None:
    walk.tab_to("push button", "Connect Instagram")
    walk("key", keysym="space")
    walk.node(role="check box", name="Connect @acme_coffee (Page Acme Coffee)", timeout=40)


def _assert_picker_read_out(walk: Walker, connected: set[str] = frozenset()) -> None:  # type: ignore[assignment]
    read = _picker_nodes(walk)
    # Every control in it has a name, and each row panel is named by what it shows.
    for node in read:
        if node["role"] in ("push button", "check box", "image", "label"):
            assert node["name"].strip(), node
    assert read[1] == {**read[1], "role": "label", "name": "Accounts linked to Pages Maria Rossi manages"}
    rows = [n for n in read if n["role"] == "panel" and n["name"].startswith("@")]
    boxes = [n for n in read if n["role"] == "check box"]
    expected_rows = []
    for username, page in ACCOUNTS.items():
        if username in connected:
            page += " · already connected: its access is renewed"
        expected_rows.append(f"@{username}, {page}")
    assert [r["name"] for r in rows] == expected_rows
    # Each row's visible text is read out as it shows, and its box says what it connects.
    for username, page in ACCOUNTS.items():
        assert any(n["role"] == "label" and n["name"] == f"@{username}" for n in read)
        assert any(n["role"] == "label" and n["name"].startswith(page) for n in read)
    assert [b["name"] for b in boxes] == [
        "Connect @acme_coffee (Page Acme Coffee)",
        "Connect @studio.lumen (Page Studio Lumen)",
        "Connect @northwind_outfitters (Page Northwind Outfitters)",
        "Connect @harbor.florist (Page Harbor Florist)",
    ]
    assert all({"checkable", "checked", "enabled", "focusable"} <= set(b["states"]) for b in boxes)
    reason = [n for n in read if n["role"] == "label" and n["name"].startswith("Corner Bakery: ")]
    assert len(reason) == 1 and "No Instagram Business or Creator account is linked" in reason[0]["name"]
    # Reading order: the accounts, the Page without one, the hint, then Cancel and Connect.
    names = [n["name"] for n in read]
    assert names.index(expected_rows[-1]) < names.index(reason[0]["name"]) < names.index("Cancel")
    assert read[-1]["role"] == "push button" and read[-1]["name"] == "Connect 4 account(s)"
    assert "enabled" in read[-1]["states"]
    cancel = next(n for n in read if n["role"] == "push button" and n["name"] == "Cancel")
    assert "enabled" in cancel["states"]


def test_facebook_login_picker_is_read_out_connects_and_survives_being_refilled(
    desktop: tuple[Walker, Path, Path],
) -> None:
    walk, control, _base = desktop
    control.write_text(json.dumps({"account": "maria.agency"}))

    # The way chooser: two named radio buttons, Instagram checked; Tab reaches each after Connect.
    instagram = walk.node(role="radio button", name="Sign in with Instagram")
    facebook = walk.node(role="radio button", name="Sign in with Facebook")
    assert "checked" in instagram["states"] and "checked" not in facebook["states"]
    assert instagram["description"].startswith("One account")
    assert "Facebook Pages you manage" in facebook["description"]
    walk.tab_to("push button", "Connect Instagram")
    walk("key", keysym="Tab")
    assert walk.focused()["name"] == "Sign in with Instagram"
    walk("key", keysym="Tab")
    chosen = walk.focused(role="radio button", name="Sign in with Facebook")
    walk("key", keysym="space")
    chosen = walk.node(role="radio button", name="Sign in with Facebook")
    assert "checked" in chosen["states"]
    assert "checked" not in walk.node(role="radio button", name="Sign in with Instagram")["states"]

    # Facebook's dialog (the consent bot as the browser), then the picker, read from outside.
    _open_picker(walk)
    _assert_picker_read_out(walk)
    assert walk.focused()["name"] == "Connect @acme_coffee (Page Acme Coffee)"

    # Keep only acme_coffee and studio.lumen: Tab past them, Space on the other two.
    walk("key", keysym="Tab")
    walk("key", keysym="Tab")
    for username in ("northwind_outfitters", "harbor.florist"):
        box = walk.focused(role="check box")
        assert box["name"].startswith(f"Connect @{username} ")
        walk("key", keysym="space")
        walk("key", keysym="Tab")
    unticked = walk.node(role="check box", contains="@harbor.florist")
    assert "checked" not in unticked["states"]
    assert walk.focused()["name"] == "Cancel"
    walk("key", keysym="Tab")
    connect = walk.focused(role="push button", name="Connect 2 account(s)")
    assert "enabled" in connect["states"]
    walk("key", keysym="Return")
    for username, page in (("acme_coffee", "Acme Coffee"), ("studio.lumen", "Studio Lumen")):
        row = walk.node(role="list item", contains=f"@{username}, ", timeout=30)
        assert row["name"].endswith(f"Connected through the Facebook Page {page}")
    walk("find", role="list item", contains="@northwind_outfitters", absent=True)
    walk("find", role="panel", name=PICKER, absent=True)
    walk.node(role="label", contains="Connected 2 account(s) through Facebook")

    # A second discovery, then more: the rows are refilled while the whole tree is read.
    for round_ in range(3):
        walk.tab_to("push button", "Connect Instagram")
        walk("key", keysym="space")
        for _ in range(5):
            walk("nodes")
        walk.node(role="check box", name="Connect @acme_coffee (Page Acme Coffee)", timeout=40)
        _assert_picker_read_out(walk, connected={"acme_coffee", "studio.lumen"})
        walk.tab_to("push button", "Cancel")
        walk("key", keysym="space")
        for _ in range(3):
            walk("nodes")
        walk("find", role="panel", name=PICKER, absent=True, timeout=20)
        assert walk.focused()["name"] == "Connect Instagram", round_
    for username in ("acme_coffee", "studio.lumen"):
        walk.node(role="list item", contains=f"@{username}, ")
