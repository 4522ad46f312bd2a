"""The identity a token payload is bound to: whose token it is and which record holds it."""

from __future__ import annotations

from desktop.core.store.models import TokenRecord
from desktop.core.store.token_owner import TokenOwner
from desktop.core.vault.envelope import RecordIdentity


def identity_of(record: TokenRecord) -> RecordIdentity:
    """The identity to seal under: the record's columns, just set from its owner by the store."""
    return RecordIdentity(
        record_uuid=record.record_uuid,
        workspace_id=record.workspace_id,
        ig_user_id=record.ig_user_id,
        kind=record.kind,
        format_version=record.format_version,
    )


def identity_for_owner(record: TokenRecord, owner: TokenOwner) -> RecordIdentity:
    """The identity to open under: workspace and account from the owning row, never the record's copies.

    The record's uuid, kind and format stay its own: they describe the record, not who holds it.
    """
    return RecordIdentity(
        record_uuid=record.record_uuid,
        workspace_id=owner.workspace_id,
        ig_user_id=owner.ig_user_id,
        kind=record.kind,
        format_version=record.format_version,
    )
