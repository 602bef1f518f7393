"""The broker enforces the separation: SASL/SCRAM, one principal per service, and ACLs that let
each write only its own topic and DLQs, read only what it consumes, join only its own groups;
the dashboard only reads. Against a real KRaft broker (start_secure_kafka), over SASL_SSL: the
broker has no other listener, so every client here, the services too, talks TLS."""

from __future__ import annotations

import asyncio
import json
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.errors import (
    GroupAuthorizationFailedError,
    KafkaError,
    TopicAuthorizationFailedError,
)
from park_dashboard.app import create_app as dashboard_app
from park_dashboard.settings import DashboardSettings
from park_headquarters.app import create_app as hq_app
from park_headquarters.settings import HeadquartersSettings
from park_service_center.app import create_app as sc_app
from park_service_center.settings import ServiceCenterSettings
from park_shared.kafka_acl import ACCESS, PUBLISHERS
from park_shared.runtime import Runtime
from park_shared.testing.apps import auth_header, running_app, wait_until
from park_shared.testing.secure_kafka import SecureKafka

pytestmark = pytest.mark.real

TIMEOUT = 20.0


async def produce(kafka: SecureKafka, principal: str, topic: str, *, idempotent: bool = True) -> None:
    producer = AIOKafkaProducer(
        **kafka.client_settings(principal), enable_idempotence=idempotent, acks="all", request_timeout_ms=5000
    )
    try:
        await asyncio.wait_for(producer.start(), TIMEOUT)
        await asyncio.wait_for(producer.send_and_wait(topic, b"{}", key=b"k"), TIMEOUT)
    finally:
        await producer.stop()


async def join(kafka: SecureKafka, principal: str, group: str, topic: str) -> None:
    consumer = AIOKafkaConsumer(
        topic, group_id=group, auto_offset_reset="earliest", enable_auto_commit=False,
        **kafka.client_settings(principal),
    )  # fmt: skip
    try:
        await asyncio.wait_for(consumer.start(), TIMEOUT)
        await asyncio.wait_for(consumer.getmany(timeout_ms=500), TIMEOUT)
    finally:
        await consumer.stop()


async def test_headquarters_writes_its_own_topics_and_not_the_service_centers(kafka: SecureKafka) -> None:
    await produce(kafka, "headquarters", "park.headquarters.events")  # allowed: the control
    await produce(kafka, "headquarters", "park.headquarters.dlq")
    for foreign in ("park.service-center.events", "park.service-center.dlq", "park.investment.events"):
        with pytest.raises(TopicAuthorizationFailedError):
            await produce(kafka, "headquarters", foreign)


async def test_the_dashboard_cannot_produce_at_all(kafka: SecureKafka) -> None:
    with pytest.raises(KafkaError):  # an idempotent producer is refused its producer id
        await produce(kafka, "dashboard", "park.headquarters.events")
    for topic in (*(f"park.{s}.events" for s in PUBLISHERS), "park.dashboard.dlq"):
        with pytest.raises(TopicAuthorizationFailedError):
            await produce(kafka, "dashboard", topic, idempotent=False)


async def test_no_service_can_join_another_services_consumer_group(kafka: SecureKafka) -> None:
    await join(kafka, "headquarters", "headquarters", "park.service-center.events")  # the control
    for principal, access in ACCESS.items():
        readable = f"park.{access.reads[0]}.events"
        for other, other_access in ACCESS.items():
            if other == principal:
                continue
            with pytest.raises(GroupAuthorizationFailedError):
                await join(kafka, principal, other_access.groups[0], readable)


async def test_a_service_reads_only_the_topics_it_consumes(kafka: SecureKafka) -> None:
    with pytest.raises(TopicAuthorizationFailedError):
        await join(kafka, "industrial-co", "industrial-co", "park.investment.events")
    with pytest.raises(TopicAuthorizationFailedError):
        await join(kafka, "headquarters", "headquarters", "park.headquarters.dlq")


