"""The benchmarks' browser: a ConsentBot in a process of its own, as a real browser is.

Started once before the rounds (so its start-up is not timed), it reads one start link per line on
stdin (``account<TAB>link`` picks the account to sign in as), fills the sandbox's consent form for
it, and answers ``done`` (or ``failed <kind>``) on stdout. The local CA's PEM comes in
``SOCIALDESK_BENCH_CA`` (a path): it trusts that CA only.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.consent import ConsentBot

CA_ENV = "SOCIALDESK_BENCH_CA"


@contextmanager
def started(ca: str) -> Iterator[subprocess.Popen[str]]:
    """The browser's process, started and waiting for links; it ends when the block does."""
    with tempfile.TemporaryDirectory(prefix="socialdesk-bench-browser-") as folder:
        ca_file = Path(folder) / "ca.pem"
        ca_file.write_text(ca, encoding="ascii")
        root = str(Path(__file__).resolve().parents[2])
        env = {**os.environ, CA_ENV: str(ca_file)}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, (root, env.get("PYTHONPATH"))))
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.benchmarks.browser_process"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=root,
        )
        try:
            yield process
        finally:
            assert process.stdin is not None
            process.stdin.close()
            process.wait(30)


def main() -> int:
    ca_pem = Path(os.environ[CA_ENV]).read_text(encoding="ascii")
    for line in sys.stdin:
        account, _tab, url = line.strip().rpartition("\t")
        if not url:
            continue
        try:
            bot = ConsentBot(account=account, ca_pem=ca_pem) if account else ConsentBot(ca_pem=ca_pem)
            bot.open(url)
        except Exception as exc:  # reported to the benchmark, which fails the round
            print(f"failed {type(exc).__name__}", flush=True)
        else:
            print("done", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
