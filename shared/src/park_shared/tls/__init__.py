"""Certificates for one deployment: its own CA, and a server certificate per endpoint (the Kafka
broker, each service's HTTPS), made with the `cryptography` library, written under a folder the
caller names:

    python -m park_shared.tls ca DIR                      # DIR/ca.crt, DIR/ca.key (kept if present)
    python -m park_shared.tls server DIR NAME --host kafka --host 127.0.0.1
        # DIR/NAME.crt (the certificate, then the CA's) and DIR/NAME.key (PKCS#8, mode 600)
    ... server DIR kafka --host kafka --host localhost --keystore [--owner 1000]
        # also DIR/kafka.p12, key and chain as the PKCS#12 key store a JVM reads (the broker:
        # ssl.keystore.type=PKCS12), under a new password in DIR/kafka.password (mode 600)

`issue_server(..., key_password=...)` encrypts the key and makes the PKCS#12 key store.

Keys are ECDSA P-256. A certificate names its hosts (DNS names and IP addresses) as subject
alternative names, so clients verify the host as well as the CA. Bringing one's own
certificates: point the settings at them instead (docs/security.md, "TLS")."""

from __future__ import annotations

import datetime
import ipaddress
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

__all__ = ["Ca", "ServerFiles", "ensure_ca", "issue_server", "write_secret"]

CA_DAYS = 3650
SERVER_DAYS = 825
_NOT_BEFORE_SLACK = datetime.timedelta(minutes=5)  # clocks of the peers may differ a little


@dataclass(frozen=True)
class Ca:
    cert_file: Path
    key_file: Path

    def certificate(self) -> x509.Certificate:
        return x509.load_pem_x509_certificate(self.cert_file.read_bytes())

    def key(self) -> ec.EllipticCurvePrivateKey:
        key = serialization.load_pem_private_key(self.key_file.read_bytes(), password=None)
        assert isinstance(key, ec.EllipticCurvePrivateKey)
        return key


@dataclass(frozen=True)
class ServerFiles:
    cert_file: Path
    """The server's certificate followed by the CA's (the chain a client is sent)."""
    key_file: Path
    keystore_file: Path | None
    """Key and chain as a PKCS#12 key store for a JVM, under the key password; only made with one."""


def ensure_ca(folder: Path, name: str = "Park OS deployment CA", *, days: int = CA_DAYS) -> Ca:
    """The deployment's CA under ``folder``: the one there, else a new one."""
    folder.mkdir(parents=True, exist_ok=True)
    ca = Ca(folder / "ca.crt", folder / "ca.key")
    if ca.cert_file.exists() and ca.key_file.exists():
        return ca
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        _builder(subject, subject, key.public_key(), now, days)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(ca=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    write_secret(ca.key_file, _pkcs8(key, None))
    ca.cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return ca


def issue_server(
    ca: Ca,
    folder: Path,
    name: str,
    hosts: Sequence[str],
    *,
    key_password: str | None = None,
    days: int = SERVER_DAYS,
) -> ServerFiles:
    """A new key and a certificate for ``hosts`` (DNS names or IP addresses), signed by ``ca``."""
    if not hosts:
        raise ValueError("a server certificate needs at least one host name or address")
    folder.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    issuer = ca.certificate()
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hosts[0])])
    now = datetime.datetime.now(datetime.UTC)
    ca_key_id = issuer.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    cert = (
        _builder(subject, issuer.subject, key.public_key(), now, days)
        .add_extension(x509.SubjectAlternativeName([_general_name(h) for h in hosts]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(ca=False), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_key_id), critical=False
        )
        .sign(ca.key(), hashes.SHA256())
    )
    chain = cert.public_bytes(serialization.Encoding.PEM) + issuer.public_bytes(serialization.Encoding.PEM)
    files = ServerFiles(folder / f"{name}.crt", folder / f"{name}.key", None)
    write_secret(files.key_file, _pkcs8(key, key_password))
    files.cert_file.write_bytes(chain)
    if key_password is None:
        return files
    keystore = folder / f"{name}.p12"
    encryption = serialization.BestAvailableEncryption(key_password.encode())
    store = pkcs12.serialize_key_and_certificates(name.encode(), key, cert, [issuer], encryption)
    write_secret(keystore, store)
    return ServerFiles(files.cert_file, files.key_file, keystore)


def _builder(
    subject: x509.Name,
    issuer: x509.Name,
    public_key: ec.EllipticCurvePublicKey,
    now: datetime.datetime,
    days: int,
) -> x509.CertificateBuilder:
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _NOT_BEFORE_SLACK)
        .not_valid_after(now + datetime.timedelta(days=days))
    )


def _key_usage(*, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not ca,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def _general_name(host: str) -> x509.GeneralName:
    try:
        return x509.IPAddress(ipaddress.ip_address(host))
    except ValueError:
        return x509.DNSName(host)


def _pkcs8(key: ec.EllipticCurvePrivateKey, password: str | None) -> bytes:
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(password.encode()) if password else serialization.NoEncryption()
    )
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)


def write_secret(path: Path, data: bytes) -> None:
    """Writes ``data`` to a new file only its owner may read (mode 600)."""
    path.unlink(missing_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(data)
