"""Law and land (行政总部): the management regulations as published, version by version, and
repealed; the land requisition cases (土地征用、政策处理) — agreements signed and compensation paid
per collective, resettlement noted, policy-handling issues raised and closed, the time limit
promised for each stage — and the land: a case's parcels to be requisitioned while it is open,
requisitioned once it is settled (HQ's RequisitionCompleted and ParcelRequisitioned say so too),
and land HQ records as held with its title (ParcelRequisitioned without a case)."""

from __future__ import annotations

from decimal import Decimal

from park_shared.projections.port import Doc
from park_shared.projections.runner import ProjectionView

from park_dashboard.domain.observed import EventObserved
from park_dashboard.domain.readings import headquarters as hq
from park_dashboard.projections.base import ObservedProjection, money, rank_max

__all__ = ["LAND_PARCELS", "LAND_STAGES", "REGULATIONS", "REQUISITIONS", "LawProjection", "settled"]

REGULATIONS = "law_regulations"
REQUISITIONS = "land_requisitions"
LAND_PARCELS = "land_parcels"
LAND_STAGES: tuple[str, ...] = ("to_requisition", "requisitioned")
"""A parcel's state before planning: named by an open case, then held by the zone."""


def settled(case: Doc) -> bool:
    """HQ's rule: every collective signed and paid, and no policy-handling issue open."""
    collectives = case.get("collectives") or {}
    issues = case.get("issues") or {}
    return (
        bool(collectives)
        and all(c.get("paid_on") for c in collectives.values())
        and not any(i.get("closed_on") is None for i in issues.values())
    )


