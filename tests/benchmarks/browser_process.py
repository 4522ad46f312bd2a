"""The connect benchmark's browser: a ConsentBot in a process of its own, as a real browser is.

Started once before the rounds (so its start-up is not timed), it reads one start link per line on
stdin, fills the sandbox's consent form for it, and answers ``done`` (or ``failed <kind>``) on
stdout. The local CA's PEM comes in ``SOCIALDESK_BENCH_CA`` (a path): it trusts that CA only.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tests.support.consent import ConsentBot

CA_ENV = "SOCIALDESK_BENCH_CA"


def main() -> int:
    ca_pem = Path(os.environ[CA_ENV]).read_text(encoding="ascii")
    for line in sys.stdin:
        url = line.strip()
        if not url:
            continue
        try:
            ConsentBot(ca_pem=ca_pem).open(url)
        except Exception as exc:  # reported to the benchmark, which fails the round
            print(f"failed {type(exc).__name__}", flush=True)
        else:
            print("done", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
