"""Leader loss mid-burst on a three-node Kafka cluster (topics: replication factor 3,
min.insync.replicas=2). During a burst of signings the broker leading a partition of
investment's topic is SIGKILLed; once it has rejoined and caught up, the active KRaft
controller is SIGKILLed during a second burst. Every lead gets exactly one case and one
invoice, every signing is on the topic once, the killed nodes rejoin the in-sync replicas,
and `parkctl status` shows every lag back at 0. Time to recover is printed (pytest -s)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from park_shared.testing.kafka_cluster import KafkaCluster

from . import cluster as kafka
from .conftest import zone_of
from .harness import eventually, trace
from .test_faults import Burst, parkctl_status
from .zone import Zone

pytestmark = pytest.mark.real

SERVICES = ("headquarters", "service-center", "investment")
BURST = 14


def test_leader_then_controller_killed_mid_burst_lose_and_double_nothing(
    request: pytest.FixtureRequest, tmp_path: Path, kafka_cluster: KafkaCluster
) -> None:
    with zone_of(request, tmp_path, "real", SERVICES, kafka=kafka_cluster.url) as zone:
        settings = zone.suite.settings()
        topics = [settings.topic(name) for name in SERVICES]
        assert all(kafka.fully_in_sync(kafka_cluster.url, [t]) for t in topics)
        assert {kafka.min_insync(kafka_cluster.url, t) for t in topics} == {"2"}
        investment = settings.topic("investment")

        leader = kafka.partitions(kafka_cluster.url, [investment])[(investment, 0)]["leader"]
        first = kill_mid_burst(zone, kafka_cluster, leader, "the leader of partition 0")
        recovered = rejoin(zone, kafka_cluster, leader, topics)
        print(f"\n[failover] leader {leader} SIGKILLed: every lag 0 {recovered:.1f}s after its restart")

        controller = kafka.active_controller(kafka_cluster)
        second = kill_mid_burst(zone, kafka_cluster, controller, "the active controller")
        recovered = rejoin(zone, kafka_cluster, controller, topics)
        print(f"[failover] controller {controller} SIGKILLed: every lag 0 {recovered:.1f}s after its restart")

        leads = first + second
        zone.one_case_and_invoice_each(leads)
        trace("every lead: one case, one invoice")
        signed = kafka.events(kafka_cluster.url, investment, ".LeadSigned.v1")
        assert kafka.once_each(signed, leads) == dict.fromkeys(leads, 1), "a signing lost or doubled"
        shown = parkctl_status(list(zone.suite.services.values()))
        lags = [row.split("│")[-5].strip() for row in shown if row.count("│") == 9]
        assert lags and all(lag in ("0", "") for lag in lags), shown
        assert all(p.consumer()["dead_lettered"] == 0 for p in zone.suite.services.values())


def kill_mid_burst(zone: Zone, cluster: KafkaCluster, node: int, what: str) -> list[str]:
    leads = zone.negotiating(BURST)
    burst = Burst(zone, leads, pause_after=3)
    burst.start()
    eventually(lambda: len(burst.signed) >= 3, what="the burst to be under way")
    try:
        cluster.kill_node(node)
    finally:
        burst.resume.set()
    at_kill = len(burst.signed)
    trace(f"node {node}, {what}, SIGKILLed after {at_kill} signings")
    assert at_kill < len(leads), "the burst ended before the kill"
    burst.finish()  # commands go on: two brokers hold min.insync.replicas
    return leads


def rejoin(zone: Zone, cluster: KafkaCluster, node: int, topics: list[str]) -> float:
    """Restarts the killed node; returns the seconds from its restart until it is back in
    every in-sync replica set and every consumer's lag and outbox is at 0."""
    restarted = time.monotonic()
    cluster.restart_node(node)
    eventually(
        lambda: kafka.fully_in_sync(cluster.url, topics), timeout=120,
        what=f"node {node} to rejoin every in-sync replica set",
    )  # fmt: skip
    zone.settled(timeout=120)
    return time.monotonic() - restarted
