"""/supervision-cases (overdue steps and complaints, counts), /coordination-matters,
/oversight/offerings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from park_shared.testing.apps import wait_until
from park_shared.testing.events import emit

if TYPE_CHECKING:
    from conftest import Hq


def overdue(case_id: str, step_code: str) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "step_code": step_code,
        "step_name": "消防审验",
        "accepted_on": "2026-02-16",
        "deadline": "2026-02-27",
        "enterprise_name": "绿能科技有限公司",
    }


async def cases(hq: Hq, **params: str) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = (
        await hq.client.get("/supervision-cases", params=params, headers=hq.official)
    ).json()
    return result


async def test_overdue_steps_and_complaints_open_cases_counted_by_unit_and_step(hq: Hq) -> None:
    s, c = hq.settings, hq.client
    await emit(s, "service-center", "StepOverdue.v1", overdue("case-1", "fire"), "case-1", times=2)
    await emit(s, "service-center", "StepOverdue.v1", overdue("case-1", "fire"), "case-1")  # reported again
    await emit(s, "service-center", "StepOverdue.v1", overdue("case-2", "fire"), "case-2")
    await wait_until(lambda: hq.runtime.consumers[0].handled >= 4, what="four deliveries handled")
    assert [x["supervision_id"] for x in await cases(hq)] == ["sup-case-1-fire", "sup-case-2-fire"]
    complaint = {"unit": "industrial-co", "description": "招标信息未公开"}
    filed = await c.post("/supervision-cases", json=complaint, headers=hq.official)
    assert filed.status_code == 201 and filed.json()["cause"] == "complaint"
    sid = "sup-case-1-fire"
    assigned = await c.post(
        f"/supervision-cases/{sid}/assign", json={"assignee": "监察室 王"}, headers=hq.official
    )
    assert assigned.json() | {"status": "assigned", "assignee": "监察室 王"} == assigned.json()
    closed = await c.post(
        f"/supervision-cases/{sid}/close", json={"findings": "窗口人手不足，已补充"}, headers=hq.official
    )
    assert closed.json()["status"] == "closed" and closed.json()["closed_on"] == str(hq.monday)
    before = await hq.last_position()
    again = await c.post(f"/supervision-cases/{sid}/close", json={"findings": "x"}, headers=hq.official)
    assert again.status_code == 409 and "closed" in again.json()["detail"]
    empty = await c.post(f"/supervision-cases/{sid}/assign", json={"assignee": ""}, headers=hq.official)
    assert (empty.status_code, empty.json()["field"]) == (422, "assignee")
    bad_unit = await c.post("/supervision-cases", json={**complaint, "unit": "police"}, headers=hq.official)
    assert (bad_unit.status_code, bad_unit.json()["field"]) == (422, "unit")
    assert (await c.post("/supervision-cases", json=complaint, headers=hq.planner_3)).status_code == 403
    assert (
        await c.post("/supervision-cases/sup-none/close", json={"findings": "x"}, headers=hq.official)
    ).status_code == 404
    assert await hq.last_position() == before

    counts = (await c.get("/supervision-cases/counts", headers=hq.head)).json()
    assert counts["by_unit"] == {
        "industrial-co": {"open": 1, "closed": 0, "total": 1},
        "service-center": {"open": 1, "closed": 1, "total": 2},
    }
    assert counts["by_step"] == {"fire": {"open": 1, "closed": 1, "total": 2}}
    assert len(await cases(hq, cause="overdue", status="open")) == 1
    assert (await hq.event_types()).count("SupervisionCaseOpened") == 3


async def test_a_coordination_matter_from_agenda_to_resolutions_and_closing(hq: Hq) -> None:
    c = hq.client
    body = {
        "title": "跨园区道路共建",
        "parties": [
            {"kind": "township", "name": "河东镇"},
            {"kind": "other_park", "name": "south"},
            {"kind": "government_department", "name": "县交通局"},
        ],
        "agenda": ["征地补偿", "出资比例"],
    }
    opened = await c.post("/coordination-matters", json=body, headers=hq.official)
    assert opened.status_code == 201, opened.text
    mid = opened.json()["matter_id"]
    meeting = {"held_on": "2026-03-02", "attendees": ["河东镇", "south"], "minutes": "原则同意"}
    held = await c.post(f"/coordination-matters/{mid}/meetings", json=meeting, headers=hq.official)
    assert held.status_code == 201
    meeting_id = held.json()["meetings"][0]["meeting_id"]
    resolution = {
        "meeting_id": meeting_id,
        "text": "两园按6:4出资",
        "responsible_party": "south",
        "due_on": "2026-06-30",
    }
    adopted = await c.post(f"/coordination-matters/{mid}/resolutions", json=resolution, headers=hq.official)
    assert adopted.json()["resolutions"][0]["text"] == "两园按6:4出资"
    before = await hq.last_position()
    for path, payload, field in [
        ("meetings", {**meeting, "attendees": ["某村"]}, "attendees"),
        ("resolutions", {**resolution, "meeting_id": "mtg-none"}, "meeting_id"),
        ("resolutions", {**resolution, "responsible_party": "north"}, "responsible_party"),
    ]:
        refused = await c.post(f"/coordination-matters/{mid}/{path}", json=payload, headers=hq.official)
        assert (refused.status_code, refused.json()["field"]) == (422, field)
    bad_party = await c.post(
        "/coordination-matters",
        json={**body, "parties": [{"kind": "church", "name": "x"}]},
        headers=hq.official,
    )
    assert bad_party.status_code == 422 and bad_party.json()["field"].startswith("parties.0.kind")
    assert await hq.last_position() == before
    closed = await c.post(
        f"/coordination-matters/{mid}/close", json={"outcome": "达成协议"}, headers=hq.official
    )
    assert closed.json() | {"status": "closed", "outcome": "达成协议"} == closed.json()
    late = await c.post(f"/coordination-matters/{mid}/meetings", json=meeting, headers=hq.official)
    assert late.status_code == 409
    assert [
        m["matter_id"]
        for m in (await c.get("/coordination-matters", params={"status": "closed"}, headers=hq.head)).json()
    ] == [mid]
    assert (await c.get(f"/coordination-matters/{mid}", headers=hq.planner_1)).status_code == 200
    assert (await c.post("/coordination-matters", json=body, headers=hq.foreign)).status_code == 403


async def test_closed_offerings_are_overseen_once(hq: Hq) -> None:
    closed = {
        "offering_id": "off-1",
        "title": "首期募股",
        "target_amount": "10000000.00",
        "raised_amount": "12000000.00",
        "shares_issued": 12000000,
        "holders": 86,
        "closed_on": "2026-02-28",
    }
    await emit(hq.settings, "industrial-co", "OfferingClosed.v1", closed, "off-1", times=2)
    await wait_until(lambda: hq.runtime.consumers[0].handled >= 2, what="both deliveries handled")
    offerings = (await hq.client.get("/oversight/offerings", headers=hq.head)).json()
    assert offerings == [closed]
    assert (await hq.client.get("/oversight/offerings/off-1", headers=hq.official)).json()["holders"] == 86
    assert (await hq.client.get("/oversight/offerings/off-2", headers=hq.official)).status_code == 404


async def test_a_talent_decision_past_its_promised_day_opens_one_supervision_case(hq: Hq) -> None:
    late = {
        "application_id": "ta-7", "category": "high_level_talent", "park_id": "south",
        "enterprise_id": "91350100M000100Y43", "applied_on": "2026-02-02", "deadline": "2026-02-16",
        "flagged_on": "2026-02-17",
    }  # fmt: skip
    await emit(hq.settings, "service-center", "TalentDecisionOverdue.v1", late, "talent-ta-7", times=2)
    await wait_until(lambda: hq.runtime.consumers[0].handled >= 2, what="both deliveries handled")
    [case] = await cases(hq, cause="overdue")
    assert (case["supervision_id"], case["unit"], case["step_code"], case["case_id"]) == (
        "sup-ta-7-talent_decision", "service-center", "talent_decision", "ta-7",
    )  # fmt: skip
    assert (case["deadline"], case["enterprise_name"]) == ("2026-02-16", "91350100M000100Y43")
    assert "high_level_talent" in case["step_name"]
    assert (await hq.event_types()).count("SupervisionCaseOpened") == 1
