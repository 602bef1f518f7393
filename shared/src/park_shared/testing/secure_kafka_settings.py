"""The secure local broker's settings: SASL/SCRAM with the StandardAuthorizer, over TLS when
given the broker's key store (`broker_tls` issues one from the deployment's CA in a folder)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from park_shared.testing.kafka_server import _settings
from park_shared.tls import ensure_ca, issue_server

__all__ = ["ADMIN", "MECHANISM", "BrokerTls", "_secure_settings", "broker_tls"]

ADMIN = "admin"
MECHANISM = "SCRAM-SHA-256"


@dataclass(frozen=True)
class BrokerTls:
    """The broker's side of TLS: its PKCS#12 key store and the CA it trusts (a PEM file)."""

    keystore: Path
    key_password: str = field(repr=False)
    truststore: Path


def broker_tls(folder: Path) -> BrokerTls:
    """A new certificate for 127.0.0.1 and localhost from the CA in ``folder`` (made on first
    use, kept after). Its key store's password is written only into server.properties (mode 600)."""
    ca = ensure_ca(folder, "Park OS test broker CA")
    password = secrets.token_urlsafe(18)
    files = issue_server(ca, folder, "broker", ["localhost", "127.0.0.1"], key_password=password)
    assert files.keystore_file is not None
    return BrokerTls(files.keystore_file, password, ca.cert_file)


def _secure_settings(
    data: Path, port: int, controller_port: int, admin_password: str, tls: BrokerTls | None = None
) -> dict[str, str]:
    settings = _settings(data, port, controller_port)
    plain = "org.apache.kafka.common.security.plain.PlainLoginModule"
    scram = "org.apache.kafka.common.security.scram.ScramLoginModule"
    listener = "SASL_SSL" if tls else "SASL_PLAINTEXT"
    settings.update(
        {
            "listeners": f"{listener}://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controller_port}",
            "advertised.listeners": f"{listener}://127.0.0.1:{port}",
            "listener.security.protocol.map": f"{listener}:{listener},CONTROLLER:{listener}",
            "inter.broker.listener.name": listener,
            "sasl.enabled.mechanisms": MECHANISM,
            "sasl.mechanism.inter.broker.protocol": MECHANISM,
            f"listener.name.{listener.lower()}.{MECHANISM.lower()}.sasl.jaas.config": (
                f'{scram} required username="{ADMIN}" password="{admin_password}";'
            ),
            "sasl.mechanism.controller.protocol": "PLAIN",
            "listener.name.controller.sasl.enabled.mechanisms": "PLAIN",
            "listener.name.controller.plain.sasl.jaas.config": (
                f'{plain} required username="{ADMIN}" password="{admin_password}" '
                f'user_{ADMIN}="{admin_password}";'
            ),
            "authorizer.class.name": "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
            "super.users": f"User:{ADMIN}",
            "allow.everyone.if.no.acl.found": "false",
            "auto.create.topics.enable": "false",
        }
    )
    if tls:  # clients verify the broker's host name too (the default), the broker its own
        settings.update(
            {
                "ssl.keystore.type": "PKCS12",
                "ssl.keystore.location": str(tls.keystore),
                "ssl.keystore.password": tls.key_password,
                "ssl.key.password": tls.key_password,
                "ssl.truststore.type": "PEM",
                "ssl.truststore.location": str(tls.truststore),
            }
        )
    return settings
