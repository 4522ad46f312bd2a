"""A second Socialdesk process for the concurrency test: writes connections, optionally rotating.

Run as ``python -m tests.core.store.concurrent_worker BASE_DIR NAME COUNT ROTATE_EVERY``.
"""

from __future__ import annotations

import sys

from desktop.core.settings import Paths, Settings
from desktop.core.vault.bootstrap import open_storage
from tests.core.vault.helpers import FileKeyring, add_connection, read_token, token_for


def main(base_dir: str, name: str, count: int, rotate_every: int) -> int:
    storage = open_storage(
        Paths.resolve(base_dir), Settings(), FileKeyring(), allow_backends=(FileKeyring,), busy_timeout=60
    )
    try:
        print("ready", flush=True)
        sys.stdin.readline()  # start together with the other process
        written: list[tuple[int, str]] = []
        for number in range(count):
            username = f"{name}{number}"
            written.append((add_connection(storage, username, ig_user_id=f"{name}-{number}"), username))
            connection_id, earlier = written[number // 2]
            if read_token(storage, connection_id) != token_for(earlier):
                print(f"wrong token for {earlier}", file=sys.stderr)
                return 1
            if rotate_every and number % rotate_every == rotate_every - 1:
                storage.vault.rotate(batch_size=7)
    finally:
        storage.close()
    print("done")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
