"""Facebook-path rows: how they were connected, the grant they share, and the revoke queued for it."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from desktop.core.secrets import SecretStr
from desktop.core.store import connections as repo
from desktop.core.store import facebook as fb_repo
from desktop.core.store import outbox
from desktop.core.store.connections import TokenVault
from desktop.core.store.errors import transaction
from desktop.core.store.models import ConnectedVia, TokenKind
from desktop.core.store.workspaces import ensure_default
from desktop.core.token_audience import TokenAudience
from desktop.core.vault.bootstrap import Storage

NOW = datetime(2026, 12, 1, tzinfo=UTC)
FACEBOOK_APP = TokenAudience("facebook", "555000111")


def _page_row(session: Session, vault: TokenVault, workspace_id: int, ig: str, grant: str) -> None:
    fb_repo.upsert_page_connection(
        session,
        vault,
        workspace_id=workspace_id,
        ig_user_id=ig,
        username=f"user{ig}",
        profile_picture_url=None,
        page_id=f"p{ig}",
        page_name=f"Page {ig}",
        grant_id=grant,
        scopes=("instagram_basic",),
        consented_at=NOW,
        token=SecretStr(f"EAApage{ig}" + "x" * 20),
        audience=FACEBOOK_APP,
    )


def _workspace(storage: Storage) -> int:
    with transaction(storage.sessions) as session:
        return ensure_default(session, now=NOW).id


def test_page_rows_say_how_they_were_connected_and_hold_a_page_token(storage: Storage) -> None:
    ws = _workspace(storage)
    with transaction(storage.sessions) as session:
        _page_row(session, storage.vault, ws, "101", "g1")
    with transaction(storage.sessions) as session:
        (row,) = repo.list_for_workspace(session, ws)
        assert (row.via, row.grant_id, row.page_name, row.expires_at) == ("facebook", "g1", "Page 101", None)
        assert row.token is not None and row.token.kind == TokenKind.FACEBOOK_PAGE
        assert repo.read_token(session, storage.vault, row).reveal().startswith("EAApage101")


def test_an_instagram_login_reconnect_turns_the_row_back_to_instagram(storage: Storage) -> None:
    ws = _workspace(storage)
    with transaction(storage.sessions) as session:
        _page_row(session, storage.vault, ws, "101", "g1")
    with transaction(storage.sessions) as session:
        repo.upsert_connection(
            session,
            storage.vault,
            workspace_id=ws,
            ig_user_id="101",
            username="user101",
            account_type="BUSINESS",
            scopes=("instagram_business_basic",),
            consented_at=NOW,
            expires_at=NOW,
            token=SecretStr("IGAA" + "y" * 30),
        )
    with transaction(storage.sessions) as session:
        (row,) = repo.list_for_workspace(session, ws)
        assert (row.via, row.grant_id, row.page_id) == (ConnectedVia.INSTAGRAM.value, None, None)


def test_grant_dependents_span_workspaces_and_the_queued_revoke_holds_no_token(storage: Storage) -> None:
    ws = _workspace(storage)
    with transaction(storage.sessions) as session:
        from desktop.core.store.workspaces import create

        other = create(session, "Clients", now=NOW).id
        _page_row(session, storage.vault, ws, "101", "g1")
        _page_row(session, storage.vault, other, "102", "g1")
        _page_row(session, storage.vault, ws, "103", "g2")
    with transaction(storage.sessions) as session:
        first = repo.get_by_ig_user_id(session, ws, "101")
        assert first is not None
        assert [c.username for c in fb_repo.grant_dependents(session, "g1", excluding=first.id)] == [
            "user102"
        ]
        entry = fb_repo.remove_and_queue_revoke(session, first, now=NOW)
        assert (entry.via, entry.grant_id, entry.token) == ("facebook", "g1", None)
    with transaction(storage.sessions) as session:
        assert [e.username for e in outbox.list_all(session)] == ["user101"]
        assert repo.get_by_ig_user_id(session, ws, "101") is None
        assert len(fb_repo.grant_dependents(session, "g1")) == 1


def test_page_rows_are_tagged_with_the_facebook_app_and_never_adopted_by_instagram(storage: Storage) -> None:
    ws = _workspace(storage)
    with transaction(storage.sessions) as session:
        _page_row(session, storage.vault, ws, "1784", "grant-1")
    with transaction(storage.sessions) as session:
        # What a start in real mode does with rows stored before tokens were tagged.
        assert repo.adopt_untagged(session, TokenAudience("instagram", "123456789")) == 0
        (row,) = repo.list_for_workspace(session, ws)
        assert (row.provider, row.app_id) == ("facebook", "555000111")
        assert FACEBOOK_APP.admits(row)
        assert not TokenAudience("instagram", "123456789").admits(row)
