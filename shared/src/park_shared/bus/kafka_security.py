"""How a Kafka client authenticates and encrypts: aiokafka's keyword arguments from the settings.

    KAFKA_SECURITY_PROTOCOL   PLAINTEXT, SASL_PLAINTEXT, SSL or SASL_SSL (unset: SASL_PLAINTEXT
                              with KAFKA_USERNAME, else PLAINTEXT)
    KAFKA_SASL_MECHANISM      SCRAM-SHA-256 (default) or SCRAM-SHA-512
    KAFKA_USERNAME / KAFKA_PASSWORD   the service's principal
    KAFKA_SSL_CAFILE          the CA that signed the broker's certificate (PEM); unset with SSL:
                              the system's CAs

With SSL and SASL_SSL the broker's certificate is verified against the CA and its host name
against the bootstrap address; a client offering no TLS is refused by a TLS listener."""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Any, Literal

__all__ = ["Mechanism", "Protocol", "kafka_security"]

Protocol = Literal["PLAINTEXT", "SASL_PLAINTEXT", "SSL", "SASL_SSL"]
Mechanism = Literal["SCRAM-SHA-256", "SCRAM-SHA-512"]


def kafka_security(
    protocol: Protocol,
    *,
    username: str | None = None,
    password: str | None = None,
    mechanism: Mechanism = "SCRAM-SHA-256",
    cafile: Path | None = None,
) -> dict[str, Any]:
    """aiokafka's keyword arguments for ``protocol``; SASL needs a username and a password."""
    settings: dict[str, Any] = {"security_protocol": protocol}
    if protocol.startswith("SASL_"):
        if not username or not password:
            raise ValueError(f"KAFKA_SECURITY_PROTOCOL={protocol} needs KAFKA_USERNAME and KAFKA_PASSWORD")
        settings |= {
            "sasl_mechanism": mechanism,
            "sasl_plain_username": username,
            "sasl_plain_password": password,
        }
    if protocol.endswith("SSL"):
        from aiokafka.helpers import create_ssl_context

        try:
            settings["ssl_context"] = create_ssl_context(cafile=str(cafile) if cafile else None)
        except ssl.SSLError as exc:
            raise ValueError(f"KAFKA_SSL_CAFILE {cafile} holds no CA certificate in PEM: {exc}") from exc
    elif cafile is not None:
        raise ValueError(f"KAFKA_SSL_CAFILE needs KAFKA_SECURITY_PROTOCOL=SSL or SASL_SSL, not {protocol}")
    return settings
