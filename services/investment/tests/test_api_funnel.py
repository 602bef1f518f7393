"""The funnel over HTTP: stages, the agreement (LeadSigned exactly as the contract says),
refusals that store nothing, lost leads, and the funnel report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson
from park_shared.testing.apps import auth_header

OFFICER = auth_header("inv", "inv.officer")
FINANCE = auth_header("inv", "inv.finance")
LEAD_SIGNED_FIELDS = {
    "lead_id", "company_name", "credit_code", "industry", "park_id", "planned_investment", "signed_amount",
    "signed_on", "preferred_parcel_id", "platform", "referrer_id", "green_channel",
}  # fmt: skip


async def _to_negotiation(service: Any, code: str, **fields: Any) -> str:
    lead_id = str((await service.lead(code, **fields)).json()["lead_id"])
    for stage in ("contacted", "negotiating"):
        moved = await service.client.post(f"/leads/{lead_id}/stage", json={"stage": stage}, headers=OFFICER)
        assert moved.status_code == 200 and moved.json()["status"] == stage
    return lead_id


async def test_signing_emits_lead_signed_as_the_contract_says(
    service: Any, new_code: Callable[[], str]
) -> None:
    referrer = await service.referrer("staff_relative")
    code = new_code()
    lead_id = await _to_negotiation(service, code, platform="all_staff", referrer_id=referrer)
    agreement = {"signed_amount": "150000000.00", "preferred_parcel_id": "north-A01"}
    signed = await service.client.post(f"/leads/{lead_id}/agreement", json=agreement, headers=OFFICER)
    assert signed.status_code == 200, signed.text
    assert (signed.json()["status"], signed.json()["green_channel"]) == ("signed", True)
    [record] = [e for e in await service.runtime.store.read_all(0, 1000) if e.type.endswith(".LeadSigned.v1")]
    data = orjson.loads(record.data)
    assert set(data) == LEAD_SIGNED_FIELDS
    assert record.stream_id == lead_id
    assert data["signed_amount"] == "150000000.00" and data["planned_investment"] == "50000000.00"
    assert (data["referrer_id"], data["platform"], data["credit_code"]) == (referrer, "all_staff", code)
    assert data["signed_on"] == service.runtime.today().isoformat()


async def test_refused_moves_store_nothing(service: Any, new_code: Callable[[], str]) -> None:
    lead_id = await _to_negotiation(service, new_code())
    before = await service.stored()
    for stage in ("registered", "landed"):
        by_hand = await service.client.post(f"/leads/{lead_id}/stage", json={"stage": stage}, headers=OFFICER)
        assert by_hand.status_code == 409 and "service-center" in by_hand.json()["detail"]
    float_money = await service.client.post(
        f"/leads/{lead_id}/agreement", json={"signed_amount": 100.5}, headers=OFFICER
    )
    assert (float_money.status_code, float_money.json()["field"]) == (422, "signed_amount")
    other_park = {"signed_amount": "1.00", "preferred_parcel_id": "south-B01"}
    wrong = await service.client.post(f"/leads/{lead_id}/agreement", json=other_park, headers=OFFICER)
    assert (wrong.status_code, wrong.json()["field"]) == (422, "preferred_parcel_id")
    assert await service.stored() == before
    lost = await service.client.post(
        f"/leads/{lead_id}/loss", json={"reason": "chose Suzhou"}, headers=OFFICER
    )
    assert (lost.json()["status"], lost.json()["lost_stage"]) == ("lost", "negotiating")
    after_loss = await service.stored()
    sign = await service.client.post(
        f"/leads/{lead_id}/agreement", json={"signed_amount": "1.00"}, headers=OFFICER
    )
    assert sign.status_code == 409 and "lost" in sign.json()["detail"]
    assert await service.stored() == after_loss
    missing = await service.client.post(
        "/leads/lead-nothing/stage", json={"stage": "contacted"}, headers=OFFICER
    )
    assert missing.status_code == 404


async def test_the_funnel_report_by_platform_and_park(service: Any, new_code: Callable[[], str]) -> None:
    referrer = await service.referrer("enterprise")
    signed = await _to_negotiation(service, new_code(), platform="merchant", referrer_id=referrer)
    await service.client.post(f"/leads/{signed}/agreement", json={"signed_amount": "9.00"}, headers=OFFICER)
    await _to_negotiation(service, new_code(), park_id="south")
    lost = str((await service.lead(new_code())).json()["lead_id"])
    await service.client.post(f"/leads/{lost}/loss", json={"reason": "no budget"}, headers=OFFICER)
    duplicate = await service.lead(signed.removeprefix("lead-"), park_id="south")
    assert duplicate.status_code == 409
    report = (await service.client.get("/reports/funnel", headers=FINANCE)).json()
    total = report["total"]
    assert total["reached"] == {
        "new": 3, "contacted": 2, "negotiating": 2, "signed": 1, "registered": 0, "landed": 0,
    }  # fmt: skip
    assert (total["lost"], total["duplicates_prevented"]) == (1, 1)
    rates = {(c["from_stage"], c["to_stage"]): c["rate_percent"] for c in total["conversion"]}
    assert rates[("new", "contacted")] == "66.7"
    assert rates[("negotiating", "signed")] == "50.0"
    assert rates[("registered", "landed")] is None
    by_platform = {s["key"]: s for s in report["by_platform"]}
    assert by_platform["merchant"]["reached"]["signed"] == 1 and by_platform["online"]["leads"] == 2
    assert by_platform["online"]["duplicates_prevented"] == 1
    by_park = {s["key"]: s for s in report["by_park"]}
    assert (by_park["north"]["leads"], by_park["south"]["leads"]) == (2, 1)
    assert by_park["south"]["duplicates_prevented"] == 1
    assert (
        await service.client.get("/reports/funnel", headers=auth_header("sc", "sc.head"))
    ).status_code == 403
