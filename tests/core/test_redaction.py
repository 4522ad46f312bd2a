from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.redaction import MASK, redact, register_secret


def test_masks_credentials_by_parameter_name() -> None:
    cases = {
        "https://graph.instagram.com/me?fields=id&access_token=abc123XYZ": "abc123XYZ",
        "client_id=1&client_secret=s3cr3tvalue&grant_type=x": "s3cr3tvalue",
        "http://localhost:8765/callback/?code=AQD-xyz_987&state=s#_": "AQD-xyz_987",
        '{"access_token": "tok-in-json"}': "tok-in-json",
        "Authorization: Bearer tok.en-value": "tok.en-value",
        "access_token%3Dpercentencoded": "percentencoded",
    }
    for text, secret in cases.items():
        out = redact(text)
        assert secret not in out, text
        assert MASK in out


def test_masks_instagram_token_shapes_anywhere() -> None:
    assert "IGAASBX" not in redact("stored IGAASBXabcdefghijklmnopqrstu ok")
    assert redact("graph error code: 190, fbtrace_id AbC123") == "graph error code: 190, fbtrace_id AbC123"


def test_masks_registered_secrets() -> None:
    register_secret("plain-looking-value-42")
    assert redact("x plain-looking-value-42 y") == f"x {MASK} y"


@settings(max_examples=200, deadline=None)
@given(prefix=st.text(max_size=30), token=st.from_regex(r"[A-Za-z0-9_-]{8,40}", fullmatch=True))
def test_access_token_parameter_never_survives(prefix: str, token: str) -> None:
    assert f"access_token={token}" not in redact(f"{prefix}?access_token={token}&x=1")


def test_masks_quoted_and_colon_forms_of_credential_names() -> None:
    cases = {
        "Token(access_token='IGQsingle1234', expires_in=3600)": "IGQsingle1234",
        'Token(access_token="IGQdouble1234")': "IGQdouble1234",
        "access_token: IGQcolon12345": "IGQcolon12345",
        "client_secret = 'spaced secret value'": "spaced secret value",
        "{'refresh_token': 'py-dict-value'}": "py-dict-value",
        '"app_secret":"compact-json"': "compact-json",
        "Callback(code='AQDcodevalue', state='s')": "AQDcodevalue",
        "input_token:\t'tabbed-value'": "tabbed-value",
        "truncated repr access_token='cut-off-valu": "cut-off-valu",
    }
    for text, secret in cases.items():
        out = redact(text)
        assert secret not in out, (text, out)
        assert MASK in out, text


def test_masks_a_dataclass_repr() -> None:
    from dataclasses import dataclass

    @dataclass
    class Token:
        access_token: str
        user_id: str

    text = repr(Token(access_token="plainvalue-not-registered", user_id="1784"))
    out = redact(text)
    assert "plainvalue-not-registered" not in out
    assert "user_id='1784'" in out


def test_error_codes_after_a_colon_stay_readable() -> None:
    # "code: 190" is Instagram's error code, not an authorization code: it must stay in the log.
    assert redact("graph error code: 190, subcode: 460") == "graph error code: 190, subcode: 460"


def test_a_registered_value_inside_a_parameter_name_never_unmasks_its_value() -> None:
    # A secret that happens to be "secret" (or any part of a credential's name) used to be masked
    # first, hiding "client_secret=" from its pattern and leaving the app secret in the log line.
    register_secret("secret")
    url = "https://graph.instagram.com/access_token?client_secret=abc123def456&access_token=IGAAabcdefghijklmnop"
    masked = redact(f"HTTP Request: GET {url}")
    assert "abc123def456" not in masked
    assert "IGAAabcdefghijklmnop" not in masked
    assert "HTTP Request: GET https://graph.instagram.com/access_token?" in masked


def test_a_release_while_the_registry_is_locked_never_deadlocks() -> None:
    """``SecretStr.__del__`` runs inside the garbage collector, which can strike while this very
    thread holds the registry's lock (building the snapshot ``redact`` reads). The release must not
    wait for that lock; it is applied by the next call, and the value stays masked until then."""
    import threading

    from desktop.core import redaction

    value = "gc-released-secret-value-0123456789"
    register_secret(value)
    live_before, _ = redaction.registry_size()

    def release_under_the_lock() -> None:
        with redaction._lock:
            redaction.release_secret(value)

    worker = threading.Thread(target=release_under_the_lock, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "release_secret waited for a lock its own thread held"

    assert MASK in redact(f"token={value}&x=1".replace("token=", "note="))
    live_after, _ = redaction.registry_size()
    assert live_after == live_before - 1
