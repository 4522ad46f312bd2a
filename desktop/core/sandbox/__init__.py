"""A faithful local Instagram: consent dialog, token endpoints and Graph ``/me``, with scenario knobs."""

from desktop.core.sandbox.accounts import DEFAULT_ACCOUNTS, SandboxAccount
from desktop.core.sandbox.faults import Fault
from desktop.core.sandbox.provider import TokenStatus
from desktop.core.sandbox.server import SandboxCredentials, SandboxServer

__all__ = [
    "DEFAULT_ACCOUNTS",
    "Fault",
    "SandboxAccount",
    "SandboxCredentials",
    "SandboxServer",
    "TokenStatus",
]
