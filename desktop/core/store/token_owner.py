"""Who a token record belongs to, read from the row that owns it.

A token record keeps copies of its owner's workspace and account, and its payload's associated data
binds them. Those copies travel with the record, so a record moved under another connection (or a
connection row rewritten to another account) would still decrypt if the copies were trusted. The
decryption identity is therefore always built from the owner: the connection, or the revocation
outbox entry that took the token over. The copies only let us say clearly what went wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.errors import SocialdeskError
from desktop.core.store.models import InstagramConnection, RevocationOutbox, TokenRecord


class TokenOwnerMismatchError(SocialdeskError):
    """A token record is attached to a row of another account or workspace. Never names the token."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("token_owner_mismatch", detail)

    def __reduce__(self) -> tuple[type[TokenOwnerMismatchError], tuple[str]]:  # type: ignore[override]
        return (type(self), (self.detail,))


@dataclass(frozen=True, slots=True)
class TokenOwner:
    """The account and workspace a token must have been sealed for."""

    workspace_id: int
    ig_user_id: str
    #: "connection 12" or "revocation 3": for messages and logs.
    label: str

    @classmethod
    def of_connection(cls, connection: InstagramConnection) -> TokenOwner:
        return cls(connection.workspace_id, str(connection.ig_user_id), f"connection {connection.id}")

    @classmethod
    def of_outbox_entry(cls, entry: RevocationOutbox) -> TokenOwner:
        return cls(entry.workspace_id, str(entry.ig_user_id), f"revocation {entry.id}")

    def check(self, record: TokenRecord) -> None:
        """Refuse a record whose copies name another owner, before any key is used on it."""
        if int(record.workspace_id) != int(self.workspace_id) or str(record.ig_user_id) != self.ig_user_id:
            raise TokenOwnerMismatchError(
                f"the token stored for {self.label} was saved for another account or workspace"
            )
