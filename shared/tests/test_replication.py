"""How topics are replicated by broker count (park_shared.bus.replication), and the three-node
cluster's settings (park_shared.testing.kafka_cluster), without starting a broker."""

from __future__ import annotations

from pathlib import Path

import pytest
from park_shared.bus.replication import Replication, new_topic, replication_for
from park_shared.testing.kafka_cluster import KafkaCluster, node_settings


@pytest.mark.parametrize(("brokers", "factor", "min_insync"), [(1, 1, 1), (2, 2, 1), (3, 3, 2), (5, 3, 2)])
def test_the_replication_follows_the_broker_count(brokers: int, factor: int, min_insync: int) -> None:
    assert replication_for(brokers) == Replication(factor, min_insync)


def test_a_cluster_without_brokers_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one broker"):
        replication_for(0)


def test_a_new_topic_carries_its_min_insync_replicas() -> None:
    topic = new_topic("park.investment.events", 4, replication_for(3))
    assert (topic.name, topic.num_partitions, topic.replication_factor) == ("park.investment.events", 4, 3)
    assert topic.topic_configs == {"min.insync.replicas": "2"}


def test_each_node_of_the_cluster_is_a_voter_with_its_own_id_and_ports(tmp_path: Path) -> None:
    cluster = KafkaCluster(tmp_path, "cid", [9001, 9002, 9003], [9101, 9102, 9103])
    second = node_settings(cluster, 2, tmp_path / "data")
    assert second["node.id"] == "2"
    assert second["controller.quorum.voters"] == "1@127.0.0.1:9101,2@127.0.0.1:9102,3@127.0.0.1:9103"
    assert second["listeners"] == "PLAINTEXT://127.0.0.1:9002,CONTROLLER://127.0.0.1:9102"
    assert (second["offsets.topic.replication.factor"], second["min.insync.replicas"]) == ("3", "2")
    assert second["transaction.state.log.min.isr"] == "2"
    assert cluster.url == "127.0.0.1:9001,127.0.0.1:9002,127.0.0.1:9003"