class LawProjection(ObservedProjection):
    name: str = "dashboard-law"
    collections: tuple[str, ...] = (REGULATIONS, REQUISITIONS, LAND_PARCELS)

    def __init__(self) -> None:
        super().__init__(
            {
                hq.RegulationPublished: self._published,
                hq.RegulationRepealed: self._repealed,
                hq.RequisitionOpened: self._opened,
                hq.AgreementSigned: self._signed,
                hq.CompensationPaid: self._paid,
                hq.ResettlementNoted: self._resettled,
                hq.IssueRaised: self._issue_raised,
                hq.IssueClosed: self._issue_closed,
                hq.RequisitionCompleted: self._completed,
                hq.ParcelRequisitioned: self._parcel_requisitioned,
            }
        )

    # -- regulations -------------------------------------------------------------------------
    @staticmethod
    async def _regulation(view: ProjectionView, regulation_id: str) -> Doc:
        empty: Doc = {"regulation_id": regulation_id, "versions": {}, "repealed_on": None}
        return await view.get(REGULATIONS, regulation_id) or empty

    async def _published(self, e: hq.RegulationPublished, _: EventObserved, view: ProjectionView) -> None:
        doc = await self._regulation(view, e.regulation_id)
        version = {
            "version": e.version,
            "title_zh": e.title_zh,
            "title_en": e.title_en,
            "effective_from": e.effective_from.isoformat(),
            "articles": sorted(a.number for a in e.articles),
        }
        versions = {**doc["versions"], str(e.version): version}
        view.put(REGULATIONS, e.regulation_id, {**doc, "kind": e.kind, "versions": versions})

    async def _repealed(self, e: hq.RegulationRepealed, _: EventObserved, view: ProjectionView) -> None:
        doc = await self._regulation(view, e.regulation_id)
        view.put(REGULATIONS, e.regulation_id, {**doc, "repealed_on": e.repealed_on.isoformat()})

    # -- land requisition ----------------------------------------------------------------------
    @staticmethod
    async def _case(view: ProjectionView, case_id: str) -> Doc:
        empty: Doc = {"case_id": case_id, "parcel_ids": [], "collectives": {}, "issues": {}}
        return await view.get(REQUISITIONS, case_id) or empty

    async def _save(self, view: ProjectionView, case: Doc) -> None:
        """The case, and its parcels' state: requisitioned once settled (or once HQ says it
        completed), else to be requisitioned; a parcel never goes back (events of different
        aggregates may come in any order)."""
        done = bool(case.get("completed_by_hq")) or (settled(case) and bool(case.get("opened_on")))
        completed_on = case.get("completed_on")
        if done and not completed_on:
            completed_on = max(
                [str(c.get("paid_on")) for c in case["collectives"].values()]
                + [str(i.get("closed_on")) for i in case["issues"].values()]
            )
        case = {**case, "completed_on": completed_on if done else None}
        view.put(REQUISITIONS, case["case_id"], case)
        for parcel_id in case["parcel_ids"]:
            before = await view.get(LAND_PARCELS, parcel_id) or {"parcel_id": parcel_id}
            now = "requisitioned" if done else "to_requisition"
            status = rank_max(before.get("status"), now, LAND_STAGES)
            view.put(LAND_PARCELS, parcel_id, {**before, "case_id": case["case_id"], "status": status})

    @staticmethod
    def _collective(case: Doc, collective_id: str) -> Doc:
        return dict(case["collectives"].get(collective_id) or {"collective_id": collective_id})

    async def _opened(self, e: hq.RequisitionOpened, _: EventObserved, view: ProjectionView) -> None:
        case = await self._case(view, e.case_id)
        collectives = {
            c.collective_id: {**self._collective(case, c.collective_id), "households": c.households}
            for c in e.collectives
        }
        fields = {
            "parcel_ids": list(e.parcel_ids),
            "opened_on": e.opened_on.isoformat(),
            "time_limits": dict(e.time_limits or {}),
        }
        await self._save(view, {**case, **fields, "collectives": collectives})

    async def _update_collective(
        self, view: ProjectionView, case_id: str, collective_id: str, **fields: object
    ) -> None:
        case = await self._case(view, case_id)
        collective = {**self._collective(case, collective_id), **fields}
        await self._save(view, {**case, "collectives": {**case["collectives"], collective_id: collective}})

    async def _signed(self, e: hq.AgreementSigned, _: EventObserved, view: ProjectionView) -> None:
        await self._update_collective(
            view, e.case_id, e.collective_id, agreed=money(e.amount), signed_on=e.signed_on.isoformat()
        )

    async def _paid(self, e: hq.CompensationPaid, _: EventObserved, view: ProjectionView) -> None:
        await self._update_collective(
            view, e.case_id, e.collective_id, paid=money(e.amount), paid_on=e.paid_on.isoformat()
        )

    async def _resettled(self, e: hq.ResettlementNoted, _: EventObserved, view: ProjectionView) -> None:
        await self._update_collective(
            view,
            e.case_id,
            e.collective_id,
            resettled=e.households_resettled,
            resettled_on=e.noted_on.isoformat(),
        )

    async def _issue_raised(self, e: hq.IssueRaised, _: EventObserved, view: ProjectionView) -> None:
        case = await self._case(view, e.case_id)
        issue = {
            **(case["issues"].get(e.issue_id) or {"closed_on": None}),
            "raised_on": e.raised_on.isoformat(),
        }
        await self._save(view, {**case, "issues": {**case["issues"], e.issue_id: issue}})

    async def _issue_closed(self, e: hq.IssueClosed, _: EventObserved, view: ProjectionView) -> None:
        case = await self._case(view, e.case_id)
        issue = {**(case["issues"].get(e.issue_id) or {}), "closed_on": e.closed_on.isoformat()}
        await self._save(view, {**case, "issues": {**case["issues"], e.issue_id: issue}})

    async def _completed(self, e: hq.RequisitionCompleted, _: EventObserved, view: ProjectionView) -> None:
        case = await self._case(view, e.case_id)
        fields = {"completed_by_hq": True, "completed_on": e.completed_on.isoformat()}
        await self._save(view, {**case, "parcel_ids": case["parcel_ids"] or list(e.parcel_ids), **fields})

    async def _parcel_requisitioned(
        self, e: hq.ParcelRequisitioned, _: EventObserved, view: ProjectionView
    ) -> None:
        before = await view.get(LAND_PARCELS, e.parcel_id) or {"parcel_id": e.parcel_id}
        fields = {
            "park_id": e.park_id,
            "case_id": e.case_id or before.get("case_id"),
            "title_reference": e.title_reference,
            "requisitioned_on": e.requisitioned_on.isoformat(),
        }
        view.put(LAND_PARCELS, e.parcel_id, {**before, **fields, "status": "requisitioned"})


def total(amounts: list[str]) -> str:
    return money(sum((Decimal(a) for a in amounts), Decimal("0")))
