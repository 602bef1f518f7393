"""How the suite's topics are replicated, chosen from the number of brokers: one place, used by
every code path that creates topics (`KafkaBus.ensure_topics`, `park_shared.kafka_acl.provision`).

| brokers | replication factor | min.insync.replicas | what a lost broker does |
|---|---|---|---|
| 1 | 1 | 1 | the topic is down until it returns |
| 2 | 2 | 1 | writes go on (acks=all waits for the one in-sync replica left) |
| 3 or more | 3 | 2 | writes go on; a second loss stops writes (never an acknowledged loss) |

With the producers' `acks=all`, an acknowledged event is on `min.insync.replicas` brokers, so a
cluster of three loses nothing when one broker dies mid-burst. The broker count is
`KAFKA_BROKERS` when set (compose's kafka-setup sets it), else the brokers the cluster reports
when the topics are created."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Replication", "count_brokers", "new_topic", "replication_for"]


@dataclass(frozen=True, slots=True)
class Replication:
    factor: int
    min_insync: int

    def topic_configs(self) -> dict[str, str]:
        return {"min.insync.replicas": str(self.min_insync)}


def replication_for(brokers: int) -> Replication:
    """The replication of a new topic on a cluster of `brokers` brokers."""
    if brokers < 1:
        raise ValueError(f"a cluster has at least one broker, not {brokers}")
    factor = min(brokers, 3)
    return Replication(factor, 2 if factor >= 3 else 1)


async def count_brokers(admin: Any) -> int:
    """The brokers an `AIOKafkaAdminClient` sees in the cluster's metadata."""
    described = await admin.describe_cluster()
    return max(1, len(described["brokers"]))


def new_topic(name: str, partitions: int, replication: Replication) -> Any:
    from aiokafka.admin import NewTopic

    return NewTopic(name, partitions, replication.factor, topic_configs=replication.topic_configs())
