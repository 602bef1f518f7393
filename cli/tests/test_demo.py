"""`parkctl demo` against the suite running as separate processes: every screen has something
true to show, a second run changes nothing, and a week later the scenario goes on (the award,
a milestone, an overdue step flagged by service-center and supervised by headquarters)."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal
from types import ModuleType
from typing import Any

import httpx
import pytest
import typer
from park_shared.testing.apps import auth_header
from parkctl.demo import LEADS, credit_code, identity_number, load_demo
from rich.console import Console

SERVICES = ("headquarters", "service-center", "industrial-co", "investment", "dashboard")
DEPARTMENTS = {"headquarters": "hq", "service-center": "sc", "industrial-co": "ic", "investment": "inv"}
KINDS = {"fee_schedule", "preferential", "procedure_catalogue", "reward", "working_calendar"}
"""The demo's four, and the working-day calendar HQ adopts from the State Council's arrangement."""


def _console() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=160, force_terminal=False), out


def _urls(suite: Any) -> dict[str, str]:
    return {name: suite.services[name].url for name in SERVICES}


def _get(suite: Any, service: str, path: str, *roles: str) -> Any:
    department = DEPARTMENTS.get(service, "")
    headers = auth_header(department, *roles) if roles else {}
    r = httpx.get(suite.services[service].url + path, headers=headers, timeout=30)
    assert r.status_code == 200, r.text
    return r.json()


def test_identifiers_carry_their_check_characters() -> None:
    from park_shared.identifiers import credit_code_problem, is_credit_code, is_identity_number

    for organisation in ("MA1XDM001", "MA1XKC002", "0000000A0", "YYYYYYYYY"):
        code = credit_code("320500", organisation)
        assert credit_code_problem(code) is None and is_credit_code(code)
        assert credit_code_problem(code[:17] + ("0" if code[17] != "0" else "1")) is not None
    assert identity_number("11010519491231002") == "11010519491231002X"  # GB 11643's own example
    assert is_identity_number(identity_number("32050219800101123"))


def test_a_service_down_is_a_clear_error_not_a_traceback() -> None:
    console, out = _console()
    dead = {name: "http://127.0.0.1:9" for name in SERVICES}
    with pytest.raises(typer.Exit) as exit_:
        load_demo(console, dead)
    assert exit_.value.exit_code == 2
    text = out.getvalue()
    assert "not running: dashboard (http://127.0.0.1:9)" in text and "parkctl up" in text
    assert "Traceback" not in text


def test_every_screen_has_something_true_to_show(suite: Any) -> None:
    console, out = _console()
    load_demo(console, _urls(suite))
    assert "duplicate refused (409)" in out.getvalue()
    _headquarters_screens(suite)
    _investment_screens(suite)
    _service_center_screens(suite)
    _industrial_co_screens(suite)
    _dashboard(suite)


def _headquarters_screens(suite: Any) -> None:
    in_force = _get(suite, "headquarters", "/policies/in-force", "hq.official")
    assert {p["kind"] for p in in_force} == KINDS
    catalogue = next(p for p in in_force if p["kind"] == "procedure_catalogue")["terms"]["steps"]
    assert catalogue[0] == {**catalogue[0], "code": "project_approval", "decided_by": "headquarters"}
    assert {p["name"] for p in _get(suite, "headquarters", "/parks", "hq.official")} == {
        "北园 North Park", "南园 South Park"}  # fmt: skip
    parcels = _get(suite, "headquarters", "/parcels", "hq.official")
    assert {p["park_id"] for p in parcels} == {"north", "south"} and len(parcels) == 6
    approvals = _get(suite, "headquarters", "/project-approvals", "hq.official")
    assert sorted(a["status"] for a in approvals) == ["approved", "approved", "pending", "rejected"]
    assert _get(suite, "headquarters", "/supervision-cases", "hq.official")  # a complaint


def _investment_screens(suite: Any) -> None:
    funnel = _get(suite, "investment", "/reports/funnel", "inv.officer")
    assert {s["key"]: s["leads"] > 0 for s in funnel["by_platform"]} == {
        "online": True, "merchant": True, "all_staff": True}  # fmt: skip
    total = funnel["total"]
    assert total["leads"] == len(LEADS) and total["duplicates_prevented"] == 1 and total["lost"] == 1
    assert total["reached"]["signed"] == 4 and total["reached"]["registered"] == 4
    assert total["reached"]["landed"] == 1 and total["rewards_granted"] == 1
    (reward,) = _get(suite, "investment", "/rewards", "inv.officer")
    assert Decimal(reward["amount"]) == Decimal("420000.00")  # 0.5 % of 80 M + 20,000, under the cap
    assert Decimal(reward["paid"]) == Decimal("200000.00")


def _service_center_screens(suite: Any) -> None:
    cases = _get(suite, "service-center", "/cases", "sc.officer")
    where = {(c["status"], c["current_step"], c["green_channel"]) for c in cases}
    assert where == {
        ("commissioned", None, False), ("open", "land_use", True),
        ("open", "project_approval", False), ("stopped", "project_approval", False),
    }  # fmt: skip
    invoices = _get(suite, "service-center", "/invoices", "sc.officer")
    assert {i["phase"] for i in invoices} == {"before_production", "after_production"}
    assert sum(Decimal(i["paid"]) > 0 for i in invoices) == 2
    discounts = {line["fee_code"]: Decimal(line["discount"]) for i in invoices for line in i["lines"]
                 if Decimal(line["discount"])}  # fmt: skip
    assert discounts == {"infrastructure": Decimal("175000.00"), "planning_service": Decimal("20000.00")}


def _industrial_co_screens(suite: Any) -> None:
    (offering,) = _get(suite, "industrial-co", "/offerings", "ic.manager")
    assert offering["status"] == "open" and Decimal(offering["paid_amount"]) == Decimal("7000000.00")
    subs = _get(suite, "industrial-co", f"/offerings/{offering['offering_id']}/subscriptions", "ic.manager")
    assert sorted(s["investor_type"] for s in subs) == ["individual", "institution", "sme"]
    (project,) = _get(suite, "industrial-co", "/infrastructure-projects", "ic.manager")
    assert project["status"] == "tendering"
    tender = _get(
        suite, "industrial-co", f"/infrastructure-projects/{project['project_id']}/bids", "ic.manager"
    )
    assert len(tender["bids"]) == 3 and tender["suggested_bid_id"]


def _dashboard(suite: Any) -> dict[str, Any]:
    summary: dict[str, Any] = _get(suite, "dashboard", "/api/summary")
    inv, svc, adm, mkt = (summary[k] for k in ("investment", "service", "administration", "market"))
    assert inv["leads"] == len(LEADS) and inv["duplicates_prevented"] == 1 and inv["rewards_granted"] == 1
    assert svc["green_channel_open"] == 1 and svc["sealed_cases"] == 1
    assert {p["kind"] for p in adm["policies_in_force"]} == KINDS and len(adm["approvals_waiting"]) == 1
    assert [o["status"] for o in mkt["offerings"]] == ["open"]
    return summary


def _counts(suite: Any) -> tuple[int, ...]:
    return (
        len(_get(suite, "service-center", "/cases", "sc.officer")),
        len(_get(suite, "service-center", "/invoices", "sc.officer")),
        len(_get(suite, "investment", "/leads", "inv.officer")),
        len(_get(suite, "industrial-co", "/offerings", "ic.manager")),
        len(_get(suite, "headquarters", "/supervision-cases", "hq.official")),
        _get(suite, "investment", "/reports/funnel", "inv.officer")["total"]["duplicates_prevented"],
    )


def test_a_second_run_changes_nothing(suite: Any) -> None:
    before = _counts(suite)
    console, out = _console()
    load_demo(console, _urls(suite))
    assert _counts(suite) == before
    assert "duplicate refused (409)" not in out.getvalue() and "awards it" in out.getvalue()


def test_later_the_award_the_milestone_and_the_overdue_step(suite: Any, harness: ModuleType) -> None:
    """The day after the green-channel step's deadline (the demo moves every service's clock
    there): the award and its milestone, and that step's broken promise flagged and supervised
    without anyone asking; HQ's approval, due five working days after its request, is not late."""
    started = suite.clock.today()
    console, out = _console()
    load_demo(console, _urls(suite), zone_clock=suite.clock.path, move_clock=True)
    # Fri 13 Feb: the land-use step's one working day is Sat 14 (调休), flagged from Sun 15
    assert (started, suite.clock.today()) == (date(2026, 2, 13), date(2026, 2, 15))
    assert "to 2026-02-15" in out.getvalue()
    (project,) = _get(suite, "industrial-co", "/infrastructure-projects", "ic.manager")
    assert project["status"] == "awarded" and project["progress_percent"] == 35
    overdue = harness.eventually(
        lambda: _get(suite, "headquarters", "/supervision-cases?cause=overdue", "hq.official"),
        what="the supervision case of the overdue step",
    )
    assert [(s["step_code"], s["enterprise_name"]) for s in overdue] == [
        ("land_use", "苏州芯源集成电路有限公司")
    ]
    summary = harness.eventually(
        lambda: (
            (s := _get(suite, "dashboard", "/api/summary"))["service"]["overdue"]
            and s["market"]["projects"]
            and s
        ),
        what="the dashboard's overdue step",
    )
    assert summary["market"]["projects"][0]["progress"] == 35


def test_whatever_day_the_demo_starts_only_the_green_step_is_late_when_it_shows() -> None:
    """The demo moves to the day after the green-channel step's one-working-day deadline; by
    then HQ's five-working-day approval, requested the same day, is never late: every start day
    of 2025 and 2026 on the State Council's calendar, weekends and holidays included."""
    from park_headquarters.application.calendar import calendar_year
    from park_headquarters.application.official_calendar import official_arrangements
    from park_shared.working_days import WorkingCalendar
    from parkctl.demo import showing_day

    official = official_arrangements()
    calendar = WorkingCalendar(calendar_year(official[y]) for y in (2025, 2026))
    day = date(2025, 1, 1)
    while day.year < 2027:
        shown = showing_day(calendar.due(day, 1).deadline)
        assert calendar.due(day, 1).deadline < shown <= calendar.due(day, 5).deadline, day
        day += timedelta(days=1)
