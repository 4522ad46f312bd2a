from __future__ import annotations

import copy
import logging
import pickle

import pytest

from desktop.core.secrets import MASK, SecretStr

TOKEN = "IGAASBXsecretvalue0123456789"


def test_never_shows_itself() -> None:
    secret = SecretStr(TOKEN)
    for text in (
        str(secret),
        repr(secret),
        f"{secret}",
        f"{secret!r}",
        "%s" % secret,  # noqa: UP031
        format(secret, ">40"),
    ):
        assert TOKEN not in text
        assert MASK in text
    assert TOKEN not in repr([secret, {"token": secret}])


def test_reveal_and_compare() -> None:
    secret = SecretStr(TOKEN)
    assert secret.reveal() == TOKEN
    assert secret == SecretStr(TOKEN)
    assert secret != SecretStr(TOKEN + "x")
    assert secret != TOKEN  # never equal to a bare str, so it can't be compared by accident
    assert len({secret, SecretStr(TOKEN)}) == 1


def test_cannot_be_pickled() -> None:
    with pytest.raises(TypeError):
        pickle.dumps(SecretStr(TOKEN))
    assert copy.deepcopy(SecretStr(TOKEN)).reveal() == TOKEN


def test_logging_a_secret_masks_it(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("test").info("token is %s", SecretStr(TOKEN))
    assert TOKEN not in caplog.text
