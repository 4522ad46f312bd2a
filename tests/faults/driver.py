"""Runs one real operation in a child process and freezes it at a named point, to be SIGKILLed there.

``python -m tests.faults.driver OPERATION POINT --base-dir DIR --keyring-file FILE``

The child opens the app's real services on the test's folders (database, sandbox state, a file-backed
keychain), installs a pause at ``POINT`` (a wrapper around one of the app's functions, or the
``after_step`` hook that rotation and refresh take), and runs ``OPERATION``. On reaching the point it
prints ``PAUSED <point>`` and sleeps; the test then kills it with SIGKILL. The hooks live here, in the
test driver, never in product code.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from desktop.core import connections as connections_module
from desktop.core.environment import Environment
from desktop.core.instagram.client import InstagramClient
from desktop.core.lifecycle import Lifecycle
from desktop.core.services import Services
from desktop.core.settings import Paths, load_settings
from desktop.core.store import claims
from desktop.core.store import connections as repo
from desktop.core.vault.rotation import ROTATION_STEPS
from tests.faults.file_keyring import FileKeyring
from tests.support.consent import ConsentBot
from tests.support.tls import ca_pem

PAUSED = "PAUSED"
DONE = "DONE"

#: point -> (owner, attribute, "before" or "after"): where the pause wraps a function of the app.
_WRAPPED: dict[str, tuple[Any, str, str]] = {
    "connect:code-exchanged": (InstagramClient, "exchange_code", "after"),
    "connect:long-lived": (InstagramClient, "exchange_long_lived", "after"),
    "connect:profile-read": (InstagramClient, "me", "after"),
    "connect:sealed": (repo, "upsert_connection", "after"),  # inside the transaction, not committed
    "connect:committed": (connections_module.Connections, "finish_connect", "after"),
    "disconnect:moved-to-outbox": (repo, "move_to_outbox", "after"),  # not committed
    "disconnect:before-revoke": (InstagramClient, "revoke", "before"),
    "disconnect:revoked": (InstagramClient, "revoke", "after"),
}
#: Points reached through the ``after_step`` hook of the operation itself.
REFRESH_POINTS = ("refresh:refreshed", "refresh:sealed", "refresh:committed")
ROTATE_POINTS = tuple(f"rotate:{step}" for step in ROTATION_STEPS)
POINTS: dict[str, tuple[str, ...]] = {
    "connect": tuple(p for p in _WRAPPED if p.startswith("connect:")),
    "disconnect": tuple(p for p in _WRAPPED if p.startswith("disconnect:")),
    "refresh": REFRESH_POINTS,
    "rotate": ROTATE_POINTS,
}


#: The first thread to reach the point says so; sweep workers reaching it side by side only wait.
_ANNOUNCED = threading.Lock()


def pause(point: str) -> None:
    if _ANNOUNCED.acquire(blocking=False):
        sys.stdout.write(f"{PAUSED} {point}\n")
        sys.stdout.flush()
    while True:  # until SIGKILL
        time.sleep(3600)


def _wrap(point: str) -> None:
    owner, name, when = _WRAPPED[point]
    original: Callable[..., Any] = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if when == "before":
            pause(point)
        result = original(*args, **kwargs)
        pause(point)
        return result

    setattr(owner, name, wrapper)


def _step_hook(operation: str, point: str) -> Callable[[str], None]:
    def after_step(step: str) -> None:
        if f"{operation}:{step}" == point:
            pause(point)

    return after_step


def run(operation: str, point: str, services: Services, account: str) -> None:
    if point in _WRAPPED:
        _wrap(point)
    workspace = services.workspaces.default().id
    if operation == "connect":
        attempt = services.connections.start_connect(workspace)
        browser = threading.Thread(
            target=ConsentBot(ca_pem=ca_pem(services), account=account).open,
            args=(attempt.start_url,),
            daemon=True,
        )
        browser.start()
        attempt.wait(timeout=60)
    elif operation == "disconnect":
        assert services.sandbox is not None
        # A revoke Instagram honours, so a kill can land before or after it really happened.
        services.sandbox.set_knobs(revoke_answer="success_object")
        view = services.connections.find(workspace, account)
        services.connections.disconnect(workspace, view.ig_user_id)
    elif operation == "refresh":
        lifecycle = Lifecycle(
            sessions=services.storage.sessions,
            vault=services.storage.vault,
            client=services.connections.client,
            clock=services.clock,
            window=timedelta(days=services.env.settings.refresh_window_days),
            after_step=_step_hook("refresh", point),
            # As the app does: the desktop's stable claim name, so a restart takes its claim back.
            worker_id=claims.desktop_id(services.env.paths.data_dir),
        )
        lifecycle.sweep()
    elif operation == "rotate":
        services.storage.vault.rotate(after_step=_step_hook("rotate", point), batch_size=1)
    else:
        raise SystemExit(f"unknown operation {operation}")


def open_services(base_dir: Path, keyring_file: Path) -> Services:
    paths = Paths.resolve(base_dir).ensure()
    env = Environment(paths=paths, settings=load_settings(paths))
    backend = FileKeyring(keyring_file)
    return Services.open(env, keyring_backend=backend, allow_backends=(FileKeyring,), check_interval=0.05)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("operation", choices=sorted(POINTS))
    parser.add_argument("point")
    parser.add_argument("--base-dir", type=Path, required=True)
    parser.add_argument("--keyring-file", type=Path, required=True)
    parser.add_argument("--account", default="acme_business")
    args = parser.parse_args(argv)
    if args.point not in POINTS[args.operation]:
        parser.error(f"{args.point} is not a point of {args.operation}")
    services = open_services(args.base_dir, args.keyring_file)
    try:
        run(args.operation, args.point, services, args.account)
    finally:
        services.close()
    print(DONE, flush=True)  # the point was never reached: the test fails on this
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
