"""/planning-applications: graded authority over HTTP (levels from settings), escalation,
violation cases and one appeal, decided by the head."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from conftest import Hq


async def file(hq: Hq, area: int, height: str = "20", kind: str = "application") -> str:
    body = {
        "kind": kind,
        "parcel_id": "north-A01",
        "applicant": "绿能科技有限公司",
        "use": "industrial",
        "floor_area_m2": area,
        "height_m": height,
        "description": "一期厂房",
    }
    response = await hq.client.post("/planning-applications", json=body, headers=hq.planner_1)
    assert response.status_code == 201, response.text
    return str(response.json()["application_id"])


async def post(hq: Hq, app_id: str, action: str, body: dict[str, Any], headers: dict[str, str]) -> Any:
    return await hq.client.post(f"/planning-applications/{app_id}/{action}", json=body, headers=headers)


async def register_parcel(hq: Hq) -> None:
    await hq.hold("north", "A01")
    body = {"park_id": "north", "code": "A01", "planned_use": "industrial", "area_m2": 30000}
    await hq.client.post("/parcels", json=body, headers=hq.planner_1)


async def test_a_planner_decides_within_their_level_and_is_told_to_escalate_above_it(hq: Hq) -> None:
    await register_parcel(hq)
    small, big = await file(hq, 4000), await file(hq, 30000)
    decided = await post(hq, small, "decision", {"outcome": "approved"}, hq.planner_1)
    assert decided.status_code == 200, decided.text
    assert (
        decided.json() | {"status": "decided", "decided_by": "planner", "planner_level": 1} == decided.json()
    )

    before = await hq.last_position()
    above = await post(hq, big, "decision", {"outcome": "approved"}, hq.planner_1)
    assert above.status_code == 403
    assert "above your level-1 limit of 5000 m²" in above.json()["detail"]
    assert "escalate" in above.json()["detail"] and above.json()["escalate_to"] == "hq.head"
    assert await hq.last_position() == before
    level_3 = await post(hq, big, "decision", {"outcome": "refused", "reasons": "容积率超标"}, hq.planner_3)
    assert level_3.status_code == 200 and level_3.json()["planner_level"] == 3


async def test_escalated_cases_violations_and_appeals_are_the_heads(hq: Hq) -> None:
    await register_parcel(hq)
    big = await file(hq, 30000)
    escalated = await post(hq, big, "escalate", {"reason": "超出一级权限"}, hq.planner_1)
    assert escalated.json()["status"] == "escalated"
    assert (await post(hq, big, "decision", {"outcome": "approved"}, hq.planner_3)).status_code == 403
    by_head = await post(hq, big, "decision", {"outcome": "refused", "reasons": "超高"}, hq.head)
    assert by_head.json() | {"status": "decided", "decided_by": "head"} == by_head.json()

    appealed = await post(hq, big, "appeal", {"grounds": "已调整方案"}, hq.official)
    assert appealed.json()["status"] == "appealed"
    before = await hq.last_position()
    second = await post(hq, big, "appeal", {"grounds": "再次申诉"}, hq.official)
    assert second.status_code == 409 and "appealed once" in second.json()["detail"]
    by_planner = await post(
        hq, big, "appeal-decision", {"appeal_outcome": "overturned", "reasons": "x"}, hq.planner_3
    )
    assert by_planner.status_code == 403 and "hq.head" in by_planner.json()["detail"]
    assert await hq.last_position() == before
    ruled = await post(
        hq, big, "appeal-decision", {"appeal_outcome": "overturned", "reasons": "方案已合规"}, hq.head
    )
    assert ruled.json() | {"status": "final", "outcome": "approved"} == ruled.json()
    assert ruled.json()["appeal"]["grounds"] == "已调整方案"

    violation = await file(hq, 100, kind="violation")
    refused = await post(
        hq, violation, "decision", {"outcome": "sanctioned", "reasons": "未批先建"}, hq.planner_3
    )
    assert refused.status_code == 403 and "violation" in refused.json()["detail"]
    sanctioned = await post(
        hq, violation, "decision", {"outcome": "sanctioned", "reasons": "未批先建"}, hq.head
    )
    assert sanctioned.json()["outcome"] == "sanctioned"
    listed = await hq.client.get("/planning-applications", params={"kind": "violation"}, headers=hq.official)
    assert [c["application_id"] for c in listed.json()] == [violation]
    one = await hq.client.get(f"/planning-applications/{big}", headers=hq.official)
    assert one.json()["escalation"]["reason"] == "超出一级权限"


async def test_bad_planning_input_is_refused_naming_the_field(hq: Hq) -> None:
    await register_parcel(hq)
    app_id = await file(hq, 1000)
    before = await hq.last_position()
    good = {
        "kind": "application",
        "parcel_id": "north-A01",
        "applicant": "x",
        "use": "industrial",
        "floor_area_m2": 10,
        "height_m": "5",
        "description": "x",
    }
    for body, field in [
        ({**good, "parcel_id": "north-Z9"}, "parcel_id"),
        ({**good, "floor_area_m2": -1}, "floor_area_m2"),
        ({**good, "use": "housing"}, "use"),
        ({**good, "applicant": ""}, "applicant"),
    ]:
        refused = await hq.client.post("/planning-applications", json=body, headers=hq.planner_1)
        assert (refused.status_code, refused.json()["field"]) == (422, field), body
    wrong_outcome = await post(
        hq, app_id, "decision", {"outcome": "sanctioned", "reasons": "x"}, hq.planner_1
    )
    assert (wrong_outcome.status_code, wrong_outcome.json()["field"]) == (422, "outcome")
    no_reasons = await post(hq, app_id, "decision", {"outcome": "refused"}, hq.planner_1)
    assert (no_reasons.status_code, no_reasons.json()["field"]) == (422, "reasons")
    early_appeal = await post(hq, app_id, "appeal", {"grounds": "x"}, hq.official)
    assert early_appeal.status_code == 409
    assert (await post(hq, "pla-none", "decision", {"outcome": "approved"}, hq.head)).status_code == 404
    assert (await post(hq, app_id, "escalate", {"reason": "x"}, hq.official)).status_code == 403
    assert (await post(hq, app_id, "decision", {"outcome": "approved"}, hq.foreign)).status_code == 403
    assert await hq.last_position() == before
