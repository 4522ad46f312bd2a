"""The other stores: the macOS login keychain, the Windows CurrentUser Root store, and the Linux
system store, which needs root and so is only ever shown as commands to run by hand."""

from __future__ import annotations

from pathlib import Path

from desktop.core.i18n import N_
from desktop.core.tls.local_ca import CaInfo
from desktop.core.tls.trust.base import StoreState, ToolContext, TrustStore

#: Debian and Ubuntu's folder for locally added roots (read by update-ca-certificates).
LINUX_SYSTEM_FILE = Path("/usr/local/share/ca-certificates/socialdesk-local-ca.crt")


class MacLoginKeychain(TrustStore):
    """``security add-trusted-cert`` into the login keychain; macOS asks the user to confirm."""

    kind = "macos-login"
    name = N_("macOS login keychain")

    def __init__(self, tools: ToolContext, home: Path) -> None:
        super().__init__(tools)
        self.keychain = home / "Library" / "Keychains" / "login.keychain-db"

    @property
    def location(self) -> str:
        return str(self.keychain)

    def missing_tool(self) -> str | None:
        return None if self._tools.which("security") else "the macOS security tool was not found"

    def trusts(self, ca: CaInfo, pem_path: Path) -> bool:
        done = self._tools.run(["security", "verify-cert", "-c", str(pem_path), "-p", "ssl", "-L"])
        return done.returncode == 0

    def add_commands(self, ca: CaInfo, pem_path: Path) -> list[list[str]]:
        return [
            [
                "security",
                "add-trusted-cert",
                "-r",
                "trustRoot",
                "-p",
                "ssl",
                "-k",
                str(self.keychain),
                str(pem_path),
            ]
        ]

    def remove(self, ca: CaInfo, pem_path: Path) -> bool:
        untrust = ["security", "remove-trusted-cert", str(pem_path)]
        done = self._tools.run(untrust)
        delete = ["security", "delete-certificate", "-Z", ca.sha1_hex, str(self.keychain)]
        deleted = self._tools.run(delete)
        return done.returncode == 0 or deleted.returncode == 0


class WindowsUserRoot(TrustStore):
    """The CurrentUser Root store through ``certutil -user``; Windows asks the user to confirm."""

    kind = "windows-user-root"
    name = N_("Windows trusted roots (current user)")

    @property
    def location(self) -> str:
        return r"Cert:\CurrentUser\Root"

    def missing_tool(self) -> str | None:
        return None if self._tools.which("certutil") else "certutil.exe was not found"

    def trusts(self, ca: CaInfo, pem_path: Path) -> bool:
        return self._tools.run(["certutil", "-user", "-verifystore", "Root", ca.serial_hex]).returncode == 0

    def add_commands(self, ca: CaInfo, pem_path: Path) -> list[list[str]]:
        return [["certutil", "-user", "-f", "-addstore", "Root", str(pem_path)]]

    def remove(self, ca: CaInfo, pem_path: Path) -> bool:
        if not self.trusts(ca, pem_path):
            return False
        argv = ["certutil", "-user", "-delstore", "Root", ca.serial_hex]
        self._check(argv, self._tools.run(argv))
        return True


class LinuxSystemStore(TrustStore):
    """The system-wide store, for programs other than the browsers. Needs root: never run, only shown."""

    kind = "linux-system"
    name = N_("System certificate store (all users; needs root)")
    managed = False

    def __init__(self, tools: ToolContext, target: Path = LINUX_SYSTEM_FILE) -> None:
        super().__init__(tools)
        self.target = target

    @property
    def location(self) -> str:
        return str(self.target)

    def trusts(self, ca: CaInfo, pem_path: Path) -> bool:
        try:
            return self.target.read_text(encoding="ascii").strip() == ca.pem.strip()
        except (OSError, UnicodeDecodeError):
            return False

    def add_commands(self, ca: CaInfo, pem_path: Path) -> list[list[str]]:
        # Shown to the user, so it names no temporary file: the CA comes from Socialdesk itself.
        return [
            ["socialdesk", "tls", "export-ca", "|", "sudo", "tee", str(self.target), ">/dev/null"],
            ["sudo", "update-ca-certificates"],
        ]

    def remove_commands(self) -> list[list[str]]:
        return [["sudo", "rm", "-f", str(self.target)], ["sudo", "update-ca-certificates", "--fresh"]]

    def add(self, ca: CaInfo, pem_path: Path) -> None:
        raise NotImplementedError("the system store needs root: show add_commands instead")

    def remove(self, ca: CaInfo, pem_path: Path) -> bool:
        return False  # never run as root; the status shows the commands

    def state(self, ca: CaInfo, pem_path: Path) -> StoreState:
        trusted = self.trusts(ca, pem_path)
        commands = (
            self.remove_commands() if trusted or self.target.exists() else self.add_commands(ca, pem_path)
        )
        return StoreState(
            self.kind,
            self.name,
            self.location,
            trusted,
            "Optional: browsers do not need it. Socialdesk never runs these commands itself.",
            tuple(" ".join(argv) for argv in commands),
            managed=False,
            label=self.display_name(),
        )
