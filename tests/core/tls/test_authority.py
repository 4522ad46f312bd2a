"""The local CA can vouch for this computer's loopback names only, and its leaves are fit for browsers."""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, ExtensionOID

from desktop.core.secrets import SecretStr
from desktop.core.tls.authority import LEAF_LIFETIME, Authority, Leaf, new_authority
from desktop.core.tls.local_ca import load_leaf

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def authority() -> Authority:
    return new_authority(NOW)


def test_name_constraints_are_critical_and_permit_only_the_loopback_names(authority: Authority) -> None:
    extension = authority.certificate.extensions.get_extension_for_oid(ExtensionOID.NAME_CONSTRAINTS)
    assert extension.critical
    constraints = extension.value
    assert isinstance(constraints, x509.NameConstraints)
    assert constraints.excluded_subtrees is None
    assert set(constraints.permitted_subtrees or ()) == {
        x509.DNSName("localhost"),
        x509.IPAddress(ipaddress.ip_network("127.0.0.1/32")),
        x509.IPAddress(ipaddress.ip_network("::1/128")),
    }


def test_the_ca_signs_certificates_and_nothing_else(authority: Authority) -> None:
    basic = authority.certificate.extensions.get_extension_for_class(x509.BasicConstraints)
    assert basic.critical and basic.value.ca and basic.value.path_length == 0
    usage = authority.certificate.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical and usage.value.key_cert_sign and not usage.value.digital_signature


def test_a_leaf_names_localhost_and_both_loopback_addresses_for_tls_servers(authority: Authority) -> None:
    leaf = authority.sign_leaf(NOW)
    names = leaf.certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == ["localhost"]
    assert set(names.get_values_for_type(x509.IPAddress)) == {
        ipaddress.ip_address("127.0.0.1"),
        ipaddress.ip_address("::1"),
    }
    eku = leaf.certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(eku) == [ExtendedKeyUsageOID.SERVER_AUTH]
    assert not leaf.certificate.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    lifetime = leaf.certificate.not_valid_after_utc - leaf.certificate.not_valid_before_utc
    assert lifetime <= LEAF_LIFETIME + timedelta(minutes=5)
    leaf.certificate.verify_directly_issued_by(authority.certificate)


def test_each_leaf_has_a_fresh_key(authority: Authority) -> None:
    one, two = authority.sign_leaf(NOW), authority.sign_leaf(NOW)
    assert one.key.private_numbers() != two.key.private_numbers()


def test_a_leaf_is_renewed_before_it_lapses(authority: Authority) -> None:
    leaf = authority.sign_leaf(NOW)
    assert not leaf.needs_renewal(NOW + timedelta(days=1))
    assert leaf.needs_renewal(NOW + LEAF_LIFETIME - timedelta(days=1))
    assert leaf.needs_renewal(NOW - timedelta(hours=1))  # the clock went back past its start


def test_keys_never_show_in_a_repr(authority: Authority) -> None:
    leaf = authority.sign_leaf(NOW)
    for text in (repr(authority), repr(leaf)):
        assert "PRIVATE" not in text and "**********" in text


def test_a_stored_key_must_belong_to_its_certificate(authority: Authority) -> None:
    other = new_authority(NOW)
    rejoined = Authority.from_parts(authority.certificate_pem, authority.key_secret())
    assert rejoined.certificate == authority.certificate
    with pytest.raises(ValueError, match="does not belong"):
        Authority.from_parts(authority.certificate_pem, other.key_secret())
    with pytest.raises(ValueError):
        Authority.from_parts(authority.certificate_pem, SecretStr("not a key"))


def test_the_leaf_key_is_handed_on_only_encrypted(authority: Authority) -> None:
    pem = authority.sign_leaf(NOW).key_pem(b"one-time")
    assert pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")


def _handshake(leaf: Leaf, ca_pem: str, server_name: str) -> None:
    """A TLS handshake over loopback: the server holds ``leaf``, the client trusts only the CA."""
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    load_leaf(server_context, leaf)
    client_context = ssl.create_default_context(cadata=ca_pem)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve() -> None:
        connection, _ = listener.accept()
        try:
            with server_context.wrap_socket(connection, server_side=True) as tls:
                tls.recv(1)
        except (ssl.SSLError, OSError):
            pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        with (
            socket.create_connection(("127.0.0.1", port), timeout=10) as raw,
            client_context.wrap_socket(raw, server_hostname=server_name) as tls,
        ):
            tls.sendall(b"x")
    finally:
        thread.join(10)
        listener.close()


def test_a_client_trusting_the_ca_accepts_the_leaf_for_each_loopback_name(authority: Authority) -> None:
    leaf = authority.sign_leaf(datetime.now(UTC))
    for name in ("localhost", "127.0.0.1", "::1"):
        _handshake(leaf, authority.certificate_pem, name)


def test_a_leaf_for_another_name_is_refused_even_by_a_client_that_trusts_the_ca(
    authority: Authority,
) -> None:
    rogue = authority.sign_leaf(datetime.now(UTC), names=[x509.DNSName("example.com")])
    with pytest.raises(ssl.SSLCertVerificationError):
        _handshake(rogue, authority.certificate_pem, "example.com")


def test_the_ca_uses_a_p256_key(authority: Authority) -> None:
    assert isinstance(authority.key, ec.EllipticCurvePrivateKey)
    assert authority.key.curve.name == "secp256r1"
