"""NSS databases: Chrome and Chromium's ``~/.pki/nssdb`` and each Firefox profile, through ``certutil``.

``certutil`` comes with libnss3-tools on Debian and Ubuntu. The shared database is created when
it does not exist yet (Chromium makes it the same way on first run); a Firefox profile's database
is only ever changed, never created.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from desktop.core.i18n import N_
from desktop.core.tls.local_ca import CaInfo
from desktop.core.tls.trust.base import NICKNAME_PREFIX, ToolContext, TrustStore, nickname

CERTUTIL_MISSING = (
    "certutil is not installed, so browsers cannot be told to trust Socialdesk's local address. "
    "Install it with: sudo apt install libnss3-tools"
)
#: Where Firefox keeps profiles: the classic folder, the Snap and the Flatpak.
FIREFOX_ROOTS = (
    Path(".mozilla/firefox"),
    Path("snap/firefox/common/.mozilla/firefox"),
    Path(".var/app/org.mozilla.firefox/.mozilla/firefox"),
)


class NssStore(TrustStore):
    def __init__(
        self,
        tools: ToolContext,
        folder: Path,
        *,
        kind: str,
        name: str,
        create: bool,
        name_args: Mapping[str, str] | None = None,
    ) -> None:
        """``name``: the English source (``N_``-marked), with ``{placeholders}`` filled from ``name_args``."""
        super().__init__(tools)
        self.folder = folder
        self.kind = kind
        self.name_source = name
        self.name_args = dict(name_args or {})
        self.name = name.format(**self.name_args)
        self._create = create

    @property
    def location(self) -> str:
        return str(self.folder)

    @property
    def _db(self) -> str:
        return f"sql:{self.folder}"

    def missing_tool(self) -> str | None:
        return None if self._tools.which("certutil") else CERTUTIL_MISSING

    def _entries(self) -> dict[str, str]:
        """Socialdesk nicknames in the database and their trust flags."""
        if not (self.folder / "cert9.db").exists():
            return {}
        done = self._tools.run(["certutil", "-L", "-d", self._db])
        if done.returncode != 0:
            return {}
        entries: dict[str, str] = {}
        for line in done.stdout.splitlines():
            if not line.startswith(NICKNAME_PREFIX):
                continue
            name, _, flags = line.rstrip().rpartition(" ")
            entries[name.strip()] = flags.strip()
        return entries

    def trusts(self, ca: CaInfo, pem_path: Path) -> bool:
        flags = self._entries().get(nickname(ca), "")
        return "C" in flags.split(",")[0]

    def add_commands(self, ca: CaInfo, pem_path: Path) -> list[list[str]]:
        commands: list[list[str]] = []
        if self._create and not (self.folder / "cert9.db").exists():
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            commands.append(["certutil", "-N", "-d", self._db, "--empty-password"])
        commands.append(
            ["certutil", "-A", "-d", self._db, "-t", "C,,", "-n", nickname(ca), "-i", str(pem_path)]
        )
        return commands

    def remove(self, ca: CaInfo, pem_path: Path) -> bool:
        removed = False
        for name in self._entries():
            argv = ["certutil", "-D", "-d", self._db, "-n", name]
            self._check(argv, self._tools.run(argv))
            removed = True
        return removed


def nss_stores(tools: ToolContext, home: Path) -> list[NssStore]:
    """The shared database (always offered) and every Firefox profile that has a database."""
    stores = [
        NssStore(tools, home / ".pki" / "nssdb", kind="nss", name=N_("Chrome and Chromium"), create=True)
    ]
    for root in FIREFOX_ROOTS:
        folder = home / root
        if not folder.is_dir():
            continue
        for profile in sorted(p for p in folder.iterdir() if (p / "cert9.db").is_file()):
            stores.append(
                NssStore(
                    tools,
                    profile,
                    kind="firefox",
                    name=N_("Firefox profile {profile}"),
                    name_args={"profile": profile.name},
                    create=False,
                )
            )
    return stores
