"""Two processes (say the GUI and a CLI command) writing at once, one of them rotating the key."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from desktop.core.settings import Paths, Settings
from desktop.core.store.engine import integrity_check
from desktop.core.store.errors import transaction
from desktop.core.store.models import KekEntry
from desktop.core.vault.bootstrap import open_storage
from tests.core.vault.helpers import FileKeyring, all_tokens, token_for

ROOT = Path(__file__).resolve().parents[3]
COUNT = 60


def test_concurrent_writers_and_a_rotation_never_corrupt_the_store(base_dir: Path, tmp_path: Path) -> None:
    keyring_file = tmp_path / "keyring.json"
    backend = FileKeyring(keyring_file)
    paths = Paths.resolve(base_dir)
    open_storage(paths, Settings(), backend, allow_backends=(FileKeyring,)).close()

    env = {**os.environ, "SOCIALDESK_TEST_KEYRING_FILE": str(keyring_file)}
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.core.store.concurrent_worker",
                str(base_dir),
                name,
                str(COUNT),
                rotate,
            ],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, rotate in (("gui", "0"), ("cli", "10"))
    ]
    for worker in workers:
        assert worker.stdout is not None
        assert worker.stdout.readline().strip() == "ready"
    for worker in workers:
        assert worker.stdin is not None
        worker.stdin.write("go\n")
        worker.stdin.flush()
    outputs = [worker.communicate(timeout=110) for worker in workers]
    for worker, (out, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err
        assert out.strip() == "done"

    storage = open_storage(paths, Settings(), backend, allow_backends=(FileKeyring,))
    try:
        assert integrity_check(storage.engine) == ["ok"]
        tokens = all_tokens(storage)
        expected = {
            f"{name}{number}": token_for(f"{name}{number}")
            for name in ("gui", "cli")
            for number in range(COUNT)
        }
        assert tokens == expected
        status = storage.status()
        assert status.record_count == 2 * COUNT
        with transaction(storage.sessions) as session:
            states = [entry.state for entry in session.scalars(select(KekEntry))]
        assert states.count("active") == 1
        assert states.count("destroyed") == COUNT // 10
        assert len(backend._read()) == 1, "only the active key is left in the keychain"
    finally:
        storage.close()
