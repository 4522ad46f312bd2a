"""``socialdesk sandbox``: its arguments, what it prints, and that it stops cleanly on a signal."""

from __future__ import annotations

import argparse
import io
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

from desktop.commands import sandbox as command
from desktop.core.sandbox.state import STATE_DB_NAME
from desktop.core.settings import Paths, Settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="socialdesk")
    command.add_parser(parser.add_subparsers())
    return parser


def test_arguments() -> None:
    parser = _parser()

    with_port = parser.parse_args(["sandbox", "--port", "0"])
    without = parser.parse_args(["sandbox"])

    assert with_port.port == 0
    assert with_port.handler is command.run
    assert without.port is None


@pytest.mark.parametrize("port", ["x", "-1", "65536"])
def test_bad_ports_are_refused(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        _parser().parse_args(["sandbox", "--port", port])
    assert "port" in capsys.readouterr().err


class _Lines(io.StringIO):
    """Collects output and says when the seven lines have arrived."""

    def __init__(self) -> None:
        super().__init__()
        self.ready = threading.Event()

    def flush(self) -> None:
        super().flush()
        if self.getvalue().count("\n") >= 7:
            self.ready.set()


def test_serve_prints_credentials_that_work(base_dir: Path) -> None:
    paths = Paths.resolve(base_dir)
    settings = Settings(redirect_uri="https://localhost:9911/cb/")
    out = _Lines()
    stop = threading.Event()
    worker = threading.Thread(
        target=command.serve, args=(paths, settings), kwargs={"port": 0, "out": out, "stop": stop}
    )
    worker.start()
    try:
        assert out.ready.wait(30)
        lines = out.getvalue().splitlines()
        values = dict(line.split(": ", 1) for line in lines)
        assert [line.split(": ")[0] for line in lines] == [
            "base_url",
            "client_id",
            "client_secret",
            "redirect_uri",
            "www_url",
            "api_url",
            "graph_url",
            "facebook_base_url",
            "facebook_client_id",
            "facebook_client_secret",
        ]
        assert values["redirect_uri"] == "https://localhost:9911/cb/"
        assert values["www_url"] == values["base_url"]
        assert values["facebook_base_url"] != values["base_url"]  # the Facebook half has its own origin
        with httpx.Client(timeout=10.0) as http:
            described = http.get(f"{values['base_url']}/_sandbox").json()
            # The printed secret is the one the sandbox accepts.
            wrong = http.get(
                f"{values['graph_url']}/access_token",
                params={"grant_type": "ig_exchange_token", "client_secret": "nope", "access_token": "x"},
            )
            right = http.get(
                f"{values['graph_url']}/access_token",
                params={
                    "grant_type": "ig_exchange_token",
                    "client_secret": values["client_secret"],
                    "access_token": "x",
                },
            )
        assert described["client_id"] == values["client_id"]
        assert described["graph_url"] == values["graph_url"]
        assert described["redirect_uris"] == ["https://localhost:9911/cb/"]
        assert wrong.json()["error"]["code"] == 101
        assert right.json()["error"]["code"] == 190  # the secret passed; the token is what is wrong
    finally:
        stop.set()
        worker.join(30)
    assert not worker.is_alive()
    assert (paths.sandbox_dir / STATE_DB_NAME).exists()


_RUN = """
import sys
from desktop.commands import sandbox
from desktop.core.settings import Paths, Settings
import argparse
parser = argparse.ArgumentParser()
sandbox.add_parser(parser.add_subparsers())
args = parser.parse_args(["sandbox", "--port", "0"])
sys.exit(args.handler(args, Paths.resolve(sys.argv[1]), Settings()))
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_run_serves_until_a_signal(tmp_path: Path, signum: signal.Signals) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", _RUN, str(tmp_path / "base")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip().removeprefix("base_url: ")
        with httpx.Client(timeout=10.0) as http:
            assert http.get(f"{base_url}/_sandbox").status_code == 200
    finally:
        process.send_signal(signum)
        _, err = process.communicate(timeout=30)

    assert process.returncode == 128 + signum
    assert "Traceback" not in err


def _first_lines(paths: Paths, settings: Settings, **kwargs: bool) -> dict[str, str]:
    out = _Lines()
    stop = threading.Event()
    worker = threading.Thread(
        target=command.serve, args=(paths, settings), kwargs={"port": 0, "out": out, "stop": stop, **kwargs}
    )
    worker.start()
    try:
        assert out.ready.wait(30)
        return dict(line.split(": ", 1) for line in out.getvalue().splitlines())
    finally:
        stop.set()
        worker.join(30)


def test_the_default_redirect_printed_is_https(base_dir: Path) -> None:
    values = _first_lines(Paths.resolve(base_dir), Settings())
    assert values["redirect_uri"] == "https://localhost:8765/callback/"


def test_an_http_setting_is_refused_as_meta_would_and_https_is_printed(
    base_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    values = _first_lines(Paths.resolve(base_dir), Settings(redirect_uri="http://localhost:9912/cb/"))
    assert values["redirect_uri"] == "https://localhost:8765/callback/"
    assert "only https://" in capsys.readouterr().err


def test_development_mode_knob_registers_http_localhost(base_dir: Path) -> None:
    values = _first_lines(
        Paths.resolve(base_dir), Settings(redirect_uri="http://localhost:9913/cb/"), allow_http_localhost=True
    )
    assert values["redirect_uri"] == "http://localhost:9913/cb/"
