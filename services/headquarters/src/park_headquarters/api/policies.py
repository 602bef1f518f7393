"""/policies: drafting (officials, head), publication and revocation (head), in-force queries."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from park_shared.auth import Principal

from park_headquarters.api.deps import AnyHq, Head, HeadquartersDep, OfficialOrHead, OnDate
from park_headquarters.api.policy_schemas import (
    PolicyCreate,
    PolicyInForce,
    PolicyPublic,
    PolicyPublish,
    PolicyRevoke,
    PolicyVersionDraft,
)
from park_headquarters.api.policy_views import in_force_list, in_force_one
from park_headquarters.application.context import Headquarters
from park_headquarters.domain.policy_messages import (
    AmendDraft,
    DraftPolicy,
    DraftVersion,
    PolicyCommand,
    PublishPolicy,
    RevokePolicy,
)
from park_headquarters.domain.policy_terms import PolicyKind

__all__ = ["router"]

router = APIRouter(prefix="/policies", tags=["policies"])
COLLECTION = "policies"


async def _run(hq: Headquarters, policy_id: str, command: PolicyCommand, who: Principal) -> PolicyPublic:
    doc = await hq.run_then_read(hq.policies, policy_id, command, who.context(), collection=COLLECTION)
    return PolicyPublic.model_validate(doc)


@router.post("", status_code=201, summary="Draft a new policy")
async def create_policy(body: PolicyCreate, who: OfficialOrHead, hq: HeadquartersDep) -> PolicyPublic:
    policy_id = body.policy_id or hq.new_policy_id(body.kind, body.terms)
    command = DraftPolicy(
        policy_id=policy_id, kind=body.kind, title=body.title, terms=body.terms, drafted_on=hq.today()
    )
    return await _run(hq, policy_id, command, who)


@router.get("", summary="Policies with all their versions")
async def list_policies(
    _: AnyHq, hq: HeadquartersDep, kind: Annotated[PolicyKind | None, Query()] = None
) -> list[PolicyPublic]:
    docs = await (await hq.read_models()).find(COLLECTION, {"kind": kind} if kind else None)
    return [PolicyPublic.model_validate(doc) for doc in docs]


@router.get("/in-force", summary="In force on a date")
async def policies_in_force(
    _: AnyHq,
    hq: HeadquartersDep,
    on: OnDate = None,
    kind: Annotated[PolicyKind | None, Query()] = None,
) -> list[PolicyInForce]:
    return await in_force_list(await hq.read_models(), on or hq.today(), kind)


@router.get("/{policy_id}", summary="One policy")
async def get_policy(policy_id: str, _: AnyHq, hq: HeadquartersDep) -> PolicyPublic:
    return PolicyPublic.model_validate(
        await hq.found(COLLECTION, policy_id, f"there is no policy {policy_id!r}")
    )


@router.get("/{policy_id}/in-force", summary="Its version in force")
async def policy_in_force(policy_id: str, _: AnyHq, hq: HeadquartersDep, on: OnDate = None) -> PolicyInForce:
    return await in_force_one(await hq.read_models(), policy_id, on or hq.today())


@router.post("/{policy_id}/versions", status_code=201)
async def draft_version(
    policy_id: str, body: PolicyVersionDraft, who: OfficialOrHead, hq: HeadquartersDep
) -> PolicyPublic:
    """Drafts the next version (its kind is the policy's)."""
    command = DraftVersion(title=body.title, terms=body.terms, drafted_on=hq.today())
    return await _run(hq, policy_id, command, who)


@router.put("/{policy_id}/versions/{version}", summary="Amend a draft")
async def amend_draft(
    policy_id: str, version: int, body: PolicyVersionDraft, who: OfficialOrHead, hq: HeadquartersDep
) -> PolicyPublic:
    command = AmendDraft(version=version, title=body.title, terms=body.terms)
    return await _run(hq, policy_id, command, who)


@router.post("/{policy_id}/versions/{version}/publish")
async def publish_version(
    policy_id: str, version: int, body: PolicyPublish, who: Head, hq: HeadquartersDep
) -> PolicyPublic:
    """Publishes a draft, effective from a date (today or later, not before the version in force)."""
    now = hq.now()
    citations = await hq.fee_citations(policy_id, version, body.effective_from)
    command = PublishPolicy(
        version=version,
        effective_from=body.effective_from,
        today=now.date(),
        published_at=now,
        citations=citations,
    )
    return await _run(hq, policy_id, command, who)


@router.post("/{policy_id}/versions/{version}/revoke")
async def revoke_version(
    policy_id: str, version: int, body: PolicyRevoke, who: Head, hq: HeadquartersDep
) -> PolicyPublic:
    command = RevokePolicy(version=version, reason=body.reason, today=hq.today())
    return await _run(hq, policy_id, command, who)
