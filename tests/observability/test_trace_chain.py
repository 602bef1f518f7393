"""One trace across two service processes: a lead signed at investment (HTTP command → store
append → outbox publish → the message) and the case service-center opens for it (consumer
handling → its command → its append), read back from each process's span export
(PARK_TELEMETRY_FILE), on the embedded default and on real Kafka + FerretDB."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from park_service_center.domain.case import case_id_for_lead
from park_shared.identifiers import check_character
from park_shared.settings import ParkSettings
from park_shared.telemetry.files import read_spans
from park_shared.testing.events import emit

from ._e2e import Suite, eventually, suite_env

LEAD_SIGNED = "park.investment.LeadSigned.v1"
CASE_OPENED = "park.service-center.CaseOpened.v1"
Span = dict[str, Any]
CATALOGUE = {
    "steps": [
        {
            "code": "land_use", "name": "用地 land use", "legal_basis": "土地管理法",
            "required_documents": ["site plan"], "working_days": 3, "green_channel_working_days": 1,
            "decided_by": "service-center",
        }
    ]
}  # fmt: skip


@pytest.fixture(params=["embedded", pytest.param("real", marks=pytest.mark.real)])
def suite(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Suite]:
    servers = request.getfixturevalue("real_servers") if request.param == "real" else None
    env = suite_env(
        request.param,
        tmp_path / "data",
        servers.kafka if servers else None,
        servers.mongodb if servers else None,
        f"o{uuid.uuid4().hex[:10]}",
    )
    suite = Suite(tmp_path, env).with_clock()
    for name in ("investment", "service-center"):
        suite.add(name).env["PARK_TELEMETRY_FILE"] = str(tmp_path / f"{name}.spans.jsonl")
    try:
        suite.start("investment", "service-center")
        publish_a_catalogue(suite)
        yield suite
    finally:
        suite.stop()


def publish_a_catalogue(suite: Suite) -> None:
    """HQ's procedure catalogue, as HQ publishes it: service-center opens no case without."""
    settings = ParkSettings(**{k.lower(): v for k, v in suite.env.items()})
    policy = {
        "policy_id": "catalogue", "version": 1, "kind": "procedure_catalogue", "title": "catalogue",
        "effective_from": "2026-01-01", "terms": CATALOGUE, "published_at": "2026-01-01T09:00:00+08:00",
    }  # fmt: skip
    asyncio.run(emit(settings, "headquarters", "PolicyPublished.v1", policy, "policy-catalogue"))
    with suite.client("service-center") as sc:
        eventually(lambda: sc.get("/public/procedures").json()["policy_id"] == "catalogue", what="catalogue")


def credit_code() -> str:
    body = f"9111000{uuid.uuid4().int % 10**10:010d}"
    return body + check_character(body)


def sign_a_lead(suite: Suite) -> str:
    with suite.client("investment", "inv.officer") as inv:
        lead = {
            "company_name": "Trace Test Machinery Co.",
            "credit_code": credit_code(),
            "industry": "precision machinery",
            "planned_investment": "50000000.00",
            "park_id": "north",
            "platform": "online",
        }
        created = inv.post("/leads", json=lead)
        assert created.status_code == 201, created.text
        lead_id = str(created.json()["lead_id"])
        for stage in ("contacted", "negotiating"):
            assert inv.post(f"/leads/{lead_id}/stage", json={"stage": stage}).status_code == 200
        signed = inv.post(f"/leads/{lead_id}/agreement", json={"signed_amount": "80000000.00"})
        assert signed.status_code == 200, signed.text
    return lead_id


def spans_of(suite: Suite, name: str) -> list[Span]:
    return read_spans(suite.root / f"{name}.spans.jsonl")


def log_entries(suite: Suite, name: str) -> list[dict[str, Any]]:
    lines = (suite.root / f"{name}.log").read_text().splitlines()
    return [json.loads(line) for line in lines if line.startswith("{")]


def one(spans: list[Span], what: str, **match: Any) -> Span:
    found = [s for s in spans if all(s.get(k) == v for k, v in match.items())]
    assert len(found) == 1, f"one {what} expected, found {len(found)}: {[s['name'] for s in found]}"
    return found[0]


