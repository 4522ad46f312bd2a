"""Asking this computer's certificate stores to trust the local CA, and undoing it.

:func:`stores_for` lists the stores of one OS behind the :class:`TrustStore` interface;
:class:`Trust` runs status, trust and untrust over them with a PEM file of the CA (public data).
"""

from __future__ import annotations

import contextlib
import logging
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import SocialdeskError
from desktop.core.tls.local_ca import CaInfo
from desktop.core.tls.trust.base import Completed, StoreState, ToolContext, TrustStore, run_command
from desktop.core.tls.trust.nss import CERTUTIL_MISSING, nss_stores
from desktop.core.tls.trust.platforms import LinuxSystemStore, MacLoginKeychain, WindowsUserRoot

log = logging.getLogger(__name__)

__all__ = [
    "CERTUTIL_MISSING",
    "Completed",
    "StoreState",
    "ToolContext",
    "Trust",
    "TrustOutcome",
    "TrustStore",
    "run_command",
    "stores_for",
]


def stores_for(platform: str, home: Path, tools: ToolContext) -> list[TrustStore]:
    """The stores of ``platform`` (``sys.platform`` values) for the user whose home is ``home``."""
    if platform == "darwin":
        return [MacLoginKeychain(tools, home)]
    if platform.startswith("win"):
        return [WindowsUserRoot(tools)]
    return [*nss_stores(tools, home), LinuxSystemStore(tools)]


@dataclass(frozen=True, slots=True)
class TrustOutcome:
    changed: tuple[str, ...]
    failed: tuple[tuple[str, str], ...]
    states: tuple[StoreState, ...]


class Trust:
    """Status, trust and untrust across one computer's stores."""

    def __init__(
        self, *, home: Path | None = None, platform: str | None = None, tools: ToolContext | None = None
    ) -> None:
        self._home = home or Path.home()
        self._platform = platform or sys.platform
        self.tools = tools or ToolContext()

    def stores(self) -> list[TrustStore]:
        return stores_for(self._platform, self._home, self.tools)

    def status(self, ca: CaInfo) -> list[StoreState]:
        with _pem_file(ca) as pem:
            return [store.state(ca, pem) for store in self.stores()]

    def trusted_anywhere(self, ca: CaInfo) -> bool:
        return any(state.trusted and state.managed for state in self.status(ca))

    def trust(self, ca: CaInfo) -> TrustOutcome:
        """Add the CA to every store Socialdesk manages; a store that fails does not stop the others."""
        changed: list[str] = []
        failed: list[tuple[str, str]] = []
        with _pem_file(ca) as pem:
            for store in self.stores():
                if not store.managed or store.missing_tool() is not None:
                    continue
                try:
                    if not store.trusts(ca, pem):
                        store.remove(ca, pem)  # an older Socialdesk CA goes first
                        store.add(ca, pem)
                        changed.append(store.location)
                except SocialdeskError as error:
                    failed.append((store.location, error.detail))
            states = tuple(store.state(ca, pem) for store in self.stores())
        self._require_a_tool(states)
        return TrustOutcome(tuple(changed), tuple(failed), states)

    def untrust(self, ca: CaInfo) -> TrustOutcome:
        """Remove every Socialdesk CA from every store Socialdesk manages."""
        changed: list[str] = []
        failed: list[tuple[str, str]] = []
        with _pem_file(ca) as pem:
            for store in self.stores():
                if not store.managed or store.missing_tool() is not None:
                    continue
                try:
                    if store.remove(ca, pem):
                        changed.append(store.location)
                except SocialdeskError as error:
                    failed.append((store.location, error.detail))
            states = tuple(store.state(ca, pem) for store in self.stores())
        self._require_a_tool(states)
        return TrustOutcome(tuple(changed), tuple(failed), states)

    @staticmethod
    def _require_a_tool(states: tuple[StoreState, ...]) -> None:
        managed = [state for state in states if state.managed]
        if managed and all(state.trusted is None for state in managed):
            raise SocialdeskError("trust_store_failed", managed[0].note)


@contextlib.contextmanager
def _pem_file(ca: CaInfo) -> Iterator[Path]:
    """The CA certificate (public) in a private temp file for the tools, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="socialdesk-ca-") as folder:
        path = Path(folder) / "socialdesk-local-ca.pem"
        path.write_text(ca.pem, encoding="ascii")
        yield path
