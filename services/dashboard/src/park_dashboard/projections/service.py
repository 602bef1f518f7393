"""Service (服务中心): cases and their steps — accepted with a promised deadline, approved,
returned, rejected, flagged overdue — and green-channel cases."""

from __future__ import annotations

from park_shared.projections.port import Doc
from park_shared.projections.runner import ProjectionView

from park_dashboard.domain.observed import EventObserved
from park_dashboard.domain.readings import service_center as sc
from park_dashboard.projections.base import ObservedProjection

__all__ = ["CASES", "STEPS", "ServiceProjection"]

CASES = "sc_cases"
STEPS = "sc_steps"


class ServiceProjection(ObservedProjection):
    name: str = "dashboard-service"
    collections: tuple[str, ...] = (CASES, STEPS)

    def __init__(self) -> None:
        super().__init__(
            {
                sc.CaseOpened: self._opened,
                sc.CaseSealed: self._sealed,
                sc.EnterpriseCommissioned: self._commissioned,
                sc.StepAccepted: self._accepted,
                sc.StepApproved: self._approved,
                sc.StepReturned: self._returned,
                sc.StepRejected: self._rejected,
                sc.StepOverdue: self._overdue,
            }
        )

    @staticmethod
    async def _case(view: ProjectionView, case_id: str) -> Doc:
        return await view.get(CASES, case_id) or {"case_id": case_id, "sealed_on": None}

    @staticmethod
    async def _step(view: ProjectionView, case_id: str, step_code: str) -> tuple[str, Doc]:
        key = f"{case_id}:{step_code}"
        empty: Doc = {"case_id": case_id, "step_code": step_code, "outcome": "pending", "overdue": False}
        return key, await view.get(STEPS, key) or empty

    async def _opened(self, e: sc.CaseOpened, _: EventObserved, view: ProjectionView) -> None:
        case = await self._case(view, e.case_id)
        fields = {
            "enterprise_name": e.enterprise_name,
            "park_id": e.park_id,
            "green_channel": e.green_channel,
        }
        view.put(CASES, e.case_id, {**case, **fields, "opened_on": e.opened_on.isoformat()})

    async def _sealed(self, e: sc.CaseSealed, _: EventObserved, view: ProjectionView) -> None:
        case = await self._case(view, e.case_id)
        view.put(CASES, e.case_id, {**case, "sealed_on": e.sealed_on.isoformat()})

    async def _commissioned(
        self, e: sc.EnterpriseCommissioned, _: EventObserved, view: ProjectionView
    ) -> None:
        case = await self._case(view, e.case_id)
        view.put(CASES, e.case_id, {**case, "commissioned_on": e.commissioned_on.isoformat()})

    async def _accepted(self, e: sc.StepAccepted, _: EventObserved, view: ProjectionView) -> None:
        key, step = await self._step(view, e.case_id, e.step_code)
        dates = {
            "accepted_on": e.on.isoformat(),
            "deadline": e.deadline.isoformat(),
            "deadline_provisional": e.deadline_provisional,
        }
        outcome = step["outcome"] if step["outcome"] in ("approved", "rejected") else "pending"
        view.put(STEPS, key, {**step, **dates, "outcome": outcome})

    async def _approved(self, e: sc.StepApproved, _: EventObserved, view: ProjectionView) -> None:
        key, step = await self._step(view, e.case_id, e.step_code)
        view.put(STEPS, key, {**step, "outcome": "approved", "decided_on": e.on.isoformat()})

    async def _returned(self, e: sc.StepReturned, _: EventObserved, view: ProjectionView) -> None:
        key, step = await self._step(view, e.case_id, e.step_code)
        if step["outcome"] == "pending":
            view.put(STEPS, key, {**step, "outcome": "returned"})

    async def _rejected(self, e: sc.StepRejected, _: EventObserved, view: ProjectionView) -> None:
        key, step = await self._step(view, e.case_id, e.step_code)
        citation = e.citation.model_dump(mode="json") if e.citation else None
        fields = {"outcome": "rejected", "decided_on": e.on.isoformat(), "citation": citation}
        view.put(STEPS, key, {**step, **fields})

    async def _overdue(self, e: sc.StepOverdue, _: EventObserved, view: ProjectionView) -> None:
        key, step = await self._step(view, e.case_id, e.step_code)
        flagged = {"overdue": True, "step_name": e.step_name, "enterprise_name": e.enterprise_name}
        view.put(STEPS, key, {**step, **flagged, "deadline": step.get("deadline") or e.deadline.isoformat()})
