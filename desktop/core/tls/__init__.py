"""TLS for the loopback listener: a name-constrained local CA, its leaves, and the trust stores."""

from desktop.core.tls.authority import Authority, Leaf, new_authority
from desktop.core.tls.local_ca import CaInfo, LocalCa

__all__ = ["Authority", "CaInfo", "Leaf", "LocalCa", "new_authority"]
