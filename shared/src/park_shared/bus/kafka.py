"""The Kafka adapter of the bus port, on aiokafka.

An idempotent producer (acks=all) publishes; each `KafkaSubscription` is one member of a
consumer group that commits offsets by hand after handling. Broker outages surface as
`ConnectionError` after a bounded wait, so callers (the outbox relay, `/ready`) retry."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import (
    KafkaConnectionError,
    KafkaError,
    TopicAlreadyExistsError,
    for_code,
)
from aiokafka.helpers import create_ssl_context

from park_shared.bus.kafka_subscription import KafkaSubscription
from park_shared.bus.port import Message

__all__ = ["KafkaBus", "KafkaSubscription"]

log = logging.getLogger(__name__)

PRODUCER_SETTINGS: dict[str, Any] = {
    "enable_idempotence": True,
    "acks": "all",
    "linger_ms": 2,
    "max_batch_size": 64 * 1024,
    "request_timeout_ms": 15_000,
    "metadata_max_age_ms": 5_000,
}


def client_settings(
    bootstrap_servers: str, client_id: str, security: dict[str, str] | None
) -> dict[str, Any]:
    """The keyword arguments every aiokafka client gets: address, identity, SASL/SSL."""
    settings: dict[str, Any] = {"bootstrap_servers": bootstrap_servers, "client_id": client_id}
    settings.update(security or {})
    if str(settings.get("security_protocol", "")).endswith("SSL"):
        settings.setdefault("ssl_context", create_ssl_context())
    return settings


class KafkaBus:
    def __init__(
        self,
        bootstrap_servers: str,
        client_id: str,
        security: dict[str, str] | None = None,
        partitions: int = 3,
        *,
        replication_factor: int = 1,
        connect_timeout: float = 10.0,
        publish_timeout: float = 30.0,
    ) -> None:
        self._settings = client_settings(bootstrap_servers, client_id, security)
        self._partitions = partitions
        self._replication_factor = replication_factor
        self._connect_timeout = connect_timeout
        self._publish_timeout = publish_timeout
        self._producer: Any = None

    @property
    def bootstrap_servers(self) -> str:
        return str(self._settings["bootstrap_servers"])

    def _unreachable(self, exc: BaseException) -> ConnectionError:
        return ConnectionError(f"Kafka at {self.bootstrap_servers} is unreachable: {exc!r}")

    @property
    def producer(self) -> Any:
        if self._producer is None:
            raise RuntimeError("the Kafka bus is not started")
        return self._producer

    async def start(self) -> None:
        """Connects the producer; raises ConnectionError within `connect_timeout`."""
        if self._producer is not None:
            return
        producer = AIOKafkaProducer(**self._settings, **PRODUCER_SETTINGS)
        try:
            await asyncio.wait_for(producer.start(), self._connect_timeout)
        except (KafkaError, OSError, TimeoutError) as exc:
            await producer.stop()
            raise self._unreachable(exc) from exc
        self._producer = producer

    async def publish(self, messages: Sequence[Message]) -> None:
        """Sends all, then awaits every delivery. The idempotent producer keeps the order of
        each partition (aiokafka has one batch in flight per partition). On timeout, sends
        already queued may still be delivered later: a retry can duplicate, never reorder."""
        producer = self.producer

        async def send_all() -> None:
            deliveries = [
                await producer.send(m.topic, m.value, key=m.key.encode(), headers=list(m.headers))
                for m in messages
            ]
            await asyncio.gather(*deliveries)

        try:
            await asyncio.wait_for(send_all(), self._publish_timeout)
        except TimeoutError as exc:
            raise self._unreachable(exc) from exc

    async def ensure_topics(self, topics: Sequence[str], partitions: int | None = None) -> None:
        """Creates the topics that do not exist yet; existing ones are left as they are."""
        admin = AIOKafkaAdminClient(**self._settings, request_timeout_ms=15_000)
        try:
            await asyncio.wait_for(admin.start(), self._connect_timeout)
            existing = set(await admin.list_topics())
            missing = [
                NewTopic(t, partitions or self._partitions, self._replication_factor)
                for t in dict.fromkeys(topics)
                if t not in existing
            ]
            if missing:
                response = await admin.create_topics(missing)
                _raise_topic_errors(response.topic_errors)
        except (KafkaConnectionError, OSError, TimeoutError) as exc:
            raise self._unreachable(exc) from exc
        finally:
            await admin.close()

    def subscribe(self, group: str, topics: Sequence[str]) -> KafkaSubscription:
        return KafkaSubscription(self._settings, group, tuple(topics))

    async def ping(self) -> None:
        """A metadata round trip through the producer's connection."""
        try:
            await asyncio.wait_for(self.producer.client.fetch_all_metadata(), 5.0)
        except (KafkaError, OSError, TimeoutError) as exc:
            raise self._unreachable(exc) from exc

    async def close(self) -> None:
        if self._producer is not None:
            producer, self._producer = self._producer, None
            await producer.stop()


def _raise_topic_errors(topic_errors: Sequence[tuple[Any, ...]]) -> None:
    for topic, code, *rest in topic_errors:
        error = for_code(code)
        if code and error is not TopicAlreadyExistsError:
            raise error(f"creating topic {topic}: {rest[0] if rest else ''}")
