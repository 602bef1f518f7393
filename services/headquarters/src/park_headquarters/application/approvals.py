"""Deciding a project approval, which may allocate a parcel to the approved project: a process
of two steps on two streams (the parcel, then the approval) with a compensating step, so that
no parcel stays allocated to a case whose approval was refused."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from park_shared.errors import Conflict
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
    case, so a retried approval after a lost race completes without a second allocation. When
    the approval is then refused (decided meanwhile: rejected, or approved with another parcel
    or none), the parcel this call allocated is released before the refusal is answered."""
    stream = approval.stream_id(approval_id)
    state, _ = await commands.approvals.load(stream)
    request = approval.ensure_pending(state)
    allocated = False
    if parcel_id is not None:
        allocate = parcel.AllocateParcel(
            parcel_id=parcel_id, park_id=request.park_id, case_id=request.case_id, allocated_on=today
        )
        outcome = await commands.parcels.handle(parcel.stream_id(parcel_id), allocate, context=context)
        allocated = bool(outcome.events)
    decision = approval.ApproveProject(allocated_parcel_id=parcel_id, decided_on=today)
    try:
        return await commands.approvals.handle(stream, decision, expect="existing", context=context)
    except Conflict:
        if parcel_id is not None and allocated:
            decided, _ = await commands.approvals.load(stream)
            if not (decided.status == "approved" and decided.allocated_parcel_id == parcel_id):
                await _release(
                    commands,
                    [parcel_id],
                    request.case_id,
                    "the approval was decided meanwhile",
                    today,
                    context,
                )
        raise


async def reject(
    commands: Commands,
    approval_id: str,
    reason: str,
    today: date,
    context: CommandContext,
    allocated_to_case: Sequence[str] = (),
) -> Outcome[approval.ApprovalState, approval.ApprovalEvent]:
    """Records the rejection, then releases the parcels still allocated to the case
    (`allocated_to_case`: an approval that allocated one and stopped before it was recorded)."""
    decision = approval.RejectProject(reason=reason, decided_on=today)
    stream = approval.stream_id(approval_id)
    outcome = await commands.approvals.handle(stream, decision, context=context)
    request = outcome.state.request
    if request is not None:
        await _release(
            commands, allocated_to_case, request.case_id, "the approval was rejected", today, context
        )
    return outcome


async def _release(
    commands: Commands,
    parcel_ids: Sequence[str],
    case_id: str,
    reason: str,
    today: date,
    context: CommandContext,
) -> None:
    for parcel_id in parcel_ids:
        release = parcel.ReleaseParcel(parcel_id=parcel_id, case_id=case_id, reason=reason, released_on=today)
        await commands.parcels.handle(parcel.stream_id(parcel_id), release, context=context)
