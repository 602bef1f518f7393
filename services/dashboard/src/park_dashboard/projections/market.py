"""Market operation (实业总公司): offerings against target, infrastructure projects and their
progress, and the parcels (from headquarters) planned → serviced → allocated."""

from __future__ import annotations

from decimal import Decimal

from park_shared.projections.port import Doc
from park_shared.projections.runner import ProjectionView

from park_dashboard.domain.observed import EventObserved
from park_dashboard.domain.readings import headquarters as hq
from park_dashboard.domain.readings import industrial_co as ic
from park_dashboard.projections.base import Handler, ObservedProjection, money, rank_max

__all__ = ["OFFERINGS", "PARCELS", "PARCEL_STATUSES", "PROJECTS", "MarketProjection"]

OFFERINGS = "mk_offerings"
PROJECTS = "mk_projects"
PARCELS = "mk_parcels"
PARCEL_STATUSES: tuple[str, ...] = ("planned", "serviced", "allocated")


class MarketProjection(ObservedProjection):
    name: str = "dashboard-market"
    collections: tuple[str, ...] = (OFFERINGS, PROJECTS, PARCELS)

    def __init__(self) -> None:
        super().__init__(
            {
                ic.OfferingOpened: self._opened,
                ic.SubscriptionPaid: self._paid,
                ic.OfferingClosed: self._closed,
                ic.ProjectPlanned: self._planned,
                ic.ProjectMilestoneReached: self._milestone,
                ic.InfrastructureCompleted: self._completed,
                hq.ParcelRegistered: self._parcel_registered,
                hq.ParcelServiced: self._parcel("serviced"),
                hq.ParcelAllocated: self._parcel("allocated"),
            }
        )

    @staticmethod
    async def _offering(view: ProjectionView, offering_id: str) -> Doc:
        empty: Doc = {"offering_id": offering_id, "status": "open", "paid": {}, "raised": "0.00"}
        return await view.get(OFFERINGS, offering_id) or empty

    async def _opened(self, e: ic.OfferingOpened, _: EventObserved, view: ProjectionView) -> None:
        doc = await self._offering(view, e.offering_id)
        fields = {"title": e.title, "target": money(e.target_amount), "closes_on": e.closes_on.isoformat()}
        view.put(OFFERINGS, e.offering_id, {**doc, **fields})

    async def _paid(self, e: ic.SubscriptionPaid, _: EventObserved, view: ProjectionView) -> None:
        doc = await self._offering(view, e.offering_id)
        paid = {**doc["paid"], e.subscription_id: money(e.amount)}
        raised = doc["raised"] if doc["status"] == "closed" else money(sum(map(Decimal, paid.values())))
        view.put(OFFERINGS, e.offering_id, {**doc, "paid": paid, "raised": raised})

    async def _closed(self, e: ic.OfferingClosed, _: EventObserved, view: ProjectionView) -> None:
        doc = await self._offering(view, e.offering_id)
        fields = {"title": e.title, "target": money(e.target_amount), "raised": money(e.raised_amount)}
        closing = {"status": "closed", "holders": e.holders, "closed_on": e.closed_on.isoformat()}
        view.put(OFFERINGS, e.offering_id, {**doc, **fields, **closing})

    @staticmethod
    async def _project(view: ProjectionView, project_id: str) -> Doc:
        empty: Doc = {"project_id": project_id, "kind": None, "progress": 0, "completed_on": None}
        return await view.get(PROJECTS, project_id) or empty

    async def _planned(self, e: ic.ProjectPlanned, _: EventObserved, view: ProjectionView) -> None:
        doc = await self._project(view, e.project_id)
        view.put(PROJECTS, e.project_id, {**doc, "name": e.name, "kind": doc.get("kind") or e.kind})

    async def _milestone(self, e: ic.ProjectMilestoneReached, _: EventObserved, view: ProjectionView) -> None:
        doc = await self._project(view, e.project_id)
        progress = max(int(doc["progress"]), e.progress_percent)
        fields = {"milestone": e.milestone, "milestone_on": e.on.isoformat(), "progress": progress}
        view.put(PROJECTS, e.project_id, {**doc, **fields})

    async def _completed(self, e: ic.InfrastructureCompleted, _: EventObserved, view: ProjectionView) -> None:
        doc = await self._project(view, e.project_id)
        fields = {"kind": e.kind, "parcel_ids": e.parcel_ids, "completed_on": e.completed_on.isoformat()}
        view.put(PROJECTS, e.project_id, {**doc, **fields, "progress": 100})

    async def _parcel_registered(
        self, e: hq.ParcelRegistered, _: EventObserved, view: ProjectionView
    ) -> None:
        doc = await view.get(PARCELS, e.parcel_id) or {"status": "planned"}
        fields = {"parcel_id": e.parcel_id, "park_id": e.park_id, "planned_use": e.planned_use}
        view.put(PARCELS, e.parcel_id, {**doc, **fields, "area_m2": e.area_m2})

    def _parcel(self, status: str) -> Handler:
        async def moved(
            e: hq.ParcelServiced | hq.ParcelAllocated, _: EventObserved, view: ProjectionView
        ) -> None:
            doc = await view.get(PARCELS, e.parcel_id) or {"parcel_id": e.parcel_id, "park_id": e.park_id}
            new = rank_max(doc.get("status"), status, PARCEL_STATUSES)
            view.put(PARCELS, e.parcel_id, {**doc, "status": new})

        return moved
