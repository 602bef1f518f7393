"""One member of a Kafka consumer group: manual commits, started on first use."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.errors import CommitFailedError, IllegalStateError, KafkaConnectionError

from park_shared.bus.port import Message

__all__ = ["CONSUMER_SETTINGS", "KafkaSubscription"]

log = logging.getLogger(__name__)

LAG_TIMEOUT = 5.0

CONSUMER_SETTINGS: dict[str, Any] = {
    "enable_auto_commit": False,
    "auto_offset_reset": "earliest",
    "session_timeout_ms": 10_000,
    "heartbeat_interval_ms": 1_000,
    "rebalance_timeout_ms": 10_000,  # how long a rebalance waits for members to rejoin
    "metadata_max_age_ms": 5_000,  # new topics and partitions are seen within seconds
    "request_timeout_ms": 15_000,
    # the broker did not always answer a long-polling fetch as soon as data came (p99
    # publish->poll tracked this wait: ~200-400 ms at the 500 ms default, ~40 ms at 100 ms)
    "fetch_max_wait_ms": 100,
}


def to_message(record: Any) -> Message:
    headers = tuple((str(k), bytes(v or b"")) for k, v in record.headers)
    key = record.key.decode(errors="replace") if record.key is not None else ""
    return Message(record.topic, key, record.value or b"", headers, record.partition, record.offset)


class KafkaSubscription:
    def __init__(self, settings: Mapping[str, Any], group: str, topics: tuple[str, ...]) -> None:
        self._settings = dict(settings)
        self._group = group
        self._topics = topics
        self._consumer: Any = None
        self._starting = asyncio.Lock()

    async def _started(self) -> Any:
        """The consumer, created and started (joined to the group) on first use: once, when
        a poll and a lag (`/ops/status`) come first together; a second consumer would join the
        group as a member that never polls, holding its share of the partitions."""
        if self._consumer is not None:
            return self._consumer
        async with self._starting:
            if self._consumer is not None:
                return self._consumer
            consumer = AIOKafkaConsumer(
                *self._topics, group_id=self._group, **self._settings, **CONSUMER_SETTINGS
            )
            try:
                await consumer.start()
            except BaseException as exc:
                await consumer.stop()
                if isinstance(exc, KafkaConnectionError | OSError):
                    raise ConnectionError(f"Kafka is unreachable for group {self._group}: {exc!r}") from exc
                raise
            self._consumer = consumer
            return self._consumer

    def assigned(self) -> set[tuple[str, int]]:
        """The (topic, partition) pairs this member holds now; empty before the first poll."""
        if self._consumer is None:
            return set()
        return {(tp.topic, tp.partition) for tp in self._consumer.assignment()}

    async def poll(self, timeout: float = 1.0, max_records: int = 500) -> list[Message]:
        """The first call also joins the group, which can take longer than `timeout`."""
        consumer = await self._started()
        batches = await consumer.getmany(timeout_ms=max(0, int(timeout * 1000)), max_records=max_records)
        return [to_message(r) for records in batches.values() for r in records]

    async def commit(self, messages: Sequence[Message]) -> None:
        """Commits offset + 1 of the last given message of each partition. Partitions this
        member lost in a rebalance are skipped: their new owner will redeliver them."""
        if self._consumer is None or not messages:
            return
        offsets: dict[Any, int] = {}
        for m in messages:
            tp = TopicPartition(m.topic, m.partition)
            offsets[tp] = max(offsets.get(tp, 0), m.offset + 1)
        assigned = self._consumer.assignment()
        kept = {tp: offset for tp, offset in offsets.items() if tp in assigned}
        if len(kept) < len(offsets):
            log.info("group %s: not committing revoked %s", self._group, set(offsets) - set(kept))
        if not kept:
            return
        try:
            await self._consumer.commit(kept)
        except (CommitFailedError, IllegalStateError) as exc:
            log.warning("group %s: commit lost to a rebalance (redelivery follows): %s", self._group, exc)

    async def lag(self) -> int:
        """Messages not yet committed on this member's partitions (from the log start when
        the group never committed, as consumption starts at the earliest offset). A member
        holding none (still joining, or a standby) tells the group's lag over every partition
        of its topics, not a reassuring 0. Joins the group if this member has not polled yet."""
        consumer = await self._started()
        tps = list(consumer.assignment()) or [
            TopicPartition(topic, p)
            for topic in self._topics
            for p in consumer.partitions_for_topic(topic) or ()
        ]
        if not tps:
            return 0
        try:
            async with asyncio.timeout(LAG_TIMEOUT):
                ends = await consumer.end_offsets(tps)
                starts = await consumer.beginning_offsets(tps)
                committed = await asyncio.gather(*(consumer.committed(tp) for tp in tps))
        except TimeoutError as exc:
            raise ConnectionError(f"Kafka did not answer offsets for {self._group}") from exc
        return sum(
            max(0, ends[tp] - (done if done is not None else starts[tp]))
            for tp, done in zip(tps, committed, strict=True)
        )

    async def close(self) -> None:
        """Leaves the group, so the other members take over its partitions at once."""
        if self._consumer is None:
            return
        consumer, self._consumer = self._consumer, None
        try:
            await consumer.stop()
        except asyncio.CancelledError:
            task = asyncio.current_task()
            if task is not None and task.cancelling():
                raise
            # aiokafka 0.14: Fetcher.close() re-raises the cancellation of a fetch that was
            # backing off after a failed request (broker down) and skips the rest of stop()
            log.info("group %s: finishing the consumer's stop by hand", self._group)
            pending = list(consumer._fetcher._pending_tasks)
            for fetch in pending:
                fetch.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            await consumer._client.close()
