"""Connecting through Instagram's OAuth dialog: connect sessions, the loopback listener, the callback.

``PendingFlow.begin`` is the entry point for one connect attempt; the parts are usable on their own.
"""

from desktop.core.oauth.callback import CallbackResult, parse_callback_query, parse_callback_url
from desktop.core.oauth.flow import FlowCancelled, PendingFlow
from desktop.core.oauth.listener import LoopbackListener
from desktop.core.oauth.session import ConnectSession, ConnectSessions

__all__ = [
    "CallbackResult",
    "ConnectSession",
    "ConnectSessions",
    "FlowCancelled",
    "LoopbackListener",
    "PendingFlow",
    "parse_callback_query",
    "parse_callback_url",
]
