"""Free loopback ports, so tests that listen can run side by side."""

from __future__ import annotations

import random
import socket


def ipv6_loopback_available() -> bool:
    if not socket.has_ipv6:
        return False
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


def port_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.bind((host, port))
    except OSError:
        return False
    return True


#: Ports picked from below Linux's default ephemeral range (32768-60999): a port the kernel hands
#: out for outgoing connections could be taken by any client between the pick and the test's bind.
_PICK_FROM = range(20000, 32768)


def find_free_port() -> int:
    """A port free on 127.0.0.1 (and ::1 where it exists), outside the ephemeral range."""
    want_v6 = ipv6_loopback_available()
    for _ in range(200):
        port = random.choice(_PICK_FROM)
        if port_free("127.0.0.1", port) and (not want_v6 or port_free("::1", port)):
            return port
    raise RuntimeError("no free loopback port found")
