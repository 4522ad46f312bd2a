"""The connect flow's own overhead: its total time minus the latency the sandbox injected.

Every API call (code exchange, long-lived exchange, profile) is delayed by the sandbox; what is left
of the wall time from "start connect" to "stored" is the app's own work (listener, HTTP, parsing,
checks, encryption, the SQLite transaction) plus the scripted browser's few local requests.
"""

from __future__ import annotations

import threading
import time

from desktop.core.sandbox.faults import API_ENDPOINTS
from tests.benchmarks.common import Result, app_environment, median, open_services
from tests.support.consent import ConsentBot
from tests.support.tls import ca_pem

LATENCY_MS = 100


def run(quick: bool) -> list[Result]:
    rounds = 5 if quick else 20
    totals: list[float] = []
    injected: list[float] = []
    with app_environment() as env, open_services(env) as services:
        sandbox = services.sandbox
        assert sandbox is not None
        workspace = services.workspaces.default().id
        sandbox.inject_fault("latency", latency_ms=LATENCY_MS)  # every API endpoint, until cleared
        for round_number in range(rounds + 1):
            calls_before = sum(sandbox.request_count(e) for e in API_ENDPOINTS)
            start = time.perf_counter()
            attempt = services.connections.start_connect(workspace)
            browser = threading.Thread(
                target=ConsentBot(ca_pem=ca_pem(services)).open, args=(attempt.start_url,), daemon=True
            )
            browser.start()
            attempt.wait(timeout=60)
            total = (time.perf_counter() - start) * 1000.0
            browser.join(30)
            calls = sum(sandbox.request_count(e) for e in API_ENDPOINTS) - calls_before
            if round_number == 0:
                continue  # the first connect warms caches (templates, TLS-free pools, key cache)
            totals.append(total)
            injected.append(calls * LATENCY_MS)
    overheads = [t - i for t, i in zip(totals, injected, strict=True)]
    return [
        Result(
            "connect flow overhead",
            median(overheads),
            median(injected),
            "ms",
            "measured",
            50.0,
            f"injected latency ({LATENCY_MS} ms per API call)",
            note=f"total {median(totals):.0f} ms",
        )
    ]
