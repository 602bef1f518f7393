"""The people and shared resources as the units publish them: service-center's vacancies and
talent subsidy applications (a sealed person key, never a name), industrial-co's shared
facilities and their bookings from both parks, investment's related-project proposals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["events"]

Row = tuple[str, str, str, dict[str, Any]]
SC = "service-center"
IC = "industrial-co"
INV = "investment"


def _vacancies(day: Callable[[int], str]) -> list[Row]:
    rows: list[Row] = []
    for vid, park, sector, places in (
        ("vac-1", "north", "new_materials", 5),
        ("vac-2", "north", "logistics", 2),
        ("vac-3", "south", "new_materials", 3),
        ("vac-4", "south", "electronics", 1),
        ("vac-5", "north", "electronics", 4),
    ):
        data = {
            "vacancy_id": vid,
            "enterprise_id": f"ent-{park}",
            "park_id": park,
            "sector": sector,
            "title_zh": "技术员",
            "title_en": "Technician",
            "places": places,
            "pay_min": "6000.00",
            "pay_max": "9000.00",
            "requirements_zh": "大专",
            "requirements_en": "College",
            "posted_on": day(30),
        }
        rows.append((SC, "VacancyPosted.v1", vid, data))
    filled = [("vac-2", 2, 0), ("vac-3", 1, 2)]
    for vid, places, left in filled:
        data = {"vacancy_id": vid, "places": places, "places_left": left, "filled_on": day(10)}
        rows.append((SC, "VacancyFilled.v1", vid, data))
    closed = {"vacancy_id": "vac-4", "places_left": 1, "reason": "withdrawn", "closed_on": day(5)}
    rows.append((SC, "VacancyClosed.v1", "vac-4", closed))
    return rows


def _terms(category: str, one_off: str, monthly: str, months: int) -> dict[str, Any]:
    return {
        "policy_id": "talent",
        "policy_version": 1,
        "category": category,
        "one_off_subsidy": one_off,
        "housing_allowance_monthly": monthly,
        "housing_months": months,
    }


def _talent(day: Callable[[int], str]) -> list[Row]:
    applications = [
        ("app-1", "leading_talent", "north", _terms("leading_talent", "500000.00", "10000.00", 36)),
        ("app-2", "skilled_worker", "south", _terms("skilled_worker", "6000.00", "1000.00", 30)),
        ("app-3", "skilled_worker", "north", _terms("skilled_worker", "6000.00", "1000.00", 30)),
        ("app-4", "high_level_talent", "south", _terms("high_level_talent", "200000.00", "5000.00", 24)),
    ]
    rows: list[Row] = []
    for aid, category, park, terms in applications:
        data = {
            "application_id": aid,
            "person_key": f"sealed-person-{aid}",
            "category": category,
            "enterprise_id": f"ent-{park}",
            "park_id": park,
            "hired_on": day(60),
            "applied_on": day(40),
            "terms": terms,
            "deadline": day(20),
        }
        rows.append((SC, "SubsidyApplied.v1", aid, data))
    for aid, category, park, total in (
        ("app-1", "leading_talent", "north", "860000.00"),
        ("app-2", "skilled_worker", "south", "36000.00"),
    ):
        approved: dict[str, Any] = {
            "application_id": aid,
            "category": category,
            "park_id": park,
            "decided_on": day(25),
            "within_promise": True,
            "instalments": [],
            "total": total,
        }
        rows.append((SC, "ApplicationApproved.v1", aid, approved))
    rejected = {
        "application_id": "app-3",
        "category": "skilled_worker",
        "park_id": "north",
        "reason": "subsidised already under this category",
        "decided_on": day(25),
        "within_promise": True,
    }
    rows.append((SC, "ApplicationRejected.v1", "app-3", rejected))
    for aid, category, park, number, amount, kind in (
        ("app-1", "leading_talent", "north", 1, "500000.00", "one_off"),
        ("app-2", "skilled_worker", "south", 1, "6000.00", "one_off"),
        ("app-2", "skilled_worker", "south", 2, "1000.00", "housing"),
    ):
        paid: dict[str, Any] = {
            "application_id": aid,
            "category": category,
            "park_id": park,
            "number": number,
            "amount": amount,
            "kind": kind,
            "paid_on": day(20),
        }
        rows.append((SC, "InstalmentPaid.v1", aid, paid))
    return rows


def _facility(
    fid: str, kind: str, name: str, capacity: int, weekdays: list[int], hours: tuple[str, str]
) -> Row:
    data = {
        "facility_id": fid,
        "kind": kind,
        "name": name,
        "capacity": capacity,
        "hours": {"weekdays": weekdays, "opens": hours[0], "closes": hours[1]},
        "fee_code": "facility",
        "per_unit_hour": "100.00",
        "registered_on": "2026-01-05",
    }
    return (IC, "FacilityRegistered.v1", fid, data)


def _booking(bid: str, fid: str, park: str, units: int, on: str, hours: tuple[str, str], fee: str) -> Row:
    data = {
        "facility_id": fid,
        "booking_id": bid,
        "enterprise_id": f"ent-{park}",
        "park_id": park,
        "units": units,
        "start": f"{on}T{hours[0]}:00+08:00",
        "end": f"{on}T{hours[1]}:00+08:00",
        "fee_code": "facility",
        "schedule_version": 1,
        "fee": fee,
        "booked_at": f"{on}T08:00:00+08:00",
    }
    return (IC, "FacilityBooked.v1", fid, data)


def _facilities(day: Callable[[int], str]) -> list[Row]:
    cancelled = {
        "facility_id": "lab",
        "booking_id": "bk-3",
        "enterprise_id": "ent-south",
        "cancelled_at": f"{day(4)}T08:00:00+08:00",
        "fee_kept": "200.00",
    }
    return [
        _facility(
            "lab",
            "testing_laboratory",
            "检测实验室 Testing laboratory",
            4,
            [1, 2, 3, 4, 5],
            ("09:00", "17:00"),
        ),
        _facility(
            "hall", "exhibition_hall", "展览馆 Exhibition hall", 1, [1, 2, 3, 4, 5, 6, 7], ("09:00", "18:00")
        ),
        _booking("bk-1", "lab", "north", 2, day(3), ("09:00", "13:00"), "800.00"),
        _booking("bk-2", "lab", "south", 1, day(2), ("10:00", "12:00"), "200.00"),
        _booking("bk-3", "lab", "south", 2, day(1), ("14:00", "15:00"), "400.00"),
        (IC, "BookingCancelled.v1", "lab", cancelled),
        _booking("bk-4", "lab", "north", 1, day(-5), ("09:00", "11:00"), "200.00"),
    ]


def _project(sector: str, relation: str, amount: str, park: str) -> dict[str, Any]:
    return {
        "company_name": f"{sector} partner",
        "credit_code": None,
        "sector": sector,
        "relation": relation,
        "estimated_investment": amount,
        "park_id": park,
    }


def _proposals(day: Callable[[int], str]) -> list[Row]:
    def submitted(pid: str, proposer: str, projects: list[dict[str, Any]]) -> Row:
        data = {
            "proposal_id": pid,
            "proposer_lead_id": proposer,
            "referrer_id": f"ref-{proposer}",
            "projects": projects,
            "submitted_on": day(100),
        }
        return (INV, "ProposalSubmitted.v1", pid, data)

    def opened(pid: str, proposer: str, project: int, lead: str) -> Row:
        data = {"proposal_id": pid, "proposer_lead_id": proposer, "project": project, "lead_id": lead}
        return (INV, "ProjectLeadOpened.v1", pid, data)

    duplicated = {
        "proposal_id": "prop-1",
        "proposer_lead_id": "lead-1",
        "project": 2,
        "existing_lead_id": "lead-12",
    }
    return [
        submitted(
            "prop-1",
            "lead-1",
            [
                _project("集成电路", "upstream", "50000000.00", "north"),
                _project("建材", "downstream", "20000000.00", "south"),
                _project("包装", "complementary", "10000000.00", "south"),
            ],
        ),
        opened("prop-1", "lead-1", 0, "lead-5"),
        opened("prop-1", "lead-1", 1, "lead-8"),
        (INV, "ProjectDuplicated.v1", "prop-1", duplicated),
        submitted("prop-2", "lead-1", [_project("新材料", "upstream", "30000000.00", "north")]),
        opened("prop-2", "lead-1", 0, "lead-2"),
        submitted("prop-3", "lead-3", [_project("装备制造", "downstream", "15000000.00", "south")]),
    ]


def events(day: Callable[[int], str]) -> list[Row]:
    return [*_vacancies(day), *_talent(day), *_facilities(day), *_proposals(day)]
