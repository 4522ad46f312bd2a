"""The sandbox's accounts cover every account type, with ids that break float parsing."""

from __future__ import annotations

from desktop.core.sandbox.accounts import DEFAULT_ACCOUNTS, SandboxAccount


def test_every_account_type_and_two_business_accounts() -> None:
    types = [account.account_type for account in DEFAULT_ACCOUNTS]

    assert types.count("BUSINESS") >= 2
    assert "MEDIA_CREATOR" in types
    assert "PERSONAL" in types
    assert {"acme_business", "northwind_shop", "studio.creator", "jane.personal"} <= {
        account.username for account in DEFAULT_ACCOUNTS
    }


def test_ids_exceed_two_to_the_53_and_do_not_survive_a_float() -> None:
    for account in DEFAULT_ACCOUNTS:
        for value in (account.user_id, account.app_scoped_id):
            assert value > 2**53
    assert any(int(float(a.user_id)) != a.user_id for a in DEFAULT_ACCOUNTS)


def test_json_round_trip() -> None:
    for account in DEFAULT_ACCOUNTS:
        assert SandboxAccount.from_json(account.to_json()) == account
