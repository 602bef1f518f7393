"""Referrers' personal data is sealed under a key per referrer; an erasure destroys the key and
records PersonalDataErased: the events stay, the data is unreadable everywhere (responses,
rebuilt read models), and nothing personal reaches the store in plain text, the topic, the
logs or the traces."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import httpx
import orjson
import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from park_investment.app import create_app
from park_investment.application.context import Investment
from park_investment.application.referrers import LEGACY_DIRECTORY
from park_investment.settings import InvestmentSettings
from park_shared.backends import open_store
from park_shared.envelope import Envelope
from park_shared.personal_data import KEYS
from park_shared.projections.port import Change
from park_shared.runtime import Runtime
from park_shared.settings import ParkSettings
from park_shared.telemetry import context as telemetry_context
from park_shared.testing.apps import auth_header, running_app, runtime_of, wait_until
from park_shared.testing.events import outbox_drained, read_published

OFFICER = auth_header("inv", "inv.officer", subject="officer-li")
FINANCE = auth_header("inv", "inv.finance", subject="cashier-wang")
NAME, PHONE, RELATION, ORG = "林秀英", "+86 137 5555 0101", "mother of staff member Lin Wei", "林氏家纺"
SECRETS = (NAME, PHONE, RELATION, ORG, "137 5555")
PUBLISHED = Counter({"LeadRegistered": 1, "LeadContacted": 1, "LeadNegotiating": 1, "LeadSigned": 1})
PERSON = {"kind": "staff_relative", "name": NAME, "phone": PHONE, "relation": RELATION, "organisation": ORG}


@dataclass
class Service:
    """The app on some backend (the conftest's `service` fixture is the embedded one)."""

    client: httpx.AsyncClient
    runtime: Runtime
    investment: Investment

    async def referrer(self, kind: str, name: str) -> str:
        body = {"kind": kind, "name": name, "phone": "+86 139 0000 1234"}
        return str((await self.client.post("/referrers", json=body, headers=OFFICER)).json()["referrer_id"])

    async def lead(self, code: str, **fields: object) -> httpx.Response:
        body: dict[str, object] = {"company_name": f"Company {code}", "credit_code": code}
        body |= {"industry": "machinery"}
        body |= {"planned_investment": "50000000.00", "park_id": "north", **fields}
        return await self.client.post("/leads", json=body, headers=OFFICER)

    async def stored(self) -> int:
        return await self.runtime.store.last_position()


@pytest.fixture
async def on_backend(park_settings: ParkSettings) -> AsyncIterator[Service]:
    app = create_app(InvestmentSettings(**park_settings.model_dump()))
    async with running_app(app) as client:
        yield Service(client, runtime_of(app), app.state.application)


async def _stored_text(service: Service) -> list[tuple[str, str]]:
    events = await service.runtime.store.read_all(0, 10_000)
    return [(e.type, e.data.decode() + e.meta_json.decode()) for e in events]


async def _topic(service: Service) -> list[Envelope]:
    """Everything on park.investment.events, read back by a fresh consumer group."""
    runtime = service.runtime
    await outbox_drained(runtime)
    return await read_published(runtime.settings, "investment", PUBLISHED, timeout=60)


async def test_an_erased_referrer_is_unreadable_everywhere_and_nothing_personal_travels(
    on_backend: Service, new_code: Callable[[], str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    service, client = on_backend, on_backend.client
    enrolled = await client.post("/referrers", json=PERSON, headers=OFFICER)
    assert enrolled.status_code == 201 and enrolled.json()["name"] == NAME
    referrer_id = enrolled.json()["referrer_id"]
    code = new_code()
    assert (await service.lead(code, platform="all_staff", referrer_id=referrer_id)).status_code == 201
    for stage in ("contacted", "negotiating"):
        await client.post(f"/leads/lead-{code}/stage", json={"stage": stage}, headers=OFFICER)
    await client.post(f"/leads/lead-{code}/agreement", json={"signed_amount": "5.00"}, headers=OFFICER)

    stored = await _stored_text(service)
    token = orjson.loads((await service.runtime.store.read_stream(referrer_id))[0].data)["personal"]
    assert token.startswith("pd1.")
    for secret in SECRETS:
        assert all(secret not in text for _, text in stored), secret

    erased = await client.post(f"/referrers/{referrer_id}/erasure", headers=OFFICER)
    assert erased.status_code == 200, erased.text
    body = erased.json()
    assert body["erased"] is True and body["erased_at"] is not None
    assert [body[f] for f in ("name", "phone", "relation", "organisation")] == [None] * 4
    assert (body["referrer_id"], body["kind"]) == (referrer_id, "staff_relative")
    assert await service.runtime.read_models.get(KEYS, referrer_id) is None
    assert await service.investment.vault.open(token) is None

    lead = (await client.get(f"/leads/lead-{code}", headers=OFFICER)).json()
    assert lead["referrer_id"] == referrer_id and lead["referrer"]["erased"] is True
    assert lead["referrer"]["name"] is None
    records = [(k, t) for k, t in await _stored_text(service) if k.endswith("PersonalDataErased.v1")]
    assert len(records) == 1 and referrer_id in records[0][1]

    envelopes = await _topic(service)
    types = {e.type.split(".")[2] for e in envelopes}
    assert {"LeadRegistered", "LeadSigned"} <= types
    assert not types & {"ReferrerEnrolled", "PersonalDataErased"}
    on_topic = [e.data.decode() + str(e.subject) for e in envelopes]
    assert any(referrer_id in text for text in on_topic)  # the pseudonym travels, nothing else
    for secret in (*SECRETS, "pd1."):
        assert all(secret not in text for text in on_topic), secret
    started = [r.getMessage() for r in caplog.get_records("setup")]  # by the fixture
    assert any("investment started" in m for m in started)  # the service's records reach the capture
    for secret in SECRETS:
        assert secret not in caplog.text, secret


async def test_erasure_survives_a_rebuild_and_is_recorded_once(
    service: Service, new_code: Callable[[], str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client = service.client
    kept = await service.referrer("staff", name="王五")
    gone = (await client.post("/referrers", json=PERSON, headers=OFFICER)).json()["referrer_id"]
    assert (await client.post(f"/referrers/{gone}/erasure", headers=FINANCE)).status_code == 403
    assert (await client.post(f"/referrers/{gone}/erasure", headers=OFFICER)).status_code == 200

    before = await service.stored()
    again = await client.post(f"/referrers/{gone}/erasure", headers=OFFICER)
    assert again.status_code == 409 and "erased at" in again.json()["detail"]
    for unknown in ("ref-0000000000000000", f"lead-{new_code()}", "nobody"):
        assert (await client.post(f"/referrers/{unknown}/erasure", headers=OFFICER)).status_code == 404
    refused = await service.lead(new_code(), platform="all_staff", referrer_id=gone)
    assert refused.status_code == 409 and await service.stored() == before

    replay = await client.post("/ops/replay", headers=OFFICER)
    assert replay.status_code == 200 and replay.json()["events_applied"] >= 3
    assert service.runtime.projection_runner is not None
    await service.runtime.projection_runner.rebuild("referrers")
    listed = {r["referrer_id"]: r for r in (await client.get("/referrers", headers=OFFICER)).json()}
    assert (listed[gone]["erased"], listed[gone]["name"], listed[gone]["phone"]) == (True, None, None)
    assert (listed[kept]["erased"], listed[kept]["name"]) == (False, "王五")
    one = (await client.get(f"/referrers/{gone}", headers=OFFICER)).json()
    assert one["erased"] is True and one["relation"] is None
    assert await service.runtime.read_models.get(KEYS, kept) is not None
    assert await service.runtime.read_models.get(KEYS, gone) is None
    assert "read models of investment rebuilt" in caplog.text  # the replay's record is captured
    assert all(secret not in caplog.text for secret in SECRETS)


async def test_racing_erasures_record_one_erasure(service: Service) -> None:
    gone = (await service.client.post("/referrers", json=PERSON, headers=OFFICER)).json()["referrer_id"]
    url = f"/referrers/{gone}/erasure"
    answers = await asyncio.gather(*(service.client.post(url, headers=OFFICER) for _ in range(3)))
    assert sorted(r.status_code for r in answers) == [200, 409, 409]
    events = await service.runtime.store.read_stream(gone)
    assert [e.type.split(".")[2] for e in events] == ["ReferrerEnrolled", "PersonalDataErased"]


async def test_the_traces_of_enrolment_and_erasure_carry_nothing_personal(
    service: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    spans = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(spans))
    monkeypatch.setattr(telemetry_context, "_tracer", provider.get_tracer("park-test"))
    gone = (await service.client.post("/referrers", json=PERSON, headers=OFFICER)).json()["referrer_id"]
    await service.client.post(f"/referrers/{gone}/erasure", headers=OFFICER)
    finished = spans.get_finished_spans()
    assert {s.name for s in finished} >= {"command EnrolReferrer", "command EraseReferrerData"}
    text = str([(s.name, dict(s.attributes or {}), [e.attributes for e in s.events]) for s in finished])
    assert gone in text
    assert all(secret not in text for secret in SECRETS)


async def test_the_referrer_routes_are_for_officers_only(client: httpx.AsyncClient) -> None:
    routes = (("POST", "/referrers/ref-1/erasure"), ("GET", "/referrers"), ("GET", "/referrers/x"))
    for method, path in routes:
        response = await client.request(method, path, headers=FINANCE)
        assert response.status_code == 403 and "inv.officer" in response.text


async def test_the_old_plaintext_directory_is_sealed_into_events_and_emptied(
    embedded: InvestmentSettings,
) -> None:
    referrer_id = "ref-00000000000000aa"
    legacy: dict[str, str | None] = {"referrer_id": referrer_id, "kind": "staff", "name": NAME}
    legacy |= {"phone": PHONE}
    legacy |= {"relation": None, "organisation": ORG, "enrolled_on": "2025-01-02"}
    _, read_models, close = await open_store("investment", embedded)
    await read_models.commit("referrer-directory", [Change(LEGACY_DIRECTORY, referrer_id, legacy, 1)], 0)
    await close()
    app = create_app(embedded)
    async with running_app(app) as client:
        runtime = runtime_of(app)

        async def emptied() -> bool:
            return not await runtime.read_models.find(LEGACY_DIRECTORY)

        await wait_until(emptied, what="the old directory to be emptied")
        shown = (await client.get(f"/referrers/{referrer_id}", headers=OFFICER)).json()
        assert (shown["name"], shown["phone"], shown["organisation"]) == (NAME, PHONE, ORG)
        assert (shown["enrolled_on"], shown["erased"]) == ("2025-01-02", False)
        stored = await runtime.store.read_all(0, 100)
        assert [e.type.split(".")[2] for e in stored] == ["ReferrerEnrolled"]
        assert all(s not in stored[0].data.decode() for s in SECRETS)
        assert (await client.post(f"/referrers/{referrer_id}/erasure", headers=OFFICER)).status_code == 200
