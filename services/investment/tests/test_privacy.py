"""Referrers' personal data stays in this service: visible to inv.officer only, in events only
sealed (ReferrerEnrolled, internal), never in public responses, reward views or logs."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import orjson
import pytest
from park_shared.testing.apps import auth_header

OFFICER = auth_header("inv", "inv.officer")
FINANCE = auth_header("inv", "inv.finance")
NAME, PHONE, RELATION = "林秀英", "+86 137 5555 0101", "mother of staff member Lin Wei"


async def test_referrer_personal_data_is_only_for_officers(
    service: Any, new_code: Callable[[], str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    person = {"kind": "staff_relative", "name": NAME, "phone": PHONE, "relation": RELATION}
    enrolled = await service.client.post("/referrers", json=person, headers=OFFICER)
    referrer_id = enrolled.json()["referrer_id"]
    code = new_code()
    lead = await service.lead(code, platform="all_staff", referrer_id=referrer_id)
    assert lead.json()["referrer"]["phone"] == PHONE
    for stage in ("contacted", "negotiating"):
        await service.client.post(f"/leads/lead-{code}/stage", json={"stage": stage}, headers=OFFICER)
    await service.client.post(
        f"/leads/lead-{code}/agreement", json={"signed_amount": "5.00"}, headers=OFFICER
    )
    inquiry = {"company_name": "x", "credit_code": code, "industry": "x", "planned_investment": "1.00"}
    await service.client.post("/public/inquiries", json={**inquiry, "park_id": "north"})

    officer_view = await service.client.get(f"/referrers/{referrer_id}", headers=OFFICER)
    assert officer_view.json()["relation"] == RELATION
    for path in (f"/referrers/{referrer_id}", "/referrers", f"/leads/lead-{code}"):
        assert (await service.client.get(path, headers=FINANCE)).status_code == 403
    public = [
        await service.client.get("/public/listings"),
        await service.client.get("/reports/funnel", headers=FINANCE),
    ]
    funnel = public[1].json()["total"]
    assert (funnel["leads"], funnel["reached"]["signed"]) == (1, 1)  # the report counts the signed lead
    started = [r.getMessage() for r in caplog.get_records("setup")]  # by the fixture
    assert any("investment started" in m for m in started)  # the service's records reach the capture
    events = await service.runtime.store.read_all(0, 10_000)
    stored = [str(orjson.loads(e.data)) + e.meta.to_json().decode() for e in events]
    assert any(referrer_id in text for text in stored)  # the pseudonym travels
    for secret in (NAME, PHONE, RELATION, "137 5555"):
        assert all(secret not in text for text in stored), secret
        assert all(secret not in r.text for r in public), secret
        assert secret not in caplog.text, secret
    signed = [e for e in events if e.type.endswith("LeadSigned.v1")]
    assert b'"referrer_id":"' + referrer_id.encode() in signed[0].data


async def test_referrer_input_is_validated_without_echoing_it(service: Any) -> None:
    bad_phone = await service.client.post(
        "/referrers", json={"kind": "staff", "name": NAME, "phone": "call me"}, headers=OFFICER
    )
    assert (bad_phone.status_code, bad_phone.json()["field"]) == (422, "phone")
    assert "call me" not in bad_phone.text
    no_relation = await service.client.post(
        "/referrers", json={"kind": "staff_relative", "name": NAME, "phone": PHONE}, headers=OFFICER
    )
    assert (no_relation.status_code, no_relation.json()["field"]) == (422, "relation")
    assert (await service.client.get("/referrers", headers=OFFICER)).json() == []
