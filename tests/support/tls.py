"""The tests' browsers trust the app's local CA the way a user's browser does once trusted."""

from __future__ import annotations

import ssl

from desktop.core.services import Services


def ca_pem(services: Services) -> str:
    """The PEM of the local CA behind the services' https listener (made now if need be)."""
    assert services.local_ca is not None
    return services.local_ca.info().pem


def trusting(services: Services) -> ssl.SSLContext:
    """A client context that trusts the services' local CA and nothing else."""
    return ssl.create_default_context(cadata=ca_pem(services))
