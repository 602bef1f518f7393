"""Administration (行政总部): parks, every policy version with its dates, approvals requested
and decided, supervision cases."""

from __future__ import annotations

from park_shared.projections.port import Doc
from park_shared.projections.runner import ProjectionView

from park_dashboard.domain.observed import EventObserved
from park_dashboard.domain.readings import headquarters as hq
from park_dashboard.domain.readings import service_center as sc
from park_dashboard.projections.base import Handler, ObservedProjection

__all__ = ["APPROVALS", "PARKS", "POLICIES", "SUPERVISION", "AdministrationProjection"]

PARKS = "adm_parks"
POLICIES = "adm_policies"
APPROVALS = "adm_approvals"
SUPERVISION = "adm_supervision"


class AdministrationProjection(ObservedProjection):
    name: str = "dashboard-administration"
    collections: tuple[str, ...] = (PARKS, POLICIES, APPROVALS, SUPERVISION)

    def __init__(self) -> None:
        super().__init__(
            {
                hq.ParkRegistered: self._park,
                hq.PolicyPublished: self._published,
                hq.PolicySuperseded: self._superseded,
                hq.PolicyRevoked: self._revoked,
                sc.ApprovalRequested: self._requested,
                hq.ProjectApproved: self._decided("approved"),
                hq.ProjectRejected: self._decided("rejected"),
                hq.SupervisionCaseOpened: self._supervision_opened,
                hq.SupervisionCaseClosed: self._supervision_closed,
            }
        )

    async def _park(self, e: hq.ParkRegistered, _: EventObserved, view: ProjectionView) -> None:
        view.put(PARKS, e.park_id, {"park_id": e.park_id, "name": e.name})

    @staticmethod
    async def _policy(view: ProjectionView, policy_id: str, version: int) -> tuple[str, Doc]:
        key = f"{policy_id}:v{version:04d}"
        return key, await view.get(POLICIES, key) or {"policy_id": policy_id, "version": version}

    async def _published(self, e: hq.PolicyPublished, o: EventObserved, view: ProjectionView) -> None:
        key, doc = await self._policy(view, e.policy_id, e.version)
        fields = {"kind": e.kind, "title": e.title, "effective_from": e.effective_from.isoformat()}
        view.put(POLICIES, key, {**doc, **fields, "terms": o.data.get("terms", {})})

    async def _superseded(self, e: hq.PolicySuperseded, _: EventObserved, view: ProjectionView) -> None:
        key, doc = await self._policy(view, e.policy_id, e.version)
        view.put(POLICIES, key, {**doc, "effective_until": e.effective_until.isoformat()})

    async def _revoked(self, e: hq.PolicyRevoked, _: EventObserved, view: ProjectionView) -> None:
        key, doc = await self._policy(view, e.policy_id, e.version)
        view.put(POLICIES, key, {**doc, "revoked_on": e.revoked_on.isoformat()})

    async def _requested(self, e: sc.ApprovalRequested, _: EventObserved, view: ProjectionView) -> None:
        doc = await view.get(APPROVALS, e.case_id) or {"case_id": e.case_id, "outcome": None}
        fields = {
            "enterprise_name": e.enterprise_name,
            "park_id": e.park_id,
            "working_days": e.working_days,
            "deadline": e.deadline and e.deadline.isoformat(),
            "deadline_provisional": e.deadline_provisional,
        }
        view.put(APPROVALS, e.case_id, {**doc, **fields, "requested_on": e.requested_on.isoformat()})

    def _decided(self, outcome: str) -> Handler:
        async def decided(
            e: hq.ProjectApproved | hq.ProjectRejected, _: EventObserved, view: ProjectionView
        ) -> None:
            doc = await view.get(APPROVALS, e.case_id) or {"case_id": e.case_id}
            view.put(
                APPROVALS, e.case_id, {**doc, "outcome": outcome, "decided_on": e.decided_on.isoformat()}
            )

        return decided

    async def _supervision_opened(
        self, e: hq.SupervisionCaseOpened, _: EventObserved, view: ProjectionView
    ) -> None:
        doc = await view.get(SUPERVISION, e.supervision_id) or {"closed_on": None}
        fields = e.model_dump(
            mode="json", include={"supervision_id", "cause", "unit", "case_id", "step_code"}
        )
        view.put(SUPERVISION, e.supervision_id, {**doc, **fields, "opened_on": e.opened_on.isoformat()})

    async def _supervision_closed(
        self, e: hq.SupervisionCaseClosed, _: EventObserved, view: ProjectionView
    ) -> None:
        doc = await view.get(SUPERVISION, e.supervision_id) or {"supervision_id": e.supervision_id}
        view.put(SUPERVISION, e.supervision_id, {**doc, "closed_on": e.closed_on.isoformat()})
