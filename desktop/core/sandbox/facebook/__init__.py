"""The sandbox's Facebook half: Facebook Login for Business and the Graph endpoints it needs.

It runs on an origin of its own, apart from the Instagram half: a token of one is never valid at
the other, just as an ``IGAA…`` token means nothing to graph.facebook.com.
"""

from desktop.core.sandbox.facebook.server import FacebookSandbox

__all__ = ["FacebookSandbox"]
