"""/policies: drafting (officials, head), publication and revocation (head), in-force queries."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query
from park_shared.auth import Principal
from park_shared.errors import NotFound
from park_shared.web.app import ReadModelsDep, RuntimeDep

from park_headquarters.api.deps import AnyHq, CommandsDep, Head, OfficialOrHead, context_of, fresh, one
from park_headquarters.api.policy_schemas import (
    PolicyCreate,
    PolicyInForce,
    PolicyPublic,
    PolicyPublish,
    PolicyRevoke,
    PolicyVersionDraft,
)
from park_headquarters.api.policy_views import in_force_list, in_force_one
from park_headquarters.domain import policy
from park_headquarters.domain.policy_messages import (
    AmendDraft,
    DraftPolicy,
    PolicyCommand,
    PublishPolicy,
    RevokePolicy,
)
from park_headquarters.domain.policy_terms import PolicyKind, calendar_policy_id

__all__ = ["router"]

router = APIRouter(prefix="/policies", tags=["policies"])
OnDate = Annotated[date | None, Query(description="the date asked about; today if absent")]


async def _run(
    runtime: RuntimeDep, commands: CommandsDep, who: Principal, policy_id: str, command: PolicyCommand
) -> dict[str, Any]:
    await commands.policies.handle(
        policy.stream_id(policy_id), command, expect="existing", context=context_of(who)
    )
    return await one(await fresh(runtime), "policies", policy_id, "policy")


def _assigned_id(body: PolicyCreate) -> str:
    """A year's calendar is the policy of its year; any other policy gets a fresh id."""
    year = body.terms.get("year")
    if body.kind == "working_calendar" and isinstance(year, int):
        return calendar_policy_id(year)
    return f"pol-{uuid.uuid4().hex[:12]}"


@router.post("", response_model=PolicyPublic, status_code=201, summary="Draft a new policy")
async def create_policy(
    body: PolicyCreate, who: OfficialOrHead, commands: CommandsDep, runtime: RuntimeDep
) -> dict[str, Any]:
    policy_id = body.policy_id or _assigned_id(body)
    command = DraftPolicy(
        policy_id=policy_id, kind=body.kind, title=body.title, terms=body.terms, drafted_on=runtime.today()
    )
    stream = policy.stream_id(policy_id)
    await commands.policies.handle(stream, command, expect="new", context=context_of(who))
    return await one(await fresh(runtime), "policies", policy_id, "policy")


@router.get("", response_model=list[PolicyPublic], summary="Policies with all their versions")
async def list_policies(
    _: AnyHq, read_models: ReadModelsDep, kind: Annotated[PolicyKind | None, Query()] = None
) -> list[dict[str, Any]]:
    return await read_models.find("policies", {"kind": kind} if kind else None)


@router.get("/in-force", response_model=list[PolicyInForce], summary="In force on a date")
async def policies_in_force(
    _: AnyHq,
    read_models: ReadModelsDep,
    runtime: RuntimeDep,
    on: OnDate = None,
    kind: Annotated[PolicyKind | None, Query()] = None,
) -> list[PolicyInForce]:
    return await in_force_list(read_models, on or runtime.today(), kind)


@router.get("/{policy_id}", response_model=PolicyPublic, summary="One policy")
async def get_policy(policy_id: str, _: AnyHq, read_models: ReadModelsDep) -> dict[str, Any]:
    return await one(read_models, "policies", policy_id, "policy")


@router.get("/{policy_id}/in-force", response_model=PolicyInForce, summary="Its version in force")
async def policy_in_force(
    policy_id: str, _: AnyHq, read_models: ReadModelsDep, runtime: RuntimeDep, on: OnDate = None
) -> PolicyInForce:
    return await in_force_one(read_models, policy_id, on or runtime.today())


@router.post("/{policy_id}/versions", response_model=PolicyPublic, status_code=201)
async def draft_version(
    policy_id: str,
    body: PolicyVersionDraft,
    who: OfficialOrHead,
    commands: CommandsDep,
    runtime: RuntimeDep,
) -> dict[str, Any]:
    """Drafts the next version (its kind is the policy's)."""
    state, _ = await commands.policies.load(policy.stream_id(policy_id))
    if state.kind is None:
        raise NotFound(f"there is no policy {policy_id!r}")
    command = DraftPolicy(
        policy_id=policy_id, kind=state.kind, title=body.title, terms=body.terms, drafted_on=runtime.today()
    )
    return await _run(runtime, commands, who, policy_id, command)


@router.put("/{policy_id}/versions/{version}", response_model=PolicyPublic, summary="Amend a draft")
async def amend_draft(
    policy_id: str,
    version: int,
    body: PolicyVersionDraft,
    who: OfficialOrHead,
    commands: CommandsDep,
    runtime: RuntimeDep,
) -> dict[str, Any]:
    command = AmendDraft(version=version, title=body.title, terms=body.terms)
    return await _run(runtime, commands, who, policy_id, command)


@router.post("/{policy_id}/versions/{version}/publish", response_model=PolicyPublic)
async def publish_version(
    policy_id: str,
    version: int,
    body: PolicyPublish,
    who: Head,
    commands: CommandsDep,
    runtime: RuntimeDep,
) -> dict[str, Any]:
    """Publishes a draft, effective from a date (today or later, not before the version in force)."""
    now = runtime.now()
    command = PublishPolicy(
        version=version, effective_from=body.effective_from, today=now.date(), published_at=now
    )
    return await _run(runtime, commands, who, policy_id, command)


@router.post("/{policy_id}/versions/{version}/revoke", response_model=PolicyPublic)
async def revoke_version(
    policy_id: str,
    version: int,
    body: PolicyRevoke,
    who: Head,
    commands: CommandsDep,
    runtime: RuntimeDep,
) -> dict[str, Any]:
    command = RevokePolicy(version=version, reason=body.reason, today=runtime.today())
    return await _run(runtime, commands, who, policy_id, command)
