"""An AT-SPI client, as a screen reader sees Socialdesk: run by the system Python, which has pyatspi.

Debian's pyatspi is built for /usr/bin/python3, not the project's virtualenv, so the tests start
this script as a subprocess and talk to it in JSON lines on stdin/stdout. It never imports the
project. Each request names an ``op``; each answer is ``{"ok": true, ...}`` or ``{"ok": false,
"error": ...}``.

ops: ``wait_app``; ``nodes`` (every showing node: role, name, description, states, text);
``find`` (the first showing node matching ``role`` and ``name``, waiting up to ``timeout``);
``focused`` (the node with the focus); ``key`` (a real key press, an X keysym such as ``Tab``,
sent with xdotool through XTest, as a keyboard sends it); ``type`` (a string, key by key);
``pointer`` (move the pointer onto the window).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pyatspi


class Walker:
    def __init__(self) -> None:
        self.app = None

    def wait_app(self, name: str, timeout: float = 30.0) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            desktop = pyatspi.Registry.getDesktop(0)
            for index in range(desktop.childCount):
                child = desktop.getChildAtIndex(index)
                if child is not None and child.name == name and child.childCount:
                    self.app = child
                    return {"name": child.name}
            time.sleep(0.2)
        raise LookupError(f"no application {name!r} on the accessibility bus")

    def _walk(self, node, out: list, showing_only: bool = True, depth: int = 0) -> None:
        if node is None or depth > 40:
            return
        try:
            states = node.getState()
        except Exception:
            return
        if showing_only and not states.contains(pyatspi.STATE_SHOWING):
            return
        out.append(node)
        for index in range(node.childCount):
            try:
                child = node.getChildAtIndex(index)
            except Exception:
                continue
            self._walk(child, out, showing_only, depth + 1)

    def _describe(self, node) -> dict:
        states = sorted(pyatspi.stateToString(s) for s in node.getState().getStates())
        text = ""
        try:
            iface = node.queryText()
            text = iface.getText(0, iface.characterCount)
        except NotImplementedError:
            pass
        except Exception:
            pass
        actions = []
        try:
            action = node.queryAction()
            actions = [action.getName(i) for i in range(action.nActions)]
        except Exception:
            pass
        return {
            "role": node.getRoleName(),
            "name": node.name or "",
            "description": node.description or "",
            "states": states,
            "text": text,
            "actions": actions,
        }

    def _all(self) -> list:
        out: list = []
        for index in range(self.app.childCount):
            self._walk(self.app.getChildAtIndex(index), out)
        return out

    def nodes(self) -> dict:
        return {"nodes": [self._describe(n) for n in self._all()]}

    def _match(self, role: str = "", name: str = "", contains: str = "", focused: bool = False):
        for node in self._all():
            try:
                if role and node.getRoleName() != role:
                    continue
                if name and (node.name or "") != name:
                    continue
                if contains and contains not in (node.name or ""):
                    continue
                if focused and not node.getState().contains(pyatspi.STATE_FOCUSED):
                    continue
                return node
            except Exception:
                continue
        return None

    def find(self, timeout: float = 20.0, absent: bool = False, **query) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            node = self._match(**query)
            if absent and node is None:
                return {"node": None}
            if not absent and node is not None:
                return {"node": self._describe(node)}
            if time.monotonic() > deadline:
                raise LookupError(f"{'still there' if absent else 'not found'}: {query}")
            time.sleep(0.1)

    def _focused_node(self):
        """The node with the keyboard focus. A list keeps "focused" on its current item after the
        focus has left it, so an item counts only while its list has the focus too."""
        found = None
        for node in self._all():
            try:
                if not node.getState().contains(pyatspi.STATE_FOCUSED):
                    continue
                if node.getRoleName() == "list item":
                    parent = node.parent
                    if parent is None or not parent.getState().contains(pyatspi.STATE_FOCUSED):
                        continue
                found = node
            except Exception:
                continue
        return found

    def focused(self, timeout: float = 10.0, role: str = "", name: str = "") -> dict:
        deadline = time.monotonic() + timeout
        while True:
            node = self._focused_node()
            if (
                node is not None
                and (not role or node.getRoleName() == role)
                and (not name or node.name == name)
            ):
                return {"node": self._describe(node)}
            if time.monotonic() > deadline:
                described = self._describe(node) if node is not None else None
                raise LookupError(f"the focus is on {described}, not {role} {name!r}")
            time.sleep(0.1)

    def key(self, keysym: str) -> dict:
        """A real key press (XTest, as a keyboard sends it) to the window with the input focus."""
        subprocess.run(["xdotool", "key", "--delay", "40", keysym], check=True)
        time.sleep(0.2)
        return {}

    def type(self, text: str) -> dict:
        subprocess.run(["xdotool", "type", "--delay", "40", text], check=True)
        time.sleep(0.2)
        return {}

    def pointer(self) -> dict:
        frame = self.app.getChildAtIndex(0)
        x, y, width, height = frame.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        pyatspi.Registry.generateMouseEvent(x + width // 2, y + 10, "abs")
        time.sleep(0.2)
        return {"extents": [x, y, width, height]}


def main() -> int:
    walker = Walker()
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        request = json.loads(line)
        op = request.pop("op")
        try:
            answer = {"ok": True, **getattr(walker, op)(**request)}
        except Exception as exc:  # reported to the test, which fails with it
            answer = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
