"""A throwaway PostgreSQL cluster for the run: ``initdb`` and ``pg_ctl`` in a temporary folder.

The server listens on a loopback port with password (SCRAM) authentication, as a team database
would, and on a private unix socket for the helper's own admin work. The superuser password is
random, written only to a 0600 file that ``initdb`` reads and that is removed at once; it never
appears on a command line or in a log line. As root, the server runs as the unprivileged
``postgres`` user (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import URL

from tests.support.net import find_free_port

SUPERUSER = "socialdesk_test"


def find_bin_dir() -> Path | None:
    """Debian keeps the server binaries under /usr/lib/postgresql/<major>/bin (newest wins)."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_major, reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


def _major(path: str) -> int:
    try:
        return int(Path(path).parents[1].name)
    except ValueError:
        return 0


@dataclass
class PostgresCluster:
    root: Path
    bin_dir: Path
    port: int
    password: str = field(repr=False)
    run_as: str | None
    _counter: int = 0

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres", *, password: str | None = None, user: str = SUPERUSER) -> str:
        """A SQLAlchemy URL over TCP on loopback; its text form hides nothing, so keep it out of logs."""
        return URL.create(
            "postgresql+psycopg",
            username=user,
            password=self.password if password is None else password,
            host="127.0.0.1",
            port=self.port,
            database=database,
        ).render_as_string(hide_password=False)

    def url_without_password(self, database: str) -> str:
        return URL.create(
            "postgresql+psycopg", username=SUPERUSER, host="127.0.0.1", port=self.port, database=database
        ).render_as_string()

    def psql(self, sql: str, database: str = "postgres") -> str:
        """Run admin SQL over the private socket (trust authentication there, as the cluster owner)."""
        result = self._run(
            [
                str(self.bin_dir / "psql"),
                "-X",
                "-q",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                str(self.socket_dir),
                "-p",
                str(self.port),
                "-U",
                SUPERUSER,
                "-d",
                database,
                "-c",
                sql,
            ]
        )
        return result.stdout

    def create_database(self, prefix: str = "t") -> str:
        self._counter += 1
        name = f"{prefix}_{os.getpid()}_{self._counter}"
        self.psql(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return name

    def drop_database(self, name: str) -> None:
        self.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def dump(self, database: str) -> bytes:
        """``pg_dump`` of one database (plain SQL, with data), as bytes."""
        result = self._run(
            [
                str(self.bin_dir / "pg_dump"),
                "-h",
                str(self.socket_dir),
                "-p",
                str(self.port),
                "-U",
                SUPERUSER,
                database,
            ],
            text=False,
        )
        return bytes(result.stdout)

    def stop(self, mode: str = "fast") -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._run([str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", mode, "-w", "stop"])

    def start(self) -> None:
        self._run(
            [
                str(self.bin_dir / "pg_ctl"),
                "-D",
                str(self.data_dir),
                "-l",
                str(self.root / "server.log"),
                "-w",
                "-t",
                "60",
                "start",
            ]
        )

    def _run(self, args: list[str], *, text: bool = True) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
        if self.run_as is not None:
            args = ["runuser", "-u", self.run_as, "--", *args]
        env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
        return subprocess.run(args, check=True, capture_output=True, text=text, env=env, timeout=120)


def start_cluster() -> PostgresCluster:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed (bash .ci/bootstrap installs Debian's postgresql)")
    run_as: str | None = None
    if os.geteuid() == 0:
        run_as = "postgres"
    root = Path(tempfile.mkdtemp(prefix="socialdesk-pg-"))
    (root / "socket").mkdir()
    (root / "data").mkdir(mode=0o700)
    if run_as is not None:
        account = pwd.getpwnam(run_as)
        for path in (root, root / "socket", root / "data"):
            os.chown(path, account.pw_uid, account.pw_gid)
    password = secrets.token_urlsafe(24)
    cluster = PostgresCluster(root, bin_dir, find_free_port(), password, run_as)
    password_file = root / "pwfile"
    fd = os.open(password_file, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(password + "\n")
    if run_as is not None:
        account = pwd.getpwnam(run_as)
        os.chown(password_file, account.pw_uid, account.pw_gid)
    try:
        cluster._run(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(cluster.data_dir),
                "-U",
                SUPERUSER,
                f"--pwfile={password_file}",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ]
        )
    finally:
        password_file.unlink(missing_ok=True)
    with (cluster.data_dir / "postgresql.conf").open("a", encoding="utf-8") as conf:
        conf.write(
            f"listen_addresses = '127.0.0.1'\nport = {cluster.port}\n"
            f"unix_socket_directories = '{cluster.socket_dir}'\n"
            "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
            "max_connections = 200\nlog_statement = 'none'\nlog_min_error_statement = panic\n"
        )
    cluster.start()
    return cluster


@contextlib.contextmanager
def running_cluster() -> Iterator[PostgresCluster]:
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        cluster.stop("immediate")
        shutil.rmtree(cluster.root, ignore_errors=True)


def wait_until_accepting(cluster: PostgresCluster, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            cluster.psql("SELECT 1")
            return
        except subprocess.CalledProcessError:
            time.sleep(0.2)
    raise RuntimeError("the test PostgreSQL cluster did not come back")
