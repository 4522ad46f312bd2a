"""Who maintains Socialdesk and where it lives: read once from ``pyproject.toml`` for every installer.

``[project] maintainers`` and ``[project.urls] Homepage`` are the one source; the ``.deb``'s control
file and copyright take them through ``@MAINTAINER@`` / ``@HOMEPAGE@``, and the AppStream metainfo
must name the same homepage. A placeholder (an example or reserved domain, a no-reply mailbox, a
"TODO") stops the build: package managers show these fields to people who need help.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from buildlib import BuildError
from buildlib.project import ROOT

#: Domains reserved for examples and tests (RFC 2606, RFC 6761) or that only name this machine.
_RESERVED_DOMAINS = (
    "example",
    "example.com",
    "example.net",
    "example.org",
    "invalid",
    "test",
    "localhost",
    "local",
)
_PLACEHOLDER_WORDS = re.compile(
    r"\b(todo|tbd|fixme|xxx+|changeme|change-me|placeholder|your[-_ ]?(name|email|domain|company)|"
    r"no-?reply|nobody|dummy|lorem)\b",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@(?P<domain>[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)$")


@dataclass(frozen=True, slots=True)
class Contact:
    maintainer_name: str
    maintainer_email: str
    homepage: str

    @property
    def maintainer(self) -> str:
        """``Name <email>``, as Debian's ``Maintainer`` field wants it."""
        return f"{self.maintainer_name} <{self.maintainer_email}>"


def _reserved(domain: str) -> bool:
    domain = domain.lower().rstrip(".")
    return any(domain == reserved or domain.endswith(f".{reserved}") for reserved in _RESERVED_DOMAINS)


def check_contact(contact: Contact) -> list[str]:
    """What makes ``contact`` a placeholder or inconsistent; empty when it is fit to ship."""
    problems: list[str] = []
    for label, value in (
        ("maintainer name", contact.maintainer_name),
        ("maintainer email", contact.maintainer_email),
        ("homepage", contact.homepage),
    ):
        if not value.strip():
            problems.append(f"the {label} is empty")
        elif _PLACEHOLDER_WORDS.search(value) or ("@" in value and label != "maintainer email"):
            problems.append(f"the {label} {value!r} is a placeholder")
    email = _EMAIL.match(contact.maintainer_email)
    if email is None:
        problems.append(f"the maintainer email {contact.maintainer_email!r} is not an address")
    elif _reserved(email["domain"]):
        problems.append(f"the maintainer email {contact.maintainer_email!r} uses a reserved domain")
    url = urlsplit(contact.homepage)
    host = (url.hostname or "").lower()
    if url.scheme != "https" or "." not in host:
        problems.append(f"the homepage {contact.homepage!r} is not an https address on a public host")
    elif _reserved(host):
        problems.append(f"the homepage {contact.homepage!r} uses a reserved domain")
    if email is not None and host and not _same_site(email["domain"].lower(), host):
        problems.append(f"the maintainer email's domain {email['domain']!r} is not the homepage's ({host!r})")
    return problems


def _same_site(mail_domain: str, host: str) -> bool:
    """``support@socialdesk.io`` and ``https://www.socialdesk.io`` belong together."""
    bare = host.removeprefix("www.")
    return mail_domain == bare or mail_domain.endswith(f".{bare}") or bare.endswith(f".{mail_domain}")


def read_contact(root: Path = ROOT) -> Contact:
    """The maintainer and homepage from ``pyproject.toml``; raises :class:`BuildError` when missing."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8")).get("project", {})
    maintainers = project.get("maintainers") or []
    homepage = (project.get("urls") or {}).get("Homepage", "")
    if len(maintainers) != 1 or not isinstance(maintainers[0], dict):
        raise BuildError("pyproject.toml must name exactly one entry in [project] maintainers")
    return Contact(
        maintainer_name=str(maintainers[0].get("name", "")),
        maintainer_email=str(maintainers[0].get("email", "")),
        homepage=str(homepage),
    )


def shipped_contact(root: Path = ROOT) -> Contact:
    """The contact every installer uses; raises :class:`BuildError` on a placeholder."""
    contact = read_contact(root)
    problems = check_contact(contact)
    if problems:
        raise BuildError("pyproject.toml: " + "; ".join(problems))
    return contact


def fill(template: str, contact: Contact) -> str:
    """``template`` with ``@MAINTAINER@`` and ``@HOMEPAGE@`` replaced."""
    return template.replace("@MAINTAINER@", contact.maintainer).replace("@HOMEPAGE@", contact.homepage)


def metainfo_problems(metainfo: str, contact: Contact) -> list[str]:
    """The AppStream metainfo must name the same homepage as the package (one value, two files)."""
    homepages = re.findall(r'<url type="homepage">([^<]*)</url>', metainfo)
    if homepages != [contact.homepage]:
        return [f"the metainfo's homepage {homepages or 'is missing and'} must be {contact.homepage}"]
    return []
