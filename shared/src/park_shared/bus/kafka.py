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
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import (
    KafkaConnectionError,
    KafkaError,
    TopicAlreadyExistsError,
    for_code,
)
from aiokafka.helpers import create_ssl_context

from park_shared.bus.kafka_subscription import KafkaSubscription
from park_shared.bus.port import Message
from park_shared.bus.replication import count_brokers, new_topic, replication_for

__all__ = ["KafkaBus", "KafkaSubscription"]

log = logging.getLogger(__name__)


PRODUCER_SETTINGS: dict[str, Any] = {
    "enable_idempotence": True,
    "acks": "all",
    "linger_ms": 0,  # a lone event goes at once; a relay's batch is handed over whole anyway
    "max_batch_size": 64 * 1024,
    "request_timeout_ms": 15_000,
    "metadata_max_age_ms": 5_000,
}


def client_settings(
    bootstrap_servers: str, client_id: str, security: dict[str, Any] | None
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
        security: dict[str, Any] | None = None,
        partitions: int = 3,
        *,
        brokers: int | None = None,
        connect_timeout: float = 10.0,
        publish_timeout: float = 30.0,
        read_only: bool = False,
    ) -> None:
        """`read_only`: a reader (the dashboard) starts a plain producer for its metadata pings;
        an idempotent one asks for a producer id at start, which an ACL'd reader may not get."""
        self._settings = client_settings(bootstrap_servers, client_id, security)
        idempotence = {"enable_idempotence": False} if read_only else {}
        self._producer_settings = {**PRODUCER_SETTINGS, **idempotence}
        self._partitions = partitions
        self._brokers = brokers  # None: counted when topics are created (bus/replication.py)
        self._connect_timeout = connect_timeout
        self._publish_timeout = publish_timeout
        self._producer: Any = None
        self._degraded = False  # a publish timed out: check the broker before queueing more
        self._stale = False  # a delivery failed: the next publish takes a new producer id

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
        producer = AIOKafkaProducer(**self._settings, **self._producer_settings)
        try:
            await asyncio.wait_for(producer.start(), self._connect_timeout)
        except (KafkaError, OSError, TimeoutError) as exc:
            await producer.stop()
            raise self._unreachable(exc) from exc
        self._producer = producer

    async def publish(self, messages: Sequence[Message]) -> None:
        """Sends all, then awaits every delivery. The idempotent producer keeps the order of
        each partition (aiokafka has one batch in flight per partition). After a timeout the
        sends already queued are still delivered once the broker is back: a retry can
        duplicate, never reorder. Until then each publish checks the broker first, so a
        retrying caller does not queue a copy per attempt.

        A failed delivery leaves a gap in the producer's sequence numbers (aiokafka 0.14 fails
        an idempotent batch that waited longer than request_timeout_ms for a partition leader,
        as after a broker restart, once it has its sequence number): the broker would refuse
        every later batch of that partition as OutOfOrderSequenceNumber, for good. So after a
        failed delivery the next publish starts a new producer (a new producer id, sequences
        from zero); the caller's retry may duplicate, which consumers drop by event id."""
        if self._stale:
            await self._renew_producer()
        producer = self.producer
        if self._degraded:
            await self.ping()
            self._degraded = False

        async def send_all() -> None:
            deliveries = [
                await producer.send(m.topic, m.value, key=m.key.encode(), headers=list(m.headers))
                for m in messages
            ]
            await asyncio.gather(*deliveries)

        try:
            await asyncio.wait_for(send_all(), self._publish_timeout)
        except TimeoutError as exc:
            self._degraded = True
            raise self._unreachable(exc) from exc
        except KafkaError as exc:
            self._stale = True
            raise self._unreachable(exc) from exc

    async def _renew_producer(self) -> None:
        try:
            await self.close()
        except Exception:  # noqa: BLE001 - its sender may have died of the very error
            log.debug("stopping the replaced producer of %s failed", self.bootstrap_servers)
        await self.start()  # ConnectionError while the broker is away: still stale, the caller retries
        self._stale = False

    async def ensure_topics(self, topics: Sequence[str], partitions: int | None = None) -> None:
        """Creates the topics that do not exist yet (existing ones are left as they are),
        replicated by the number of brokers (bus/replication.py), and
        returns once every partition has a leader, so first sends and fetches do not bounce."""
        admin = AIOKafkaAdminClient(**self._settings, request_timeout_ms=15_000)
        try:
            await asyncio.wait_for(admin.start(), self._connect_timeout)
            existing = set(await admin.list_topics())
            missing = [t for t in dict.fromkeys(topics) if t not in existing]
            if missing:
                replication = replication_for(self._brokers or await count_brokers(admin))
                created = [new_topic(t, partitions or self._partitions, replication) for t in missing]
                response = await admin.create_topics(created)
                _raise_topic_errors(response.topic_errors)
                await asyncio.wait_for(_leaders_elected(admin, topics), self._connect_timeout)
        except (KafkaConnectionError, OSError, TimeoutError) as exc:
            raise self._unreachable(exc) from exc
        finally:
            await admin.close()

    def subscribe(self, group: str, topics: Sequence[str]) -> KafkaSubscription:
        return KafkaSubscription(self._settings, group, tuple(topics))

    async def ping(self) -> None:
        """A metadata round trip through the producer's connection."""
        if self._producer is None and self._stale:
            raise ConnectionError(f"Kafka at {self.bootstrap_servers}: the producer is being replaced")
        try:
            await asyncio.wait_for(self.producer.client.fetch_all_metadata(), 5.0)
        except (KafkaError, OSError, TimeoutError) as exc:
            raise self._unreachable(exc) from exc

    async def close(self) -> None:
        """Flushes what is queued for up to `connect_timeout`, then drops the rest (their
        publish calls fail, so the outbox keeps them): idempotent batches never expire, so
        aiokafka's stop() alone would wait for a stopped broker forever."""
        if self._producer is None:
            return
        producer, self._producer = self._producer, None
        try:
            await asyncio.wait_for(producer.flush(), self._connect_timeout)
        except TimeoutError as exc:
            await _abandon_queued(producer, self._unreachable(exc))
        await producer.stop()


async def _abandon_queued(producer: Any, error: Exception) -> None:
    """Stops aiokafka's sender and fails every batch it still holds (private API, 0.14).
    Queued batches go to the pending set first, as a retried batch's done-callback removes
    it from there; the drain waiters' errors are read, as nothing else waits on them now."""
    sender_task = producer._sender.sender_task
    sender_task.cancel()
    await asyncio.gather(sender_task, return_exceptions=True)
    accumulator = producer._message_accumulator
    queued = [b for q in accumulator._batches.values() for b in q]
    accumulator._pending_batches.update(queued)
    accumulator.fail_all(error)
    for batch in queued:
        if batch._drain_waiter.done():
            batch._drain_waiter.exception()


def _raise_topic_errors(topic_errors: Sequence[tuple[Any, ...]]) -> None:
    for topic, code, *rest in topic_errors:
        error = for_code(code)
        if code and error is not TopicAlreadyExistsError:
            raise error(f"creating topic {topic}: {rest[0] if rest else ''}")


async def _leaders_elected(admin: Any, topics: Sequence[str]) -> None:
    while True:
        described = await admin.describe_topics(list(topics))
        if all(
            t["error_code"] == 0 and t["partitions"] and all(p["leader"] >= 0 for p in t["partitions"])
            for t in described
        ):
            return
        await asyncio.sleep(0.05)
