"""A refresh sweep over many real tokens with 50 ms of injected latency per refresh, against the ideal
for its concurrency: ceil(tokens / workers) × 50 ms, what perfectly parallel workers would take.

The tokens are minted through the sandbox's own protocol (consent, code exchange, long-lived
exchange), stored as connections spread over workspaces (an account connects once per workspace),
and aged 55 days so every one is due. Meta does not run on the user's machine, so the sandbox runs
as ``socialdesk sandbox`` in its own process (the app reaches it with ``--sandbox-url``, as several
desktops sharing one do): it shares the cores but not the app's interpreter lock. It serves each
connection on its own thread and writes every refresh through to its SQLite file before answering.
What is measured is the app's whole sweep (claim, decrypt, ``/me``, refresh, seal, commit), and the
CPU of each side is counted apart.
"""

from __future__ import annotations

import math
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import httpx

from desktop.core.instagram.scopes import REQUIRED_SCOPES
from desktop.core.lifecycle import report as r
from desktop.core.secrets import SecretStr
from desktop.core.services import Services
from desktop.core.store import connections as repo
from desktop.core.store.errors import transaction
from tests.benchmarks.common import Result
from tests.benchmarks.sandbox_process import StandaloneSandbox, advance_clock, app_against, standalone_sandbox

LATENCY_MS = 50
SERIAL_PROBES = 20
TARGET_RATIO = 1.2
#: Threads minting the tokens to seed (the sandbox serves them side by side).
MINTERS = 4
ACCOUNTS = ("acme_business", "northwind_shop", "studio.creator")


def _mint(
    services: Services, sandbox: StandaloneSandbox, http: httpx.Client, account: str
) -> tuple[SecretStr, datetime]:
    """One long-lived token for ``account``, the way the app gets one (minus the browser)."""
    remote = services.remote_sandbox
    assert remote is not None
    redirect_uri = services.connections.redirect_uri
    form: dict[str, str | list[str]] = {
        "client_id": remote.client_id,
        "redirect_uri": redirect_uri,
        "response_type": "code",
        "requested_scopes": ",".join(REQUIRED_SCOPES),
        "state": "bench",
        # The client keeps the sandbox's browser-session cookie: ask for each account by name.
        "force_authentication": "1",
        "account": account,
        "scope": list(REQUIRED_SCOPES),
        "action": "allow",
    }
    decided = http.post(f"{sandbox.www_url}/oauth/authorize", data=form)
    code = httpx.URL(decided.headers["location"]).params["code"]
    client = services.connections.client
    short = client.exchange_code(SecretStr(code), redirect_uri)
    long_lived = client.exchange_long_lived(short.access_token)
    assert long_lived.expires_at is not None
    return long_lived.access_token, long_lived.expires_at


def _seed(services: Services, sandbox: StandaloneSandbox, count: int) -> None:
    users = sandbox.accounts()
    workspaces = [services.workspaces.default().id]
    while len(workspaces) * len(ACCOUNTS) < count:
        workspaces.append(services.workspaces.create(f"Bench {len(workspaces):03d}").id)
    now = services.clock.now()

    def mint_share(first: int) -> list[tuple[int, str, SecretStr, datetime]]:
        share = []
        with httpx.Client(timeout=30, trust_env=False) as http:
            for index in range(first, count, MINTERS):
                account = ACCOUNTS[index % len(ACCOUNTS)]
                token, expires_at = _mint(services, sandbox, http, account)
                share.append((workspaces[index // len(ACCOUNTS)], account, token, expires_at))
        return share

    with ThreadPoolExecutor(max_workers=MINTERS) as pool:
        minted = [item for share in pool.map(mint_share, range(MINTERS)) for item in share]
    with transaction(services.storage.sessions) as session:
        for workspace, account, token, expires_at in minted:
            repo.upsert_connection(
                session,
                services.storage.vault,
                workspace_id=workspace,
                ig_user_id=users[account],
                username=account,
                account_type="BUSINESS",
                scopes=REQUIRED_SCOPES,
                consented_at=now,
                expires_at=expires_at,
                token=token,
                profile_picture_url=None,
                audience=services.connections.client.audience,
            )


def _stored_tokens(services: Services, limit: int) -> list[SecretStr]:
    with transaction(services.storage.sessions) as session:
        return [repo.read_token(session, services.storage.vault, c) for c in repo.list_all(session)[:limit]]


def run(quick: bool) -> list[Result]:
    """1,000 tokens (100 with ``--quick``), and in the full run 10,000 as well."""
    return [_sweep(100 if quick else 1000)] + ([] if quick else [_sweep(10_000)])


def _sweep(count: int) -> Result:
    with standalone_sandbox() as sandbox, app_against(sandbox) as services:
        _seed(services, sandbox, count)
        advance_clock(services, sandbox, timedelta(days=55))
        lifecycle = services.lifecycle()
        workers = 4  # Lifecycle's default pool
        sandbox.inject_latency("/refresh_access_token", LATENCY_MS)
        start = time.perf_counter()
        cpu_start, sandbox_cpu_start = time.process_time(), sandbox.cpu_seconds()
        report = lifecycle.sweep()
        sweep_ms = (time.perf_counter() - start) * 1000.0
        cpu_ms = (time.process_time() - cpu_start) * 1000.0
        sandbox_cpu_ms = (sandbox.cpu_seconds() - sandbox_cpu_start) * 1000.0
        refreshed = sum(1 for o in report.outcomes if o.outcome == r.REFRESHED)
        if refreshed != count:
            outcomes = sorted({(o.outcome, o.error_code) for o in report.outcomes})
            raise RuntimeError(f"only {refreshed} of {count} tokens were refreshed: {outcomes}")
        # What one refresh costs the sandbox alone at this size, without latency or the app's work.
        sandbox.clear_faults()
        advance_clock(
            services, sandbox, timedelta(days=1, minutes=5)
        )  # the refreshed tokens are old enough again
        token = _stored_tokens(services, 1)[0]
        client = services.connections.client
        start = time.perf_counter()
        for _ in range(SERIAL_PROBES):
            client.refresh(token)
        serial_ms = (time.perf_counter() - start) * 1000.0 / SERIAL_PROBES
    ideal_ms = math.ceil(count / workers) * LATENCY_MS
    return Result(
        f"refresh sweep of {count:,} tokens at {LATENCY_MS} ms",
        sweep_ms,
        ideal_ms,
        "ms",
        "ratio",
        TARGET_RATIO,
        f"ideal for {workers} workers",
        note=(
            f"the sandbox runs as `socialdesk sandbox` in its own process (Meta is not on the user's "
            f"machine), so it shares the cores but not the app's interpreter lock; one refresh round "
            f"trip without latency takes {serial_ms:.1f} ms at this size; the sweep used "
            f"{cpu_ms / count:.1f} ms of the app's CPU per refresh and {sandbox_cpu_ms / count:.1f} ms "
            f"of the sandbox's"
        ),
    )
