"""The zone's working-day calendar, owned by headquarters: the State Council's arrangements
adopted out of the box, corrections and zone days off as new versions, the calendar disclosed
as of any date, bad versions refused, and the promises HQ shows counted on it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from park_headquarters.settings import HeadquartersSettings
from park_shared.testing.apps import wait_until
from park_shared.testing.events import emit

if TYPE_CHECKING:
    from conftest import Hq, StartHq

CALENDAR_2026 = "working-calendar-2026"


async def versions_of(hq: Hq, policy_id: str) -> list[dict[str, Any]]:
    found = await hq.client.get(f"/policies/{policy_id}", headers=hq.official)
    assert found.status_code == 200, found.text
    return list(found.json()["versions"])


async def test_the_state_councils_arrangements_are_adopted_at_start(hq: Hq) -> None:
    (v1,) = await versions_of(hq, CALENDAR_2026)
    assert (v1["status"], v1["effective_from"]) == ("published", "2025-01-01")
    assert v1["terms"]["source"] == "state_council"
    assert "2026-02-14" in v1["terms"]["makeup_workdays"] and "2026-02-17" in v1["terms"]["holidays"]
    assert [v["status"] for v in await versions_of(hq, "working-calendar-2025")] == ["published"]
    assert (await hq.client.get("/policies/working-calendar-2024", headers=hq.official)).status_code == 404


async def test_a_restart_adopts_nothing_twice(tmp_path: Path, hq_on: StartHq) -> None:
    settings = HeadquartersSettings(park_env="test", park_data_dir=tmp_path / "data")
    async with hq_on(settings) as first:
        before = await first.last_position()
    async with hq_on(settings) as again:
        await again.runtime.projection_runner.catch_up()  # type: ignore[union-attr]
        assert await again.last_position() == before


async def test_the_public_calendar_as_of_a_date(hq: Hq) -> None:
    shown = await hq.client.get("/public/calendar", params={"on": "2026-03-02", "year": [2026, 2027]})
    assert shown.status_code == 200, shown.text
    y2026, y2027 = shown.json()["years"]
    assert (y2026["year"], y2026["provisional"], y2026["version"]) == (2026, False, 1)
    assert {"2026-02-14", "2026-02-28"} <= set(y2026["makeup_workdays"])
    assert (y2027["year"], y2027["provisional"], y2027["holidays"]) == (2027, True, [])
    before_adoption = (await hq.client.get("/public/calendar", params={"on": "2024-06-01"})).json()
    assert [(y["year"], y["provisional"]) for y in before_adoption["years"]] == [(2024, True), (2025, False)]
    bad = await hq.client.get("/public/calendar", params={"year": 1999})
    assert bad.status_code == 422 and bad.json()["field"] == "year"


async def test_a_zone_day_off_is_a_new_version_in_force_from_its_date(hq: Hq) -> None:
    (v1,) = await versions_of(hq, CALENDAR_2026)
    terms = {**v1["terms"], "source": "zone", "holidays": [*v1["terms"]["holidays"], "2026-03-06"]}
    drafted = await hq.client.post(
        f"/policies/{CALENDAR_2026}/versions",
        json={"title": "2026 工作日历(园区调整) with a zone day off", "terms": terms},
        headers=hq.official,
    )
    assert drafted.status_code == 201, drafted.text
    published = await hq.client.post(
        f"/policies/{CALENDAR_2026}/versions/2/publish",
        json={"effective_from": "2026-03-04"},
        headers=hq.head,
    )
    assert published.status_code == 200, published.text

    def off_on(shown: dict[str, Any]) -> bool:
        return "2026-03-06" in shown["years"][0]["holidays"]

    before = (await hq.client.get("/public/calendar", params={"on": "2026-03-03", "year": 2026})).json()
    after = (await hq.client.get("/public/calendar", params={"on": "2026-03-04", "year": 2026})).json()
    assert (before["years"][0]["version"], off_on(before)) == (1, False)
    assert (after["years"][0]["version"], off_on(after)) == (2, True)


async def test_bad_calendar_versions_are_refused_and_nothing_is_stored(hq: Hq) -> None:
    c = hq.client

    async def draft(body: dict[str, Any]) -> Any:
        body = {"kind": "working_calendar", "title": "2027", **body}
        return await c.post("/policies", json=body, headers=hq.official)

    async def publish(version: int, effective_from: str) -> Any:
        path = f"/policies/working-calendar-2027/versions/{version}/publish"
        return await c.post(path, json={"effective_from": effective_from}, headers=hq.head)

    before = await hq.last_position()
    both = {"year": 2027, "holidays": ["2027-02-08"], "makeup_workdays": ["2027-02-08"]}
    outside = {"year": 2027, "holidays": ["2028-01-01"]}
    for terms, field in ((both, "terms.makeup_workdays"), (outside, "terms.holidays")):
        refused = await draft({"terms": terms})
        assert (refused.status_code, refused.json()["field"]) == (422, field), refused.text
    wrong_id = await draft({"policy_id": "cal-2027", "terms": {"year": 2027}})
    assert (wrong_id.status_code, wrong_id.json()["field"]) == (422, "policy_id")
    assert await hq.last_position() == before

    assert (await draft({"terms": {"year": 2027}})).json()["policy_id"] == "working-calendar-2027"
    assert (await publish(1, "2026-03-09")).status_code == 200
    after_publish = await hq.last_position()
    twice = await publish(1, "2026-03-09")
    assert twice.status_code == 409 and "already published" in twice.json()["detail"]
    await c.post(
        "/policies/working-calendar-2027/versions",
        json={"title": "2027 v2", "terms": {"year": 2027, "holidays": ["2027-01-01"]}},
        headers=hq.official,
    )
    drafted = await hq.last_position()
    early = await publish(2, "2026-03-05")
    assert (early.status_code, early.json()["field"]) == (422, "effective_from")
    other_year = await c.put(
        "/policies/working-calendar-2027/versions/2",
        json={"title": "2028?", "terms": {"year": 2028}},
        headers=hq.official,
    )
    assert (other_year.status_code, other_year.json()["field"]) == (422, "terms.year")
    assert drafted > after_publish and await hq.last_position() == drafted


async def test_hq_shows_the_deadline_the_centre_promised_and_counts_days_left_on_the_calendar(
    hq: Hq,
) -> None:
    request = {
        "case_id": "case-spring", "step_code": "project_approval", "enterprise_name": "春节测试有限公司",
        "credit_code": "91110000000000001X", "project": "光伏", "planned_investment": "1000000.00",
        "park_id": "north", "requested_parcel_id": None, "requested_on": "2026-02-13", "working_days": 5,
        "deadline": "2026-02-27", "deadline_provisional": False,
    }  # fmt: skip
    legacy = {**request, "case_id": "case-legacy"}
    del legacy["deadline"], legacy["deadline_provisional"]
    for data in (request, legacy):
        await emit(hq.settings, "service-center", "ApprovalRequested.v1", data, data["case_id"])

    async def both() -> list[dict[str, Any]] | None:
        shown = (await hq.client.get("/project-approvals", headers=hq.official)).json()
        return shown if len(shown) == 2 else None

    await wait_until(both, what="both approval requests")
    hq.set_today(date(2026, 2, 24))  # 15..23 off: Tue 24, 25, 26, Fri 27 are left
    shown = {a["case_id"]: a for a in await both() or []}
    assert shown["case-spring"]["deadline"] == "2026-02-27"
    assert shown["case-spring"]["working_days_left"] == 3
    # a request stored before requests carried their deadline: counted once, on HQ's calendar
    assert shown["case-legacy"]["deadline"] == "2026-02-27"


async def test_an_overdue_step_headquarters_decides_is_supervised_against_headquarters(hq: Hq) -> None:
    overdue = {
        "case_id": "case-late", "step_code": "project_approval", "step_name": "立项",
        "accepted_on": "2026-02-13", "deadline": "2026-02-27", "enterprise_name": "迟到科技有限公司",
        "decided_by": "headquarters",
    }  # fmt: skip
    centre = {**overdue, "case_id": "case-fire", "step_code": "fire_safety", "decided_by": "service-center"}
    for data in (overdue, centre):
        await emit(hq.settings, "service-center", "StepOverdue.v1", data, data["case_id"])

    async def opened() -> dict[str, str] | None:
        cases = (await hq.client.get("/supervision-cases", headers=hq.official)).json()
        units = {c["case_id"]: c["unit"] for c in cases}
        return units if len(units) == 2 else None

    await wait_until(opened, what="two supervision cases")
    assert await opened() == {"case-late": "headquarters", "case-fire": "service-center"}
