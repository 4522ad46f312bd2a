"""The words a change notification carries, apart from the machinery that sends them.

The window reads them before the first paint; :mod:`desktop.core.store.notify` brings SQLAlchemy,
which only the services need, once they are opening.
"""

from __future__ import annotations

#: Reload everything: the listening connection was down, so changes may have been missed.
RESYNC = "resync"