def child(spans: list[Span], parent: Span, name_prefix: str, what: str) -> Span:
    found = [
        s for s in spans if s["parent_span_id"] == parent["span_id"] and s["name"].startswith(name_prefix)
    ]
    assert len(found) == 1, f"one {what} under {parent['name']} expected: {[s['name'] for s in found]}"
    assert found[0]["trace_id"] == parent["trace_id"]
    return found[0]


def appends(spans: list[Span], command: Span, event_type: str) -> Span:
    append = child(spans, command, "store append", f"append of {event_type}")
    assert event_type in append["attributes"]["park.event_types"]
    return append


def test_a_signed_lead_and_the_case_it_opens_are_one_trace(
    suite: Suite, request: pytest.FixtureRequest
) -> None:
    lead_id = sign_a_lead(suite)
    with suite.client("service-center", "sc.officer") as sc:
        eventually(lambda: sc.get(f"/cases/{case_id_for_lead(lead_id)}").status_code == 200, what="the case")
    eventually(
        lambda: any(s["name"] == f"handle {CASE_OPENED}" for s in spans_of(suite, "investment")),
        what="investment's handling of CaseOpened",
    )
    inv, sc_spans = spans_of(suite, "investment"), spans_of(suite, "service-center")

    # investment: the HTTP command, its append, the outbox relay's publish
    server = one(inv, "agreement request", kind="SERVER", name="POST /leads/{lead_id}/agreement")
    command = child(inv, server, "command SignLead", "SignLead command")
    signed_append = appends(inv, command, LEAD_SIGNED)
    publish = child(inv, command, f"publish {LEAD_SIGNED}", "publish of LeadSigned")
    assert publish["kind"] == "PRODUCER" and publish["attributes"]["park.stream_id"] == lead_id
    [batch_link] = publish["links"]
    relay = one(inv, "relay batch", span_id=batch_link["span_id"])
    assert relay["name"].startswith("outbox relay") and relay["trace_id"] != server["trace_id"]

    # service-center: the message handled as a child of the publish, its command and append
    handle = one(sc_spans, "LeadSigned handling", name=f"handle {LEAD_SIGNED}")
    assert (handle["trace_id"], handle["parent_span_id"]) == (publish["trace_id"], publish["span_id"])
    open_case = child(sc_spans, handle, "command OpenCase", "OpenCase command")
    opened_append = appends(sc_spans, open_case, CASE_OPENED)

    # and back: investment handles CaseOpened in the same trace (a reaction's events carry the
    # traceparent of the handling that caused them)
    sc_publish = child(sc_spans, handle, f"publish {CASE_OPENED}", "publish of CaseOpened")
    back = one(inv, "CaseOpened handling", name=f"handle {CASE_OPENED}")
    assert (back["trace_id"], back["parent_span_id"]) == (server["trace_id"], sc_publish["span_id"])

    # the logs join the trace: the access line of the signing names its trace and conversation
    [access] = [e for e in log_entries(suite, "investment") if e["message"].endswith("/agreement 200")]
    assert (access["service"], access["trace_id"]) == ("investment", server["trace_id"])
    assert access["correlation_id"] == signed_append["attributes"]["park.correlation_id"]

    if request.node.callspec.params["suite"] == "real":
        assert_library_spans(inv, sc_spans, signed_append, opened_append, publish)


def assert_library_spans(
    inv: list[Span], sc_spans: list[Span], signed_append: Span, opened_append: Span, publish: Span
) -> None:
    """aiokafka's and PyMongo's spans, from their instrumentation packages, in their places."""
    for spans, append in ((inv, signed_append), (sc_spans, opened_append)):
        mongo = [s for s in spans if s["parent_span_id"] == append["span_id"]]
        assert mongo and all(s["kind"] == "CLIENT" and s["attributes"].get("db.system") for s in mongo)
    sends = [s for s in inv if s["kind"] == "PRODUCER" and s["name"].endswith(" send")]
    link = {"trace_id": publish["trace_id"], "span_id": publish["span_id"]}
    [send] = [s for s in sends if link in s["links"]]
    assert send["trace_id"] != publish["trace_id"]  # the relay's batch, linked to the event's trace
    receives = [s for s in sc_spans if s["kind"] == "CONSUMER" and s["parent_span_id"] == publish["span_id"]]
    assert len(receives) == 1 and receives[0]["trace_id"] == publish["trace_id"]
