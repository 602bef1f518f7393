"""One promise, one date (承诺制 on one calendar): a case opened on Friday 13 February 2026, the
day before a make-up Saturday and the Spring Festival, has its 5-working-day project approval
due on Friday 27 February out of the box, and service-center, headquarters, the dashboard and
its public page all show that date; broken, it is supervised against headquarters, the unit
that decides it. A zone day off that HQ publishes later moves the next promises, everywhere.
The five services as processes on the embedded default, the zone clock pinned."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import httpx
import pytest

from .conftest import zone_of
from .harness import eventually, ok
from .zone import Zone, uid

SERVICES = ("headquarters", "service-center", "investment", "industrial-co", "dashboard")
FRIDAY_BEFORE_SPRING_FESTIVAL = date(2026, 2, 13)
DUE = "2026-02-27"


@pytest.fixture(scope="module")
def zone(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Zone]:
    root = tmp_path_factory.mktemp("calendar")
    with zone_of(
        request, root, "embedded", SERVICES, start=FRIDAY_BEFORE_SPRING_FESTIVAL, SC_OVERDUE_SCAN_SECONDS="1"
    ) as z:
        yield z


def dashboard(zone: Zone, path: str) -> httpx.Response:
    return httpx.get(zone.suite.services["dashboard"].url + path, timeout=30)


def test_one_promise_one_date_everywhere_then_supervised_against_headquarters(zone: Zone) -> None:
    case_id = zone.case_of(zone.signed_lead(name=f"Spring {uid()} Optics Co., Ltd."))["case_id"]
    step = zone.step(case_id, "project_approval")
    assert (step["accepted_on"], step["deadline"], step["deadline_provisional"]) == ("2026-02-13", DUE, False)

    approval = eventually(
        lambda: [a for a in ok(zone.hq_official.get("/project-approvals")) if a["case_id"] == case_id],
        what="HQ's approval queue to list the request",
    )[0]
    assert (approval["deadline"], approval["working_days_left"]) == (DUE, 5)

    def waiting() -> dict[str, Any] | None:
        found = ok(dashboard(zone, "/api/administration"))["approvals_waiting"]
        return next((a for a in found if a["case_id"] == case_id), None)

    shown = eventually(waiting, what="the dashboard's approval queue")
    assert (shown["deadline"], shown["days_left"]) == (DUE, 5)
    page = dashboard(zone, "/public?lang=en").text
    assert f'data-deadline="{DUE}"' in page and "Spring" in page

    zone.suite.clock.set(date(2026, 2, 28))  # a make-up Saturday, the day after the deadline
    eventually(lambda: zone.step(case_id, "project_approval")["overdue"], what="the step flagged overdue")
    (supervision,) = eventually(
        lambda: [
            c for c in ok(zone.hq_official.get("/supervision-cases", params={"cause": "overdue"}))
            if c["case_id"] == case_id
        ],
        what="HQ to open a supervision case",
    )  # fmt: skip
    assert (supervision["unit"], supervision["step_code"], supervision["deadline"]) == (
        "headquarters",
        "project_approval",
        DUE,
    )


def test_a_zone_day_off_published_by_hq_moves_the_next_promises(zone: Zone) -> None:
    zone.suite.clock.set(date(2026, 2, 28))
    (current,) = ok(zone.hq_official.get("/policies/working-calendar-2026"))["versions"]
    terms = {**current["terms"], "source": "zone", "holidays": [*current["terms"]["holidays"], "2026-03-03"]}
    path = "/policies/working-calendar-2026/versions"
    ok(zone.hq.post(path, json={"title": "园区调休 a zone day off", "terms": terms}), 201)
    ok(zone.hq.post(f"{path}/2/publish", json={"effective_from": "2026-03-02"}))
    zone.suite.clock.set(date(2026, 3, 2))

    def centre_knows() -> bool:
        return "2026-03-03" in ok(zone.sc().get("/public/procedures"))["public_holidays"]

    eventually(centre_knows, what="service-center to hold the zone's day off")
    case_id = zone.case_of(zone.signed_lead(name=f"Day-off {uid()} Tools Co., Ltd."))["case_id"]
    # Mon 2 Mar: Tue 3 off; Wed 4, Thu 5, Fri 6, Mon 9, Tue 10
    assert zone.step(case_id, "project_approval")["deadline"] == "2026-03-10"
    public = ok(zone.hq.get("/public/calendar", params={"year": 2026}))["years"][0]
    assert (public["version"], "2026-03-03" in public["holidays"]) == (2, True)
