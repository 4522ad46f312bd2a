"""Three hosts on three ports, as at Meta: each path only on its own host, versions only where Graph takes one."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from desktop.core.errors import SocialdeskError
from desktop.core.sandbox import SandboxServer
from desktop.core.sandbox.hosts import LIVE_GRAPH_VERSIONS
from tests.core.sandbox.helpers import authorize_url, graph_error, long_token


def test_each_host_has_its_own_port(sandbox: SandboxServer) -> None:
    urls = {sandbox.www_url, sandbox.api_url, sandbox.graph_url}

    assert len(urls) == 3
    assert sandbox.base_url == sandbox.www_url
    endpoints = sandbox.endpoints()
    assert (endpoints.authorize_base_url, endpoints.api_base_url, endpoints.graph_base_url) == (
        sandbox.www_url,
        sandbox.api_url,
        sandbox.graph_url,
    )


@pytest.mark.parametrize(
    ("host", "method", "path"),
    [
        ("api", "GET", "/oauth/authorize"),
        ("graph", "GET", "/oauth/authorize"),
        ("www", "POST", "/oauth/access_token"),
        ("graph", "POST", "/oauth/access_token"),
        ("www", "GET", "/access_token"),
        ("api", "GET", "/refresh_access_token"),
        ("www", "GET", "/v25.0/me"),
        ("api", "DELETE", "/v25.0/me/permissions"),
    ],
)
def test_a_path_on_the_wrong_host_is_404(
    sandbox: SandboxServer, http: httpx.Client, host: str, method: str, path: str
) -> None:
    response = http.request(method, f"{sandbox.url_of(host)}{path}")

    assert response.status_code == 404


def test_the_dialog_host_answers_404_as_a_web_page(sandbox: SandboxServer, http: httpx.Client) -> None:
    response = http.get(f"{sandbox.www_url}/v25.0/me")

    assert response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("host", ["www", "api", "graph"])
def test_the_control_api_answers_on_every_host(sandbox: SandboxServer, http: httpx.Client, host: str) -> None:
    described = http.get(f"{sandbox.url_of(host)}/_sandbox").json()

    assert described["graph_url"] == sandbox.graph_url
    assert described["www_url"] == sandbox.www_url


@pytest.mark.parametrize("version", LIVE_GRAPH_VERSIONS)
def test_me_takes_every_live_version_and_none(
    sandbox: SandboxServer, http: httpx.Client, version: str
) -> None:
    token = long_token(http, sandbox)

    versioned = http.get(
        f"{sandbox.graph_url}/{version}/me", params={"fields": "username", "access_token": token}
    )
    bare = http.get(f"{sandbox.graph_url}/me", params={"fields": "username", "access_token": token})

    assert versioned.json()["username"] == bare.json()["username"] == "acme_business"


@pytest.mark.parametrize("path", ["/v20.0/me", "/v99.0/me", "/v2/me/permissions"])
def test_a_version_meta_does_not_serve_there_is_refused(
    sandbox: SandboxServer, http: httpx.Client, path: str
) -> None:
    token = long_token(http, sandbox)

    response = http.get(f"{sandbox.graph_url}{path}", params={"access_token": token})

    assert response.status_code == 400
    assert graph_error(response) == (2500, None)


@pytest.mark.parametrize(
    ("host_name", "path"),
    [
        ("www", "/v25.0/oauth/authorize"),
        ("api", "/v25.0/oauth/access_token"),
        ("graph", "/v25.0/access_token"),
    ],
)
def test_paths_meta_serves_unversioned_take_no_version(
    sandbox: SandboxServer, http: httpx.Client, host_name: str, path: str
) -> None:
    host = sandbox.url_of(host_name)

    assert http.get(f"{host}{path}").status_code == 404


def test_a_token_only_counts_as_the_query_parameter(sandbox: SandboxServer, http: httpx.Client) -> None:
    token = long_token(http, sandbox)

    in_form = http.request(
        "DELETE",
        f"{sandbox.graph_url}/v25.0/me/permissions",
        content=f"access_token={token}",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )

    assert graph_error(in_form) == (2500, None)


def test_the_dialog_is_served_only_by_www(sandbox: SandboxServer, http: httpx.Client) -> None:
    assert http.get(authorize_url(sandbox)).status_code == 200


def test_a_taken_port_starts_no_host(tmp_path: Path) -> None:
    with SandboxServer(tmp_path / "a") as first:
        clash = SandboxServer(tmp_path / "b", ports={"www": 0, "api": 0, "graph": first.port_of("graph")})
        with pytest.raises(SocialdeskError) as caught:
            clash.start()
        assert caught.value.code == "port_in_use"
        assert "graph" in caught.value.detail
        assert not clash.running
