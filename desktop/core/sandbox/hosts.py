"""Which host serves which path, as at Meta: each host is its own server on its own port.

Instagram splits the protocol over three hosts: www.instagram.com (the consent dialog),
api.instagram.com (the code exchange) and graph.instagram.com (everything else). A path asked of the
wrong host gets 404, as it would there, so a client that mixes up its base URLs fails here first.
Only Graph paths take a version prefix, and only a version Meta still serves. The control API
(``/_sandbox/``) answers on every host. Other providers' halves add their own :class:`HostSpec`
tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Graph API versions Meta serves today (v21.0 to v25.0 stay live into 2027-2028).
LIVE_GRAPH_VERSIONS = ("v21.0", "v22.0", "v23.0", "v24.0", "v25.0")
_VERSION_PREFIX_RE = re.compile(r"^/(v\d+(?:\.\d+)?)(/.*)$")


@dataclass(frozen=True, slots=True)
class HostSpec:
    """One host: its short name, the endpoints it serves, and those that take a Graph version."""

    name: str
    endpoints: frozenset[str]
    versioned: frozenset[str] = frozenset()
    #: How it answers a path it does not serve: ``html`` (a web page) or ``graph`` (the JSON error).
    not_found: str = "graph"


INSTAGRAM_HOSTS: tuple[HostSpec, ...] = (
    HostSpec("www", frozenset({"/oauth/authorize"}), not_found="html"),
    HostSpec("api", frozenset({"/oauth/access_token"})),
    HostSpec(
        "graph",
        frozenset({"/access_token", "/refresh_access_token", "/me", "/me/permissions"}),
        versioned=frozenset({"/me", "/me/permissions"}),
    ),
)


@dataclass(frozen=True, slots=True)
class Routed:
    """A path as a host understands it: the endpoint, or why the host does not serve it."""

    endpoint: str
    version: str | None = None
    #: ``not_here`` (404, also for a version on a path that takes none), ``bad_version`` (not live).
    problem: str | None = None


def route(host: HostSpec, path: str) -> Routed:
    """Which of ``host``'s endpoints ``path`` names, with its Graph version if any."""
    version: str | None = None
    rest = path
    match = _VERSION_PREFIX_RE.match(path)
    if match is not None:
        version, rest = match.group(1), match.group(2)
    endpoint = rest.rstrip("/") or "/"
    if endpoint not in host.endpoints or (version is not None and endpoint not in host.versioned):
        return Routed(endpoint, version, "not_here")
    if version is not None and version not in LIVE_GRAPH_VERSIONS:
        return Routed(endpoint, version, "bad_version")
    return Routed(endpoint, version)


def default_ports(first: int, hosts: tuple[HostSpec, ...]) -> dict[str, int]:
    """Ports for the hosts: consecutive from ``first``, or all free ones when ``first`` is 0."""
    return {spec.name: (first + index if first else 0) for index, spec in enumerate(hosts)}
