"""A certificate authority that can vouch for nothing but this computer, and the leaves it signs.

The CA carries critical X.509 name constraints permitting only ``localhost``, ``127.0.0.1`` and
``::1``: a browser that trusts it still refuses any certificate it signs for another name, so a
leaked CA key cannot impersonate a real site. Leaves are short-lived (renewed silently) and their
keys never leave memory. Everything here is pure crypto, with no files and no keychain.
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from desktop.core.secrets import SecretStr

#: What the CA may vouch for, and what each leaf names.
LOOPBACK_DNS = "localhost"
LOOPBACK_IPS = (ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1"))
CA_LIFETIME = timedelta(days=5 * 365)
#: Short on purpose: a leaf is renewed silently well before it lapses.
LEAF_LIFETIME = timedelta(days=7)
LEAF_RENEW_BEFORE = timedelta(days=2)
#: Clock skew between this computer and the browser's idea of "now".
BACKDATE = timedelta(minutes=5)
CA_COMMON_NAME = "Socialdesk local address (this computer only)"


def permitted_subtrees() -> list[x509.GeneralName]:
    return [
        x509.DNSName(LOOPBACK_DNS),
        x509.IPAddress(ipaddress.ip_network("127.0.0.1/32")),
        x509.IPAddress(ipaddress.ip_network("::1/128")),
    ]


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 of the DER, as colon-separated hex (what browsers and certutil show)."""
    digest = cert.fingerprint(hashes.SHA256()).hex().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def short_id(cert: x509.Certificate) -> str:
    """A stable short name for one CA, used in keychain entries and trust-store nicknames."""
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class Authority:
    """The CA certificate and, while it is in memory, its private key."""

    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey

    def __repr__(self) -> str:
        return f"Authority({short_id(self.certificate)}, key=**********)"

    @property
    def certificate_pem(self) -> str:
        return self.certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")

    def key_secret(self) -> SecretStr:
        """The key as PKCS#8 PEM, wrapped so it can go to the keychain and nowhere else."""
        pem = self.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        return SecretStr(pem.decode("ascii"))

    @classmethod
    def from_parts(cls, certificate_pem: str, key: SecretStr) -> Authority:
        """Rejoin a stored certificate with its key; a key that does not match is refused."""
        certificate = x509.load_pem_x509_certificate(certificate_pem.encode("ascii"))
        loaded = serialization.load_pem_private_key(key.reveal().encode("ascii"), password=None)
        if not isinstance(loaded, ec.EllipticCurvePrivateKey):
            raise ValueError("the local CA key is not an EC key")
        public = certificate.public_key()
        if not isinstance(public, ec.EllipticCurvePublicKey) or public.public_numbers() != (
            loaded.public_key().public_numbers()
        ):
            raise ValueError("the local CA key does not belong to its certificate")
        return cls(certificate, loaded)

    def sign_leaf(self, now: datetime, *, names: list[x509.GeneralName] | None = None) -> Leaf:
        """A new server certificate for this computer's loopback names, with a fresh key."""
        key = ec.generate_private_key(ec.SECP256R1())
        alt_names = (
            names
            if names is not None
            else [x509.DNSName(LOOPBACK_DNS)] + [x509.IPAddress(ip) for ip in LOOPBACK_IPS]
        )
        not_after = min(now + LEAF_LIFETIME, self.certificate.not_valid_after_utc)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Socialdesk on this computer")]))
            .issuer_name(self.certificate.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - BACKDATE)
            .not_valid_after(not_after)
            .add_extension(x509.SubjectAlternativeName(alt_names), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()), critical=False
            )
            .sign(self.key, hashes.SHA256())
        )
        return Leaf(certificate, key)


@dataclass(frozen=True, slots=True)
class Leaf:
    """A server certificate and its key; the key exists only in this object."""

    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey

    def __repr__(self) -> str:
        return f"Leaf(until {self.certificate.not_valid_after_utc.isoformat()}, key=**********)"

    def needs_renewal(self, now: datetime) -> bool:
        return now >= self.certificate.not_valid_after_utc - LEAF_RENEW_BEFORE or (
            now < self.certificate.not_valid_before_utc
        )

    @property
    def certificate_pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)

    def key_pem(self, password: bytes) -> bytes:
        """The key encrypted under ``password``: the only form in which it is ever handed on."""
        return self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(password),
        )


def new_authority(now: datetime | None = None) -> Authority:
    """A fresh CA for this install: P-256, critical name constraints, able to sign leaves only."""
    now = now or datetime.now(UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    # A random suffix keeps two installs' CAs apart in a trust store listing.
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, CA_COMMON_NAME),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Socialdesk"),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, os.urandom(4).hex()),
        ]
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - BACKDATE)
        .not_valid_after(now + CA_LIFETIME)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.NameConstraints(permitted_subtrees=permitted_subtrees(), excluded_subtrees=None),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Authority(certificate, key)
