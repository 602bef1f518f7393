"""Deciding a project approval, which may allocate a parcel to the approved project: a process
of two steps on two streams (the parcel, then the approval) with a compensating step, so that
no parcel stays allocated to a case whose approval was refused. And the queue as officials see
it: each pending request's working days left on the zone calendar."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from park_shared.errors import Conflict
from park_shared.handler import CommandContext, Outcome
from park_shared.projections.port import Doc

from park_headquarters.application.context import Headquarters
from park_headquarters.domain import approval, parcel

__all__ = ["COLLECTION", "approve", "queue", "reject", "shown"]

COLLECTION = "approvals"


async def approve(
    hq: Headquarters,
    approval_id: str,
    parcel_id: str | None,
    today: date,
    context: CommandContext,
) -> Outcome[approval.ApprovalState, approval.ApprovalEvent]:
    """Checks the request is pending, allocates the parcel (its own rules: serviced, not
    allocated, same park), then records the approval. Allocation is idempotent for the same
    case, so a retried approval after a lost race completes without a second allocation. When
    the approval is then refused (decided meanwhile: rejected, or approved with another parcel
    or none), the parcel this call allocated is released before the refusal is answered."""
    state, _ = await hq.approvals.load(approval_id)
    request = approval.ensure_pending(state)
    allocated = False
    if parcel_id is not None:
        allocate = parcel.AllocateParcel(
            parcel_id=parcel_id, park_id=request.park_id, case_id=request.case_id, allocated_on=today
        )
        outcome = await hq.parcels.handle(parcel_id, allocate, context=context)
        allocated = bool(outcome.events)
    decision = approval.ApproveProject(allocated_parcel_id=parcel_id, decided_on=today)
    try:
        return await hq.approvals.handle(approval_id, decision, context=context)
    except Conflict:
        if parcel_id is not None and allocated:
            decided, _ = await hq.approvals.load(approval_id)
            if not (decided.status == "approved" and decided.allocated_parcel_id == parcel_id):
                reason = "the approval was decided meanwhile"
                await _release(hq, [parcel_id], request.case_id, reason, today, context)
        raise


async def reject(
    hq: Headquarters, approval_id: str, reason: str, today: date, context: CommandContext
) -> Outcome[approval.ApprovalState, approval.ApprovalEvent]:
    """Records the rejection, then releases the parcels still allocated to the case (an
    approval that allocated one and stopped before it was recorded)."""
    request = await hq.found(COLLECTION, approval_id, f"there is no approval request {approval_id!r}")
    held = await hq.runtime.read_models.find(
        "parcels", {"case_id": request["case_id"], "status": "allocated"}
    )
    decision = approval.RejectProject(reason=reason, decided_on=today)
    outcome = await hq.approvals.handle(approval_id, decision, context=context)
    if outcome.state.request is not None:
        allocated = [p["parcel_id"] for p in held]
        case_id = outcome.state.request.case_id
        await _release(hq, allocated, case_id, "the approval was rejected", today, context)
    return outcome


async def _release(
    hq: Headquarters,
    parcel_ids: Sequence[str],
    case_id: str,
    reason: str,
    today: date,
    context: CommandContext,
) -> None:
    for parcel_id in parcel_ids:
        release = parcel.ReleaseParcel(parcel_id=parcel_id, case_id=case_id, reason=reason, released_on=today)
        await hq.parcels.handle(parcel_id, release, context=context)


async def shown(hq: Headquarters, docs: list[Doc]) -> list[Doc]:
    """The requests as the queue shows them: a pending one with its working days left to the
    deadline on the zone calendar (negative when overdue), a decided one with none."""
    today = hq.today()
    calendar = await hq.calendar(today)
    views = []
    for doc in docs:
        left = None
        if doc["status"] == "pending":
            left = calendar.working_days_between(today, date.fromisoformat(doc["deadline"]))
        # a request stored before requests carried `deadline_provisional` was not provisional
        views.append({"deadline_provisional": False, **doc, "working_days_left": left})
    return views


async def queue(hq: Headquarters, status: str | None) -> list[Doc]:
    """The approval queue (of one status), soonest deadline first."""
    docs = await (await hq.read_models()).find(COLLECTION, {"status": status} if status else None)
    return sorted(await shown(hq, docs), key=lambda d: (d["deadline"], d["case_id"]))
