"""The market-operation panel: offerings against target, infrastructure progress, parcels."""

from __future__ import annotations

from decimal import Decimal

from park_shared.projections.port import Doc, ReadModelStore

from park_dashboard.application.queries.feed import parks
from park_dashboard.application.views import MarketPanel, OfferingView, ProjectView, RequisitionView
from park_dashboard.projections.administration import SUPERVISION
from park_dashboard.projections.base import rank_max
from park_dashboard.projections.law import LAND_PARCELS, REQUISITIONS, settled, total
from park_dashboard.projections.market import OFFERINGS, PARCEL_STATUSES, PARCELS, PROJECTS

__all__ = ["market_panel"]


def _offering(doc: Doc) -> OfferingView:
    target = Decimal(doc["target"]) if doc.get("target") else None
    percent = float(round(Decimal(doc["raised"]) * 100 / target, 1)) if target else None
    return OfferingView(
        offering_id=doc["offering_id"],
        title=doc.get("title"),
        target=doc.get("target"),
        raised=doc["raised"],
        percent=percent,
        status=doc["status"],
        holders=doc.get("holders"),
        closes_on=doc.get("closes_on") or doc.get("closed_on"),
    )


LAND_STATUSES: tuple[str, ...] = ("to_requisition", "requisitioned", *PARCEL_STATUSES)
"""A parcel's life: named by a requisition case, requisitioned, planned, serviced, allocated."""


def _park_of(parcel_id: str, park_ids: list[str]) -> str:
    """A parcel id is `<park>-<code>`: the longest park id it starts with."""
    known = [p for p in park_ids if parcel_id.startswith(f"{p}-")]
    return max(known, key=len) if known else parcel_id.split("-", 1)[0]


def _parcels(docs: list[Doc], land: list[Doc], park_ids: list[str]) -> dict[str, dict[str, int]]:
    """Per park, the parcels in each state: the later of what requisition and planning say."""
    found: dict[str, tuple[str, str]] = {}
    for doc in land:
        park = str(doc.get("park_id") or _park_of(doc["parcel_id"], park_ids))
        found[doc["parcel_id"]] = (park, str(doc["status"]))
    for doc in docs:
        park, before = found.get(doc["parcel_id"], (str(doc.get("park_id")), None))
        found[doc["parcel_id"]] = (park, rank_max(before, doc.get("status") or "planned", LAND_STATUSES))
    by_park: dict[str, dict[str, int]] = {}
    for park, status in found.values():
        by_park.setdefault(park, dict.fromkeys(LAND_STATUSES, 0))[status] += 1
    return dict(sorted(by_park.items()))


def _stage(case: Doc, signed: int, paid: int, issues_open: int) -> str:
    n = len(case["collectives"])
    if case.get("completed_on") or settled(case):
        return "complete"
    if paid == n and issues_open:
        return "issues_open"
    if signed == n:
        return "paying"
    return "signing" if signed else "opened"


def requisition_view(case: Doc, overdue: list[str] | None = None) -> RequisitionView:
    collectives = list(case["collectives"].values())
    signed = [c for c in collectives if c.get("signed_on")]
    paid = [c for c in collectives if c.get("paid_on")]
    issues = list(case["issues"].values())
    issues_open = sum(1 for i in issues if not i.get("closed_on"))
    return RequisitionView(
        case_id=case["case_id"],
        opened_on=case.get("opened_on"),
        stage=_stage(case, len(signed), len(paid), issues_open),
        parcel_ids=list(case["parcel_ids"]),
        collectives=len(collectives),
        households=sum(int(c.get("households") or 0) for c in collectives),
        agreements_signed=len(signed),
        paid=len(paid),
        households_resettled=sum(int(c.get("resettled") or 0) for c in collectives),
        issues_open=issues_open,
        issues_closed=len(issues) - issues_open,
        agreed_amount=total([c["agreed"] for c in signed if c.get("agreed")]),
        paid_amount=total([c["paid"] for c in paid if c.get("paid")]),
        completed_on=case.get("completed_on"),
        time_limits=dict(case.get("time_limits") or {}),
        overdue_stages=sorted(overdue or []),
    )


STAGE_STEP = "requisition-"
"""HQ's supervision of an overdue requisition stage names it as the step `requisition-<stage>`."""


def _overdue_stages(supervision: list[Doc]) -> dict[str, list[str]]:
    """Per requisition case, its stages under an open supervision case."""
    by_case: dict[str, list[str]] = {}
    for doc in supervision:
        step = str(doc.get("step_code") or "")
        if doc.get("closed_on") or not step.startswith(STAGE_STEP) or not doc.get("case_id"):
            continue
        by_case.setdefault(str(doc["case_id"]), []).append(step.removeprefix(STAGE_STEP))
    return by_case


async def market_panel(models: ReadModelStore) -> MarketPanel:
    offerings = [_offering(d) for d in await models.find(OFFERINGS)]
    projects = [
        ProjectView(
            project_id=d["project_id"],
            name=d.get("name"),
            kind=d.get("kind"),
            milestone=d.get("milestone"),
            progress=int(d["progress"]),
            completed_on=d.get("completed_on"),
        )
        for d in await models.find(PROJECTS)
    ]
    land = await models.find(LAND_PARCELS)
    overdue = _overdue_stages(await models.find(SUPERVISION))
    return MarketPanel(
        offerings=sorted(offerings, key=lambda o: (o.status != "open", o.offering_id)),
        projects=sorted(projects, key=lambda p: (p.completed_on is not None, -p.progress, p.project_id)),
        parcels=_parcels(await models.find(PARCELS), land, list(await parks(models))),
        requisitions=sorted(
            (
                requisition_view(c, overdue.get(c["case_id"]))
                for c in await models.find(REQUISITIONS)
                if c.get("opened_on")
            ),
            key=lambda r: (r.stage == "complete", r.opened_on or "", r.case_id),
        ),
    )
