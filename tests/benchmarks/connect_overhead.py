"""The connect flow's own overhead: its total time minus the latency the sandbox injected.

Every API call (code exchange, long-lived exchange, profile) is delayed by the sandbox; what is left
of the wall time from "start connect" to "stored" is the app's own work (listener, HTTP, parsing,
checks, encryption, the SQLite transaction) plus the scripted browser's few local requests and the
sandbox's own handling of each request. The scripted browser runs in a process of its own, as a
real browser does (``browser_process``); the sandbox runs inside the app, as in sandbox mode.

For the breakdown, the steps are timed by wrapping them for the benchmark's run only (listener
start and stop, each HTTP call less its injected latency, the store's transactions, the vault's
sealing of the token); the originals are put back afterwards.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from desktop.core import connections as connections_module
from desktop.core.instagram import connect as connect_module
from desktop.core.instagram.client import InstagramClient
from desktop.core.oauth.listener import LoopbackListener
from desktop.core.sandbox.faults import API_ENDPOINTS
from desktop.core.vault.vault import Vault
from tests.benchmarks import browser_process
from tests.benchmarks.common import Result, app_environment, median, open_services
from tests.support.tls import ca_pem

LATENCY_MS = 100

#: Step name, the owner and attribute timed, and the latency the sandbox adds to each call.
_STEPS: tuple[tuple[str, Any, str, float], ...] = (
    ("listener start", LoopbackListener, "start", 0.0),
    ("listener stop", LoopbackListener, "stop", 0.0),
    ("code exchange (HTTP)", InstagramClient, "exchange_code", LATENCY_MS),
    ("long-lived exchange (HTTP)", InstagramClient, "exchange_long_lived", LATENCY_MS),
    ("profile /me (HTTP)", InstagramClient, "me", LATENCY_MS),
    ("encryption (sealing the token)", Vault, "seal", 0.0),
)


class Steps:
    """Milliseconds spent in each step during the current round."""

    def __init__(self) -> None:
        self.current: dict[str, float] = defaultdict(float)
        self.rounds: list[dict[str, float]] = []
        self._undo: list[Callable[[], None]] = []

    def wrap(self, name: str, owner: Any, attribute: str, latency_ms: float) -> None:
        original = getattr(owner, attribute)

        def timed(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.current[name] += (time.perf_counter() - began) * 1000.0 - latency_ms

        setattr(owner, attribute, timed)
        self._undo.append(lambda: setattr(owner, attribute, original))

    def wrap_transaction(self) -> None:
        # The connect's transactions run in the connections module and in its finishing part.
        for module in (connections_module, connect_module):
            self._wrap_transaction_of(module)

    def _wrap_transaction_of(self, module: Any) -> None:
        original = module.transaction

        @contextmanager
        def timed(sessions: Any) -> Iterator[Any]:
            began = time.perf_counter()
            try:
                with original(sessions) as session:
                    yield session
            finally:
                self.current["store transactions (incl. encryption)"] += (
                    time.perf_counter() - began
                ) * 1000.0

        module.transaction = timed
        self._undo.append(lambda: setattr(module, "transaction", original))

    def next_round(self, keep: bool) -> None:
        if keep:
            self.rounds.append(dict(self.current))
        self.current.clear()

    def restore(self) -> None:
        for undo in reversed(self._undo):
            undo()

    def medians(self) -> dict[str, float]:
        names = {name for found in self.rounds for name in found}
        return {name: median([r.get(name, 0.0) for r in self.rounds]) for name in names}


def run(quick: bool) -> list[Result]:
    rounds = 5 if quick else 20
    totals: list[float] = []
    injected: list[float] = []
    steps = Steps()
    for step in _STEPS:
        steps.wrap(*step)
    steps.wrap_transaction()
    try:
        with app_environment() as env, open_services(env) as services:
            sandbox = services.sandbox
            assert sandbox is not None
            workspace = services.workspaces.default().id
            sandbox.inject_fault("latency", latency_ms=LATENCY_MS)  # every API endpoint, until cleared
            # After the first connect each round reconnects the same account, as Reconnect does (a
            # plain Connect in a workspace that has it would ask Instagram for another account).
            connected: str | None = None
            with browser_process.started(ca_pem(services)) as opened:
                assert opened.stdin is not None and opened.stdout is not None
                for round_number in range(rounds + 1):
                    calls_before = sum(sandbox.request_count(e) for e in API_ENDPOINTS)
                    start = time.perf_counter()
                    attempt = services.connections.start_connect(workspace, reconnect_of=connected)
                    opened.stdin.write(attempt.start_url + "\n")
                    opened.stdin.flush()
                    connected = attempt.wait(timeout=60).ig_user_id
                    total = (time.perf_counter() - start) * 1000.0
                    answer = opened.stdout.readline().strip()
                    if answer != "done":
                        raise RuntimeError(f"the scripted browser {answer or 'ended'}")
                    calls = sum(sandbox.request_count(e) for e in API_ENDPOINTS) - calls_before
                    # The first connect warms caches (templates, pools, the key cache).
                    steps.next_round(keep=round_number > 0)
                    if round_number == 0:
                        continue
                    totals.append(total)
                    injected.append(calls * LATENCY_MS)
    finally:
        steps.restore()
    overheads = [t - i for t, i in zip(totals, injected, strict=True)]
    parts = steps.medians()
    named = sum(v for k, v in parts.items() if not k.startswith("encryption"))
    order = [name for name, *_ in _STEPS] + ["store transactions (incl. encryption)"]
    breakdown = "; ".join(f"{name} {parts[name]:.1f} ms" for name in order if name in parts)
    rest = median(overheads) - named
    return [
        Result(
            "connect flow overhead",
            median(overheads),
            median(injected),
            "ms",
            "measured",
            50.0,
            f"injected latency ({LATENCY_MS} ms per API call)",
            note=f"total {median(totals):.0f} ms. Breakdown (medians of {rounds} rounds; HTTP calls less "
            f"their injected latency): {breakdown}; the rest ({rest:.1f} ms) is the browser's local "
            "requests to the sandbox and the listener (the browser in a process of its own), the "
            "sandbox's handling of the dialog, and the hand-offs between threads",
        )
    ]
