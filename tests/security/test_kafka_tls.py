"""Kafka over SASL_SSL on a real broker (start_secure_kafka): the broker's only listener speaks
TLS with a certificate from the deployment's CA; a client that offers no TLS, or does not trust
that CA, gets nowhere, and the services' own settings connect over SASL_SSL."""

from __future__ import annotations

import asyncio
import ssl
from pathlib import Path
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError
from park_investment.app import create_app as inv_app
from park_investment.settings import InvestmentSettings
from park_shared.kafka_acl import sasl
from park_shared.runtime import Runtime
from park_shared.testing.apps import running_app, wait_until
from park_shared.testing.kafka_server import broker_ready
from park_shared.testing.secure_kafka import SecureKafka, sasl_ready

pytestmark = pytest.mark.real

TIMEOUT = 20.0


def listeners(kafka: SecureKafka) -> dict[str, str]:
    lines = (kafka.workdir / "server.properties").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line.startswith("listener"))


def test_the_broker_listens_on_sasl_ssl_only(kafka: SecureKafka) -> None:
    config = listeners(kafka)
    assert config["listeners"].startswith(f"SASL_SSL://{kafka.url},CONTROLLER://")
    assert config["listener.security.protocol.map"] == "SASL_SSL:SASL_SSL,CONTROLLER:SASL_SSL"


def test_a_client_offering_no_tls_is_refused_on_the_tls_listener(kafka: SecureKafka) -> None:
    trusted = ssl.create_default_context(cafile=kafka.ca_file)
    assert sasl_ready(kafka.port, tls=trusted), "the control: the handshake inside TLS is answered"
    assert not sasl_ready(kafka.port), "a SASL handshake in clear text gets no answer"
    assert not broker_ready(kafka.port), "nor does a metadata request in clear text"


async def refused(settings: dict[str, Any]) -> None:
    producer = AIOKafkaProducer(**settings, request_timeout_ms=3000)
    try:
        with pytest.raises((KafkaError, TimeoutError)):
            await asyncio.wait_for(producer.start(), 8.0)
    finally:
        await producer.stop()


async def test_the_right_password_without_tls_gets_nowhere(kafka: SecureKafka) -> None:
    plaintext = sasl("headquarters", kafka.credentials["headquarters"])  # SASL_PLAINTEXT
    assert plaintext["security_protocol"] == "SASL_PLAINTEXT"
    await refused({"bootstrap_servers": kafka.url, **plaintext})
    await refused({"bootstrap_servers": kafka.url})  # PLAINTEXT


async def test_a_client_that_does_not_trust_the_deployments_ca_refuses_the_broker(
    kafka: SecureKafka, tmp_path: Path
) -> None:
    from park_shared.tls import ensure_ca

    for ca in (ensure_ca(tmp_path).cert_file, None):  # another deployment's CA; the system's CAs
        settings = {
            **kafka.client_settings("headquarters"),
            "ssl_context": ssl.create_default_context(cafile=ca),
        }
        await refused(settings)


async def test_a_service_talks_sasl_ssl_from_its_settings(kafka: SecureKafka, tmp_path: Path) -> None:
    """The environment a service process gets (`kafka.env`) read by the service's own settings
    class: its bus connects over SASL_SSL, trusting the CA, and its consumer group is joined."""
    env = {key.lower(): value for key, value in kafka.env("investment").items()}
    assert env["kafka_security_protocol"] == "SASL_SSL"
    settings = InvestmentSettings(park_env="test", park_data_dir=tmp_path, kafka_partitions=1, **env)
    app = inv_app(settings)
    async with running_app(app) as client:
        runtime: Runtime = app.state.runtime
        assert runtime.bus.bootstrap_servers == kafka.url  # type: ignore[attr-defined]
        assert (await client.get("/ready")).status_code == 200

        async def joined() -> bool:
            subscriptions = [c.subscription for c in runtime.consumers]
            return all(s is not None and s.assigned() for s in subscriptions)  # type: ignore[attr-defined]

        await wait_until(joined, timeout=30, what="investment's group joined over SASL_SSL")
