"""The people and shared resources panel: open vacancies by park and sector, talent subsidies by
category and park (no names), the shared facilities' use per facility and per park, and the
related projects each landed enterprise proposed and what became of them."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from decimal import Decimal

from park_shared.projections.port import Doc, ReadModelStore

from park_dashboard.application.views import (
    FacilityUse,
    ParkUse,
    ProposerConversion,
    ResourcesPanel,
    TalentRow,
    TalentStats,
    VacancyStats,
)
from park_dashboard.projections.investment import LEADS, STAGES
from park_dashboard.projections.law import total
from park_dashboard.projections.resources import (
    BOOKINGS,
    FACILITIES,
    LEAD_NAMES,
    PROPOSALS,
    TALENT,
    VACANCIES,
)

__all__ = ["UTILISATION_DAYS", "resources_panel"]

UTILISATION_DAYS = 28
"""Utilisation is measured over the four weeks up to today."""


def _vacancies(docs: list[Doc]) -> VacancyStats:
    open_ = [d for d in docs if d.get("status") == "open" and d.get("park_id")]
    by_park_and_sector: dict[str, dict[str, int]] = {}
    for d in open_:
        row = by_park_and_sector.setdefault(str(d["park_id"]), {})
        row[str(d["sector"])] = row.get(str(d["sector"]), 0) + 1
    return VacancyStats(
        open=len(open_),
        places_open=sum(int(d.get("places_left") or 0) for d in open_),
        filled=sum(1 for d in docs if d.get("status") == "filled"),
        closed=sum(1 for d in docs if d.get("status") == "closed"),
        by_park=dict(sorted(Counter(str(d["park_id"]) for d in open_).items())),
        by_sector=dict(sorted(Counter(str(d["sector"]) for d in open_).items())),
        by_park_and_sector={k: dict(sorted(v.items())) for k, v in sorted(by_park_and_sector.items())},
    )


def _talent_row(key: str, docs: list[Doc]) -> TalentRow:
    approved = [d for d in docs if d.get("status") == "approved"]
    return TalentRow(
        key=key,
        applications=len(docs),
        pending=sum(1 for d in docs if d.get("status") == "pending"),
        approved=len(approved),
        rejected=sum(1 for d in docs if d.get("status") == "rejected"),
        granted=total([d["granted"] for d in approved if d.get("granted")]),
        paid=total([a for d in docs for a in (d.get("paid") or {}).values()]),
    )


def _grouped(docs: list[Doc], field: str) -> list[TalentRow]:
    keys = sorted({str(d[field]) for d in docs if d.get(field)})
    return [_talent_row(k, [d for d in docs if d.get(field) == k]) for k in keys]


def _talent(docs: list[Doc]) -> TalentStats:
    docs = [d for d in docs if d.get("category")]
    whole = _talent_row("", docs)
    return TalentStats(
        applications=whole.applications,
        approved=whole.approved,
        granted=whole.granted,
        paid=whole.paid,
        by_category=_grouped(docs, "category"),
        by_park=_grouped(docs, "park_id"),
    )


def _unit_hours(booking: Doc) -> float:
    hours = (datetime.fromisoformat(booking["end"]) - datetime.fromisoformat(booking["start"])) / timedelta(
        hours=1
    )
    return float(hours) * int(booking.get("units") or 0)


def _charged(booking: Doc) -> Decimal:
    """What the booking brought in: its fee, or what a late cancellation kept."""
    return Decimal(booking.get("fee_kept") or "0") if booking.get("cancelled") else Decimal(booking["fee"])


def _park_use(bookings: list[Doc]) -> list[ParkUse]:
    parks = sorted({str(b["park_id"]) for b in bookings if b.get("park_id")})
    return [
        ParkUse(
            park_id=p,
            bookings=sum(1 for b in mine if not b.get("cancelled")),
            unit_hours=round(sum(_unit_hours(b) for b in mine if not b.get("cancelled")), 2),
            fees=total([str(_charged(b)) for b in mine]),
        )
        for p in parks
        for mine in [[b for b in bookings if b.get("park_id") == p]]
    ]


def _open_unit_hours(facility: Doc, days: list[date]) -> float:
    hours = facility.get("hours") or {}
    if not hours:
        return 0.0
    opens, closes = (datetime.strptime(hours[k][:8], "%H:%M:%S") for k in ("opens", "closes"))
    per_day = (closes - opens) / timedelta(hours=1)
    weekdays = set(hours.get("weekdays") or ())
    return (
        float(per_day)
        * int(facility.get("capacity") or 0)
        * sum(1 for d in days if d.isoweekday() in weekdays)
    )


def _facility(facility: Doc, bookings: list[Doc], today: date) -> FacilityUse:
    kept = [b for b in bookings if not b.get("cancelled")]
    window = [today - timedelta(days=n) for n in range(UTILISATION_DAYS)]
    start = window[-1]
    recent = [b for b in kept if start <= datetime.fromisoformat(b["start"]).date() <= today]
    open_hours = _open_unit_hours(facility, window)
    return FacilityUse(
        facility_id=facility["facility_id"],
        name=facility.get("name"),
        kind=facility.get("kind"),
        capacity=facility.get("capacity"),
        bookings=len(kept),
        cancelled=len(bookings) - len(kept),
        unit_hours=round(sum(_unit_hours(b) for b in kept), 2),
        fees=total([str(_charged(b)) for b in bookings]),
        utilisation=round(sum(_unit_hours(b) for b in recent) / open_hours, 4) if open_hours else None,
        by_park=_park_use(bookings),
    )


def _proposers(
    proposals: list[Doc], leads: dict[str, Doc], names: dict[str, str]
) -> list[ProposerConversion]:
    def reached(lead_id: str, stage: str) -> bool:
        return int((leads.get(lead_id) or {}).get("reached", 0)) >= STAGES.index(stage)

    rows = []
    for proposer in sorted({str(p["proposer_lead_id"]) for p in proposals}):
        mine = [p for p in proposals if p["proposer_lead_id"] == proposer]
        projects = [project for p in mine for project in p.get("projects") or []]
        opened = [lead for p in mine for lead in (p.get("leads") or {}).values()]
        signed = sum(1 for lead in opened if reached(lead, "signed"))
        rows.append(
            ProposerConversion(
                proposer_lead_id=proposer,
                name=names.get(proposer),
                proposals=len(mine),
                projects=len(projects),
                estimated_investment=total([str(p["estimated_investment"]) for p in projects]),
                leads=len(opened),
                duplicates=sum(len(p.get("duplicates") or {}) for p in mine),
                signed=signed,
                landed=sum(1 for lead in opened if reached(lead, "landed")),
                conversion=round(signed / len(projects), 4) if projects else None,
            )
        )
    return rows


async def resources_panel(models: ReadModelStore, today: date) -> ResourcesPanel:
    bookings = [b for b in await models.find(BOOKINGS) if b.get("start")]
    facilities = sorted(await models.find(FACILITIES), key=lambda f: str(f["facility_id"]))
    leads = {d["lead_id"]: d for d in await models.find(LEADS)}
    names = {d["lead_id"]: str(d["name"]) for d in await models.find(LEAD_NAMES)}
    return ResourcesPanel(
        vacancies=_vacancies(await models.find(VACANCIES)),
        talent=_talent(await models.find(TALENT)),
        facilities=[
            _facility(f, [b for b in bookings if b.get("facility_id") == f["facility_id"]], today)
            for f in facilities
        ],
        facility_parks=_park_use(bookings),
        proposals=_proposers(await models.find(PROPOSALS), leads, names),
    )
