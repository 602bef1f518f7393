"""TLS through the settings: Kafka's security protocol and CA, the services' HTTPS files. An
incomplete combination is refused, naming what is missing."""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Any

import pytest
from park_shared.settings import ParkSettings
from park_shared.tls import ensure_ca, issue_server
from park_shared.web.https import https_options
from pydantic import ValidationError

KAFKA = {"park_env": "test", "park_bus": "kafka", "kafka_bootstrap_servers": "127.0.0.1:9093"}


def settings(**values: Any) -> ParkSettings:
    return ParkSettings(**values)


def test_sasl_ssl_trusts_the_ca_given_and_checks_the_host(tmp_path: Path) -> None:
    ca = ensure_ca(tmp_path)
    s = settings(
        **KAFKA,
        kafka_security_protocol="SASL_SSL",
        kafka_username="investment",
        kafka_password="pw",
        kafka_ssl_cafile=ca.cert_file,
    )
    security = s.kafka_security()
    assert security["security_protocol"] == "SASL_SSL" and security["sasl_mechanism"] == "SCRAM-SHA-256"
    assert security["sasl_plain_username"] == "investment" and security["sasl_plain_password"] == "pw"
    context: ssl.SSLContext = security["ssl_context"]
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert len(context.get_ca_certs()) == 1, "only the deployment's CA"


def test_without_a_protocol_a_username_means_sasl_plaintext_and_none_plaintext() -> None:
    with_user = settings(**KAFKA, kafka_username="hq", kafka_password="pw").kafka_security()
    assert with_user["security_protocol"] == "SASL_PLAINTEXT" and "ssl_context" not in with_user
    assert settings(**KAFKA).kafka_security() == {"security_protocol": "PLAINTEXT"}


@pytest.mark.parametrize(
    ("values", "named"),
    [
        ({"kafka_security_protocol": "SASL_SSL"}, "KAFKA_USERNAME and KAFKA_PASSWORD"),
        ({"kafka_username": "hq"}, "KAFKA_USERNAME and KAFKA_PASSWORD"),
        ({"kafka_security_protocol": "PLAINTEXT", "kafka_ssl_cafile": "CA"}, "KAFKA_SSL_CAFILE needs"),
        ({"kafka_security_protocol": "SSL", "kafka_ssl_cafile": "missing.crt"}, "kafka_ssl_cafile"),
        ({"kafka_security_protocol": "TLS"}, "kafka_security_protocol"),
        ({"kafka_security_protocol": "SSL", "kafka_ssl_cafile": "KEY"}, "holds no CA certificate"),
    ],
)
def test_an_incomplete_kafka_security_is_refused(values: dict[str, str], named: str, tmp_path: Path) -> None:
    if values.get("kafka_ssl_cafile") == "CA":
        values = {**values, "kafka_ssl_cafile": str(ensure_ca(tmp_path).cert_file)}
    if values.get("kafka_ssl_cafile") == "KEY":  # a file, but not a certificate
        values = {**values, "kafka_ssl_cafile": str(ensure_ca(tmp_path).key_file)}
    with pytest.raises(ValidationError, match=named):
        settings(**KAFKA, **values)


def test_https_options_reach_uvicorn_only_with_both_files(tmp_path: Path) -> None:
    files = issue_server(ensure_ca(tmp_path), tmp_path, "svc", ["localhost"], key_password="pw-123456")
    options = https_options(
        settings(
            park_tls_certfile=files.cert_file,
            park_tls_keyfile=files.key_file,
            park_tls_keyfile_password="pw-123456",
        )
    )
    assert options == {
        "ssl_certfile": str(files.cert_file),
        "ssl_keyfile": str(files.key_file),
        "ssl_keyfile_password": "pw-123456",
    }
    assert https_options(settings()) == {}
    with pytest.raises(ValidationError, match="PARK_TLS_CERTFILE and PARK_TLS_KEYFILE go together"):
        settings(park_tls_certfile=files.cert_file)
    with pytest.raises(ValidationError, match="park_tls_keyfile"):
        settings(park_tls_certfile=files.cert_file, park_tls_keyfile=tmp_path / "absent.key")


def test_the_acl_setup_job_goes_over_sasl_ssl_when_given_the_ca(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from park_shared import kafka_acl

    calls: list[dict[str, Any]] = []

    async def provision(*args: Any, **kwargs: Any) -> None:
        calls.append(kwargs)

    monkeypatch.setattr(kafka_acl, "provision", provision)
    monkeypatch.setenv("KAFKA_ADMIN_USERNAME", "admin")
    monkeypatch.setenv("KAFKA_ADMIN_PASSWORD", "admin-password")
    monkeypatch.setenv("KAFKA_SSL_CAFILE", str(ensure_ca(tmp_path).cert_file))
    assert kafka_acl.main(["--bootstrap", "kafka:9093"]) == 0
    assert calls[0]["cafile"] == ensure_ca(tmp_path).cert_file
    security = kafka_acl.sasl("admin", "admin-password", calls[0]["cafile"])
    assert security["security_protocol"] == "SASL_SSL" and isinstance(security["ssl_context"], ssl.SSLContext)
