"""/public/policies: published policies for everyone, without a token (政务公开)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from park_shared.errors import NotFound

from park_headquarters.api.deps import HeadquartersDep, OnDate
from park_headquarters.api.policy_schemas import PolicyInForce, PublishedPolicy
from park_headquarters.api.policy_views import in_force_list, in_force_one, published_only
from park_headquarters.domain.policy_terms import PolicyKind

__all__ = ["router"]

router = APIRouter(prefix="/public/policies", tags=["public"])
COLLECTION = "policies"


@router.get("", summary="Published policies")
async def public_policies(
    hq: HeadquartersDep, kind: Annotated[PolicyKind | None, Query()] = None
) -> list[PublishedPolicy]:
    where: dict[str, Any] = {"published": True}
    if kind:
        where["kind"] = kind
    return [published_only(doc) for doc in await (await hq.read_models()).find(COLLECTION, where)]


@router.get("/in-force", summary="In force on a date")
async def public_in_force(
    hq: HeadquartersDep, on: OnDate = None, kind: Annotated[PolicyKind | None, Query()] = None
) -> list[PolicyInForce]:
    return await in_force_list(await hq.read_models(), on or hq.today(), kind)


@router.get("/{policy_id}", summary="One published policy")
async def public_policy(policy_id: str, hq: HeadquartersDep) -> PublishedPolicy:
    doc = await hq.doc(COLLECTION, policy_id)
    if doc is None or not doc.get("published"):
        raise NotFound(f"there is no published policy {policy_id!r}")
    return published_only(doc)


@router.get("/{policy_id}/in-force", summary="Its version in force")
async def public_policy_in_force(policy_id: str, hq: HeadquartersDep, on: OnDate = None) -> PolicyInForce:
    return await in_force_one(await hq.read_models(), policy_id, on or hq.today())
