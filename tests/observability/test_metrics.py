"""The metrics a running service exposes at /metrics: commands handled and refused, events
appended and published, consumers' handled, dead-lettered and lag, the outbox backlog and
the age of its oldest event, promised deadlines kept or missed. The process's meter provider
is shared by every app a test process runs, so each test reads differences."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import orjson
from park_service_center.application.promise_meter import PromiseMeter
from park_shared import metrics
from park_shared.events import EventMeta, EventRegistry, NewEvent
from park_shared.identifiers import check_character
from park_shared.runtime import Runtime
from park_shared.settings import ParkSettings
from park_shared.testing.apps import auth_header, wait_until
from park_shared.testing.events import emit

from .metrics_scrape import delta, parse, present, scrape, value

OFFICER = auth_header("inv", "inv.officer")


def lead(code: str, **fields: object) -> dict[str, object]:
    return {
        "company_name": f"Metrics {code}", "credit_code": code, "industry": "logistics",
        "planned_investment": "1000000.00", "park_id": "north", "platform": "online", **fields,
    }  # fmt: skip


def credit_code() -> str:
    body = f"9111000{uuid.uuid4().int % 10**10:010d}"
    return body + check_character(body)


async def test_commands_are_counted_handled_or_refused_by_route_and_status(
    investment: tuple[httpx.AsyncClient, Runtime],
) -> None:
    client, _ = investment
    before = await scrape(client)
    code = credit_code()
    assert (await client.post("/leads", json=lead(code), headers=OFFICER)).status_code == 201
    assert (await client.post("/leads", json=lead(code), headers=OFFICER)).status_code == 409
    floats = lead(credit_code(), planned_investment=1.5)
    assert (await client.post("/leads", json=floats, headers=OFFICER)).status_code == 422
    assert (await client.post("/leads", json=lead(credit_code()))).status_code == 401
    after = await scrape(client)

    counted = {"service": "investment", "command": "create_lead"}
    assert delta(before, after, "park_commands_total", **counted, outcome="handled", status="201") == 1
    for status in ("409", "422", "401"):
        assert delta(before, after, "park_commands_total", **counted, outcome="refused", status=status) == 1
    assert delta(before, after, "park_command_duration_seconds_count", **counted, outcome="refused") == 3
    assert delta(before, after, "park_events_appended_total", type="park.investment.LeadRegistered.v1") == 1
    reads = [k for k in after if k[0] == "park_commands_total" and ("command", "list_leads") in k[1]]
    assert not reads, "queries are not commands"


async def test_published_events_and_an_empty_outbox(investment: tuple[httpx.AsyncClient, Runtime]) -> None:
    client, runtime = investment
    before = await scrape(client)
    assert (await client.post("/leads", json=lead(credit_code()), headers=OFFICER)).status_code == 201

    async def relayed() -> bool:
        after = await scrape(client)
        return delta(before, after, "park_events_published_total", service="investment") >= 1 and (
            value(after, "park_outbox_backlog", service="investment") == 0
        )

    await wait_until(relayed, timeout=10, what="the event published and the outbox empty")
    after = await scrape(client)
    assert value(after, "park_outbox_oldest_age_seconds", service="investment") == 0
    consumer = runtime.consumers[0].name
    assert present(after, "park_consumer_lag", service="investment", consumer=consumer)


async def test_a_dead_lettered_message_is_counted_for_its_consumer(
    investment: tuple[httpx.AsyncClient, Runtime],
) -> None:
    client, runtime = investment
    consumer = runtime.consumers[0]
    before = await scrape(client)
    await emit(runtime.settings, "service-center", "CaseOpened.v1", {"case_id": 7}, "case-poison")

    async def dead_lettered() -> bool:
        after = await scrape(client)
        counted = delta(before, after, "park_consumer_dead_lettered_total", consumer=consumer.name)
        return counted == 1 and value(after, "park_consumer_lag", consumer=consumer.name) == 0

    await wait_until(dead_lettered, timeout=15, what="the poison message dead-lettered, no lag")
    after = await scrape(client)
    assert present(after, "park_consumer_dead_lettered_total", consumer=consumer.name, dlq=consumer.dlq)
    assert delta(before, after, "park_consumer_handled_total", consumer=consumer.name) == 0


def step_event(name: str, step: str, **data: object) -> NewEvent:
    meta = EventMeta(uuid.uuid4().hex, datetime.now(UTC).isoformat(), "c", "c")
    body = {"case_id": "case-1", "step_code": step, "on": "2026-03-02", **data}
    return NewEvent(f"park.service-center.{name}.v1", orjson.dumps(body), meta)


async def test_promised_deadlines_kept_and_missed_per_step(
    investment: tuple[httpx.AsyncClient, Runtime],
) -> None:
    client, _ = investment
    metrics.measure("service-center", PromiseMeter())  # service-center's own metrics, in this process
    before = await scrape(client)
    metrics.events_appended(
        "service-center",
        [
            step_event("StepApproved", "land_use", within_promise=True, working_days_taken=2),
            step_event("StepApproved", "land_use", within_promise=False, working_days_taken=6),
            step_event("StepApproved", "land_use", within_promise=True),
            step_event("StepApproved", "fire_safety", within_promise=None),  # no promise: not counted
            step_event("StepOverdue", "fire_safety", step_name="消防", deadline="2026-03-01"),
        ],
    )
    after = await scrape(client)
    promises = {"service": "service-center", "step": "land_use"}
    assert delta(before, after, "park_promises_total", **promises, outcome="on_time") == 2
    assert delta(before, after, "park_promises_total", **promises, outcome="overdue") == 1
    assert delta(before, after, "park_promises_total", step="fire_safety") == 0
    assert delta(before, after, "park_steps_overdue_total", step="fire_safety") == 1


async def test_the_backlog_grows_while_the_bus_is_down(tmp_path: Path) -> None:
    """Kafka unreachable: the store works, nothing is published, the backlog and the age of
    its oldest event are what an operator needs to see."""
    settings = ParkSettings(
        park_env="test", park_data_dir=tmp_path, park_bus="kafka", kafka_bootstrap_servers="127.0.0.1:9"
    )
    runtime = Runtime("obs-outage", "ops", settings, EventRegistry("obs-outage"))
    await runtime.start(wait=False)
    try:
        await wait_until(lambda: runtime._store is not None, what="the store")
        an_hour_ago = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
        meta = EventMeta(uuid.uuid4().hex, an_hour_ago, "c", "c")
        await runtime.store.append("s-1", [NewEvent("park.obs-outage.Noted.v1", b"{}", meta)] * 2, 0)
        scraped = await metrics.scrape(runtime)
        assert scraped is not None
        samples = parse(scraped.decode())
        assert value(samples, "park_outbox_backlog", service="obs-outage") == 2
        assert 3590 < value(samples, "park_outbox_oldest_age_seconds", service="obs-outage") < 3700
        assert value(samples, "park_events_appended_total", service="obs-outage") == 2
        assert not present(samples, "park_events_published_total", service="obs-outage")
    finally:
        await runtime.stop()
    assert metrics.enabled() and await metrics.scrape(runtime) is not None
