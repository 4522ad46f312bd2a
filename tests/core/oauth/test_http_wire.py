from __future__ import annotations

import socket
from collections.abc import Iterator
from http import HTTPStatus

import pytest

from desktop.core.oauth.http_wire import WireError, WireLimits, drain, read_request, write_response


@pytest.fixture
def pair() -> Iterator[tuple[socket.socket, socket.socket]]:
    server, client = socket.socketpair()
    try:
        yield server, client
    finally:
        server.close()
        client.close()


def _refused(server: socket.socket, limits: WireLimits) -> HTTPStatus:
    with pytest.raises(WireError) as refused:
        read_request(server, limits)
    return refused.value.status


def test_reads_a_request_head(pair: tuple[socket.socket, socket.socket]) -> None:
    server, client = pair
    client.sendall(b"GET /callback/?code=a&state=b HTTP/1.1\r\nHost: localhost:1\r\nX-A: 1\r\nx-a: 2\r\n\r\n")
    request = read_request(server, WireLimits())
    assert request is not None
    assert (request.method, request.path, request.query, request.version) == (
        "GET",
        "/callback/",
        "code=a&state=b",
        "HTTP/1.1",
    )
    assert request.header("HOST") == "localhost:1"
    assert request.header_values("x-a") == ["1", "2"]
    assert request.header("x-a") is None  # repeated: ambiguous


def test_closed_connection_gives_none(pair: tuple[socket.socket, socket.socket]) -> None:
    server, client = pair
    client.close()
    assert read_request(server, WireLimits()) is None


def test_long_request_line_is_414(pair: tuple[socket.socket, socket.socket]) -> None:
    server, client = pair
    client.sendall(b"GET /" + b"a" * 200 + b" HTTP/1.1\r\n\r\n")
    assert _refused(server, WireLimits(max_request_line=100)) == HTTPStatus.REQUEST_URI_TOO_LONG


def test_long_header_line_is_431(pair: tuple[socket.socket, socket.socket]) -> None:
    server, client = pair
    client.sendall(b"GET / HTTP/1.1\r\nCookie: " + b"c" * 300 + b"\r\n\r\n")
    assert _refused(server, WireLimits(max_header_line=100)) == HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE


def test_too_many_headers_is_431(pair: tuple[socket.socket, socket.socket]) -> None:
    server, client = pair
    client.sendall(b"GET / HTTP/1.1\r\n" + b"".join(b"X-%d: v\r\n" % i for i in range(10)) + b"\r\n")
    assert _refused(server, WireLimits(max_header_count=5)) == HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE


def test_too_large_head_is_431(pair: tuple[socket.socket, socket.socket]) -> None:
    server, client = pair
    client.sendall(
        b"GET / HTTP/1.1\r\n" + b"".join(b"X-%d: %s\r\n" % (i, b"v" * 50) for i in range(10)) + b"\r\n"
    )
    assert _refused(server, WireLimits(max_header_bytes=200)) == HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE


@pytest.mark.parametrize(
    "head",
    [
        b"GET / HTTP/2.0\r\n\r\n",
        b"GET http://evil/ HTTP/1.1\r\n\r\n",
        b"GET  / HTTP/1.1\r\n\r\n",
        b"get / HTTP/1.1\r\n\r\n",
        b"GET /\xff HTTP/1.1\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n",
        b"GET / HTTP/1.1\r\nNo colon here\r\n\r\n",
        b"GET / HTTP/1.1\r\nX: a\x00b\r\n\r\n",
    ],
)
def test_malformed_heads_are_400(pair: tuple[socket.socket, socket.socket], head: bytes) -> None:
    server, client = pair
    client.sendall(head)
    assert _refused(server, WireLimits()) == HTTPStatus.BAD_REQUEST


def test_head_cut_short_is_400(pair: tuple[socket.socket, socket.socket]) -> None:
    server, client = pair
    client.sendall(b"GET / HTTP/1.1\r\nHost: a")
    client.shutdown(socket.SHUT_WR)
    assert _refused(server, WireLimits()) == HTTPStatus.BAD_REQUEST


def test_slow_head_hits_the_deadline(pair: tuple[socket.socket, socket.socket]) -> None:
    server, client = pair
    client.sendall(b"GET / HTTP/1.1\r\nHost: a\r\n")  # never finished
    with pytest.raises(TimeoutError):
        read_request(server, WireLimits(request_timeout=0.2))


def test_write_response_sends_one_closing_response(pair: tuple[socket.socket, socket.socket]) -> None:
    server, client = pair
    write_response(server, HTTPStatus.OK, [("X-Test", "yes")], b"hello")
    server.close()
    data = b""
    while chunk := client.recv(4096):
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 OK\r\n")
    assert b"X-Test: yes" in head
    assert b"Content-Length: 5" in head
    assert b"Connection: close" in head
    assert body == b"hello"


def test_write_response_without_body(pair: tuple[socket.socket, socket.socket]) -> None:
    server, client = pair
    write_response(server, HTTPStatus.NOT_FOUND, [], b"page", send_body=False)
    server.close()
    data = client.recv(4096)
    assert data.endswith(b"Content-Length: 4\r\nConnection: close\r\n\r\n")


def test_write_response_refuses_header_injection(pair: tuple[socket.socket, socket.socket]) -> None:
    server, _client = pair
    with pytest.raises(ValueError, match="line break"):
        write_response(server, HTTPStatus.SEE_OTHER, [("Location", "/done\r\nSet-Cookie: x=1")])


def test_drain_reads_what_the_client_still_sends(pair: tuple[socket.socket, socket.socket]) -> None:
    server, client = pair
    client.sendall(b"x" * 10000)
    client.shutdown(socket.SHUT_WR)
    drain(server)
    assert server.recv(1) == b""
    assert client.recv(1) == b""  # our side was shut for writing
