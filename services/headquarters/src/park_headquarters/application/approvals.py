"""Deciding a project approval, which may allocate a parcel to the approved project."""

from __future__ import annotations

from datetime import date

from park_shared.handler import CommandContext, Outcome

from park_headquarters.application.commands import Commands
from park_headquarters.domain import approval, parcel

__all__ = ["approve", "reject"]


async def approve(
    commands: Commands,
    approval_id: str,
    parcel_id: str | None,
    today: date,
    context: CommandContext,
) -> Outcome[approval.ApprovalState, approval.ApprovalEvent]:
    """Checks the request is pending, allocates the parcel (its own rules: serviced, not
    allocated, same park), then records the approval. Allocation is idempotent for the same
    case, so a retried approval after a lost race completes without a second allocation."""
    stream = approval.stream_id(approval_id)
    state, _ = await commands.approvals.load(stream)
    request = approval.ensure_pending(state)
    if parcel_id is not None:
        allocate = parcel.AllocateParcel(
            parcel_id=parcel_id, park_id=request.park_id, case_id=request.case_id, allocated_on=today
        )
        await commands.parcels.handle(parcel.stream_id(parcel_id), allocate, context=context)
    decision = approval.ApproveProject(allocated_parcel_id=parcel_id, decided_on=today)
    return await commands.approvals.handle(stream, decision, expect="existing", context=context)


async def reject(
    commands: Commands, approval_id: str, reason: str, today: date, context: CommandContext
) -> Outcome[approval.ApprovalState, approval.ApprovalEvent]:
    decision = approval.RejectProject(reason=reason, decided_on=today)
    stream = approval.stream_id(approval_id)
    return await commands.approvals.handle(stream, decision, context=context)
