"""The market-operation panel: offerings against target, infrastructure progress, parcels."""

from __future__ import annotations

from decimal import Decimal

from park_shared.projections.port import Doc, ReadModelStore

from park_dashboard.application.views import MarketPanel, OfferingView, ProjectView
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


def _parcels(docs: list[Doc]) -> dict[str, dict[str, int]]:
    by_park: dict[str, dict[str, int]] = {}
    for doc in docs:
        counts = by_park.setdefault(str(doc.get("park_id")), dict.fromkeys(PARCEL_STATUSES, 0))
        counts[doc.get("status") or "planned"] += 1
    return dict(sorted(by_park.items()))


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
    return MarketPanel(
        offerings=sorted(offerings, key=lambda o: (o.status != "open", o.offering_id)),
        projects=sorted(projects, key=lambda p: (p.completed_on is not None, -p.progress, p.project_id)),
        parcels=_parcels(await models.find(PARCELS)),
    )
