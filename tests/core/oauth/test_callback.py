from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.errors import SocialdeskError
from desktop.core.oauth.callback import CallbackResult, parse_callback_query, parse_callback_url
from desktop.core.secrets import SecretStr

REDIRECT = "http://localhost:8765/callback/"
CODE = "AQBcodeVALUE-_.0123456789abcdefXYZ"
STATE = "Zk3j9x_-state-value-from-our-session-0123456"


def _assert_success(result: CallbackResult) -> None:
    assert isinstance(result.code, SecretStr)
    assert result.code.reveal() == CODE
    assert result.state == STATE
    assert result.error is None
    assert not result.denied


@pytest.mark.parametrize(
    "pasted",
    [
        f"http://localhost:8765/callback/?code={CODE}&state={STATE}#_",
        f"http://localhost:8765/callback/?code={CODE}&state={STATE}",
        f"  http://localhost:8765/callback/?state={STATE}&code={CODE}#_\n",
        f'"http://localhost:8765/callback/?code={CODE}&state={STATE}#_"',
        f"“http://localhost:8765/callback/?code={CODE}&state={STATE}#_”",
        f"<http://localhost:8765/callback/?code={CODE}&state={STATE}>",
        f"HTTP://LOCALHOST:8765/callback/?code={CODE}&state={STATE}#_",
        f"localhost:8765/callback/?code={CODE}&state={STATE}#_",
        f"/callback/?code={CODE}&state={STATE}#_",
        f"?code={CODE}&state={STATE}#_",
        f"code={CODE}&state={STATE}#_",
        f"code={CODE}&state={STATE}",
        f"http://localhost:8765/callback/?code={CODE}&state={STATE}&extra=ignored#_",
    ],
)
def test_pasted_forms_are_accepted(pasted: str) -> None:
    _assert_success(parse_callback_url(pasted, REDIRECT))


def test_fragment_is_never_part_of_the_code_or_state() -> None:
    result = parse_callback_url(f"?state={STATE}&code={CODE}#_", REDIRECT)
    assert result.code is not None
    assert result.code.reveal() == CODE
    with pytest.raises(SocialdeskError) as refused:
        # Everything after "#" is the fragment, so this address has no state.
        parse_callback_url(f"http://localhost:8765/callback/?code={CODE}#_&state={STATE}", REDIRECT)
    assert "no state" in refused.value.detail


def test_code_stays_out_of_repr_and_str() -> None:
    result = parse_callback_url(f"?code={CODE}&state={STATE}", REDIRECT)
    assert CODE not in repr(result)
    assert STATE not in repr(result)
    assert CODE not in str(result)


def test_cancel_redirect_with_state() -> None:
    result = parse_callback_url(
        "http://localhost:8765/callback/?error=access_denied&error_reason=user_denied"
        f"&error_description=The+user+denied+your+request&state={STATE}#_",
        REDIRECT,
    )
    assert result.denied
    assert result.code is None
    assert result.state == STATE
    assert result.error_reason == "user_denied"
    assert result.error_description == "The user denied your request"


def test_cancel_redirect_without_state_is_accepted() -> None:
    result = parse_callback_query("error=access_denied&error_reason=user_denied")
    assert result.denied
    assert result.state is None


def test_error_description_is_cleaned_and_bounded() -> None:
    result = parse_callback_query("error=server_error&error_description=" + "a%0Ab%00c" + "x" * 900)
    assert result.error_description is not None
    assert "\n" not in result.error_description
    assert "\x00" not in result.error_description
    assert len(result.error_description) <= 501


@pytest.mark.parametrize(
    ("pasted", "why"),
    [
        (f"http://localhost:8766/callback/?code={CODE}&state={STATE}", "is not for"),
        (f"http://127.0.0.1:8765/callback/?code={CODE}&state={STATE}", "is not for"),
        (f"http://localhost:8765/callback?code={CODE}&state={STATE}", "is not for"),
        (f"http://localhost:8765/other/?code={CODE}&state={STATE}", "is not for"),
        (f"https://localhost:8765/callback/?code={CODE}&state={STATE}", "is not for"),
        (f"https://evil.example/callback/?code={CODE}&state={STATE}", "is not for"),
        (f"http://localhost:8765/callback/?state={STATE}", "no code"),
        (f"http://localhost:8765/callback/?code={CODE}", "no state"),
        (f"?code={CODE}&code={CODE}x&state={STATE}", "repeats"),
        (f"?code={CODE}&state={STATE}&state=other", "repeats"),
        (f"?code={CODE}&state={STATE}&error=access_denied", "both"),
        (f"?code={CODE}%20withspace&state={STATE}", "malformed code"),
        (f"?code={CODE}&state={STATE}&error_description=" + "x" * 9000, "too long"),
        (f"code={CODE} state={STATE}", "spaces"),
        ("   ", "nothing"),
        ("hello", "is not for"),
        (f"?code={CODE}%FF&state={STATE}", "unreadable"),
        ("?error=<script>&state=abc", "malformed error"),
    ],
)
def test_malformed_input_is_invalid_callback_without_the_code(pasted: str, why: str) -> None:
    with pytest.raises(SocialdeskError) as refused:
        parse_callback_url(pasted, REDIRECT)
    assert refused.value.code == "invalid_callback"
    assert why in refused.value.detail
    assert CODE not in str(refused.value)
    assert CODE not in repr(refused.value)


def test_bad_expected_redirect_uri_is_app_misconfigured() -> None:
    with pytest.raises(SocialdeskError) as refused:
        parse_callback_url(f"?code={CODE}&state={STATE}", "not a uri")
    assert refused.value.code == "app_misconfigured"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_a_result_or_invalid_callback(text: str) -> None:
    try:
        result = parse_callback_url(text, REDIRECT)
    except SocialdeskError as exc:
        assert exc.code == "invalid_callback"
    else:
        assert (result.code is None) != (result.error is None)