async def test_a_wrong_password_or_no_authentication_gets_nowhere(kafka: SecureKafka) -> None:
    wrong = {**kafka.client_settings("headquarters"), "sasl_plain_password": "not-the-password"}
    producer = AIOKafkaProducer(**wrong)
    with pytest.raises(KafkaError):
        await asyncio.wait_for(producer.start(), TIMEOUT)
    await producer.stop()
    plaintext = AIOKafkaProducer(bootstrap_servers=kafka.url, request_timeout_ms=3000)
    with pytest.raises((KafkaError, asyncio.TimeoutError)):
        await asyncio.wait_for(plaintext.start(), 8.0)
    await plaintext.stop()


def as_principal(kafka: SecureKafka, principal: str, data: Path) -> dict[str, Any]:
    return {
        "park_env": "test",
        "park_data_dir": data / principal,
        "park_bus": "kafka",
        "kafka_bootstrap_servers": kafka.url,
        "kafka_username": principal,
        "kafka_password": kafka.credentials[principal],
        "kafka_security_protocol": "SASL_SSL",
        "kafka_ssl_cafile": kafka.ca_file,
        "kafka_partitions": 1,
    }


async def joined_everywhere(runtime: Runtime) -> bool:
    subscriptions = [c.subscription for c in runtime.consumers]
    return bool(subscriptions) and all(s is not None and s.assigned() for s in subscriptions)  # type: ignore[attr-defined]


async def test_the_services_run_end_to_end_under_the_acls(kafka: SecureKafka, tmp_path: Path) -> None:
    """Headquarters publishes a policy; the service center records it and the dashboard sees
    it, each connected as its own principal; every consumer group of theirs is joined."""
    async with AsyncExitStack() as stack:
        hq_app_ = hq_app(HeadquartersSettings(**as_principal(kafka, "headquarters", tmp_path)))
        sc_app_ = sc_app(ServiceCenterSettings(**as_principal(kafka, "service-center", tmp_path)))
        dash_app_ = dashboard_app(DashboardSettings(**as_principal(kafka, "dashboard", tmp_path)))
        hq = await stack.enter_async_context(running_app(hq_app_))
        sc = await stack.enter_async_context(running_app(sc_app_))
        await stack.enter_async_context(running_app(dash_app_))
        body = {"policy_id": "fees", "kind": "fee_schedule", "title": "收费标准", "terms": FEES}
        assert (await hq.post("/policies", json=body, headers=HQ_HEAD)).status_code == 201
        today = str(hq_app_.state.runtime.today())
        published = await hq.post(
            "/policies/fees/versions/1/publish", json={"effective_from": today}, headers=HQ_HEAD
        )
        assert published.status_code == 200, published.text
        sc_runtime: Runtime = sc_app_.state.runtime
        dash_runtime: Runtime = dash_app_.state.runtime
        await wait_until(lambda: stored(sc_runtime, "PolicyVersionRecorded"), timeout=30, what="sc recording")
        await wait_until(lambda: observed(dash_runtime, "PolicyPublished"), timeout=30, what="dashboard")
        await wait_until(lambda: joined_everywhere(sc_runtime), timeout=30, what="sc's two groups")
        await wait_until(lambda: joined_everywhere(hq_app_.state.runtime), timeout=30, what="hq's group")
        assert (await hq.get("/ops/status")).json()["outbox_backlog"] == 0
        assert (await sc.get("/ready")).status_code == 200


HQ_HEAD = auth_header("hq", "hq.head", subject="head")
FEES = {"items": [{"code": "F1", "name": "基础设施配套费", "amount": "100", "phase": "before_production"}]}


async def stored(runtime: Runtime, name: str) -> bool:
    return any(f".{name}." in r.type for r in await runtime.store.read_all(0, 10_000))


async def observed(runtime: Runtime, name: str) -> bool:
    records = await runtime.store.read_all(0, 10_000)
    return any(f".{name}." in (json.loads(r.data).get("type") or "") for r in records)
