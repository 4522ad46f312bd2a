"""One interface for every certificate store Socialdesk can ask to trust its local CA.

A store says whether it trusts the CA, adds it, and removes every Socialdesk CA it holds. Stores
work through the OS's own tool (``certutil``, ``security``), run by an injectable runner so the
commands for each OS can be checked where that OS is absent. No store is ever touched without
the user's say-so, and each reports what it would run.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from desktop.core.errors import SocialdeskError
from desktop.core.i18n import _
from desktop.core.tls.local_ca import CaInfo

log = logging.getLogger(__name__)

#: Trust-store entries are named with this prefix and the CA's short id.
NICKNAME_PREFIX = "Socialdesk local CA"
COMMAND_TIMEOUT = 30.0


@dataclass(frozen=True, slots=True)
class Completed:
    returncode: int
    stdout: str = ""
    stderr: str = ""


Runner = Callable[[Sequence[str]], Completed]
Which = Callable[[str], str | None]


def run_command(argv: Sequence[str]) -> Completed:
    """Run a store's tool without a shell, bounded in time; its output is certificate metadata only."""
    try:
        done = subprocess.run(
            list(argv), capture_output=True, text=True, timeout=COMMAND_TIMEOUT, check=False
        )
    except FileNotFoundError:
        return Completed(127, "", f"{argv[0]}: not found")
    except subprocess.TimeoutExpired:
        return Completed(124, "", f"{argv[0]} did not finish within {COMMAND_TIMEOUT:g} s")
    return Completed(done.returncode, done.stdout, done.stderr)


def nickname(ca: CaInfo) -> str:
    return f"{NICKNAME_PREFIX} {ca.short_id}"


@dataclass(frozen=True, slots=True)
class StoreState:
    """What ``socialdesk tls status`` and the Settings page show for one store."""

    kind: str
    name: str
    location: str
    #: None when it cannot be told (the tool is missing).
    trusted: bool | None
    #: Why the store cannot be used, or what the user must do, in plain words.
    note: str = ""
    #: For stores Socialdesk does not change itself: the commands to run by hand.
    manual_commands: tuple[str, ...] = ()
    managed: bool = True
    #: ``name`` in the language in use, for people to read (``name`` stays English for JSON and logs).
    label: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "name": self.name,
            "location": self.location,
            "trusted": self.trusted,
            "note": self.note,
            "managed": self.managed,
            "manual_commands": list(self.manual_commands),
        }


@dataclass
class ToolContext:
    """How stores reach their tools: a runner and a ``which`` (both replaceable in tests)."""

    runner: Runner = run_command
    which: Which = shutil.which
    ran: list[tuple[str, ...]] = field(default_factory=list)

    def run(self, argv: Sequence[str]) -> Completed:
        self.ran.append(tuple(argv))
        return self.runner(argv)


class TrustStore(ABC):
    kind: str = ""
    #: English, for logs, errors and JSON; ``display_name`` is the one people read.
    name: str = ""
    #: ``name``'s source text for translation (marked with ``N_``) and what fills its placeholders.
    name_source: str = ""
    name_args: Mapping[str, str] = MappingProxyType({})
    #: Whether Socialdesk changes this store itself (False: it shows the commands instead).
    managed: bool = True

    def __init__(self, tools: ToolContext) -> None:
        self._tools = tools

    @property
    @abstractmethod
    def location(self) -> str: ...

    def missing_tool(self) -> str | None:
        """Why this store cannot be used here, or None."""
        return None

    def display_name(self) -> str:
        """The store's name in the language in use ("Chrome und Chromium")."""
        return _(self.name_source or self.name).format(**self.name_args)

    @abstractmethod
    def trusts(self, ca: CaInfo, pem_path: Path) -> bool: ...

    @abstractmethod
    def add_commands(self, ca: CaInfo, pem_path: Path) -> list[list[str]]:
        """The commands that make this store trust ``ca``, in order."""

    @abstractmethod
    def remove(self, ca: CaInfo, pem_path: Path) -> bool:
        """Remove every Socialdesk CA from the store; True if anything was removed."""

    def add(self, ca: CaInfo, pem_path: Path) -> None:
        missing = self.missing_tool()
        if missing is not None:
            raise SocialdeskError("trust_store_failed", missing)
        for argv in self.add_commands(ca, pem_path):
            self._check(argv, self._tools.run(argv))
        log.info("trust store %s now trusts the local CA", self.kind)

    def state(self, ca: CaInfo, pem_path: Path) -> StoreState:
        missing = self.missing_tool()
        trusted = None if missing is not None else self.trusts(ca, pem_path)
        return StoreState(
            self.kind,
            self.name,
            self.location,
            trusted,
            missing or "",
            managed=self.managed,
            label=self.display_name(),
        )

    def _check(self, argv: Sequence[str], done: Completed) -> None:
        if done.returncode != 0:
            first = (done.stderr or done.stdout).strip().splitlines()
            reason = first[0] if first else f"exit status {done.returncode}"
            log.warning("trust store %s: %s failed (%s)", self.kind, argv[0], done.returncode)
            raise SocialdeskError("trust_store_failed", f"{self.name}: {argv[0]} said: {reason}")
