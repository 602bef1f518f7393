"""/public/policies: published policies for everyone, without a token (政务公开)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query
from park_shared.errors import NotFound
from park_shared.web.app import ReadModelsDep, RuntimeDep

from park_headquarters.api.policy_schemas import PolicyInForce, PublishedPolicy
from park_headquarters.api.policy_views import in_force_list, in_force_one, published_only
from park_headquarters.domain.policy_terms import PolicyKind

__all__ = ["router"]

router = APIRouter(prefix="/public/policies", tags=["public"])
OnDate = Annotated[date | None, Query(description="the date asked about; today if absent")]


@router.get("", response_model=list[PublishedPolicy], summary="Published policies")
async def public_policies(
    read_models: ReadModelsDep, kind: Annotated[PolicyKind | None, Query()] = None
) -> list[dict[str, Any]]:
    where: dict[str, Any] = {"published": True}
    if kind:
        where["kind"] = kind
    return [published_only(doc) for doc in await read_models.find("policies", where)]


@router.get("/in-force", response_model=list[PolicyInForce], summary="In force on a date")
async def public_in_force(
    read_models: ReadModelsDep,
    runtime: RuntimeDep,
    on: OnDate = None,
    kind: Annotated[PolicyKind | None, Query()] = None,
) -> list[PolicyInForce]:
    return await in_force_list(read_models, on or runtime.today(), kind)


@router.get("/{policy_id}", response_model=PublishedPolicy, summary="One published policy")
async def public_policy(policy_id: str, read_models: ReadModelsDep) -> dict[str, Any]:
    doc = await read_models.get("policies", policy_id)
    if doc is None or not doc.get("published"):
        raise NotFound(f"there is no published policy {policy_id!r}")
    return published_only(doc)


@router.get("/{policy_id}/in-force", response_model=PolicyInForce, summary="Its version in force")
async def public_policy_in_force(
    policy_id: str, read_models: ReadModelsDep, runtime: RuntimeDep, on: OnDate = None
) -> PolicyInForce:
    return await in_force_one(read_models, policy_id, on or runtime.today())
