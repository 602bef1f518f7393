"""/regulations: management regulations (分项治理办法) drafted, amended, published and repealed by
the head; read by every HQ role as of any date. /public/regulations: the text in force, no token."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from park_shared.auth import Principal
from park_shared.errors import NotFound

from park_headquarters.api.deps import AnyHq, Head, HeadquartersDep, OnDate
from park_headquarters.api.regulation_schemas import (
    RegulationAmend,
    RegulationCreate,
    RegulationInForce,
    RegulationPublic,
    RegulationPublish,
    RegulationRepeal,
    in_force_view,
    regulation_view,
)
from park_headquarters.application.context import Headquarters
from park_headquarters.application.regulation_queries import all_regulations, regulation_state
from park_headquarters.domain.regulation import (
    AmendRegulation,
    DraftRegulation,
    PublishRegulation,
    RegulationCommand,
    RepealRegulation,
)

__all__ = ["public_router", "router"]

router = APIRouter(prefix="/regulations", tags=["regulations"])
public_router = APIRouter(prefix="/public/regulations", tags=["public"])
Kind = Annotated[str | None, Query(description="only regulations of this kind")]


async def _run(
    hq: Headquarters, regulation_id: str, command: RegulationCommand, who: Principal
) -> RegulationPublic:
    await hq.regulations.handle(regulation_id, command, who.context())
    state = await regulation_state(await hq.read_models(), regulation_id)
    return regulation_view(state, hq.today())


@router.post("", status_code=201, summary="Draft a regulation (its version 1)")
async def draft_regulation(body: RegulationCreate, who: Head, hq: HeadquartersDep) -> RegulationPublic:
    command = DraftRegulation(
        regulation_id=body.regulation_id,
        kind=body.kind,
        title_zh=body.title_zh,
        title_en=body.title_en,
        articles=tuple(body.articles),
        drafted_on=hq.today(),
    )
    return await _run(hq, body.regulation_id, command, who)


@router.post("/{regulation_id}/amendments", status_code=201, summary="Draft an amendment (the next version)")
async def amend_regulation(
    regulation_id: str, body: RegulationAmend, who: Head, hq: HeadquartersDep
) -> RegulationPublic:
    command = AmendRegulation(
        regulation_id=regulation_id,
        articles=tuple(body.articles),
        removed=tuple(body.removed),
        title_zh=body.title_zh,
        title_en=body.title_en,
        drafted_on=hq.today(),
    )
    return await _run(hq, regulation_id, command, who)


@router.post("/{regulation_id}/versions/{version}/publish", summary="Publish a version from a date")
async def publish_regulation(
    regulation_id: str, version: int, body: RegulationPublish, who: Head, hq: HeadquartersDep
) -> RegulationPublic:
    command = PublishRegulation(
        regulation_id=regulation_id,
        version=version,
        effective_from=body.effective_from,
        today=hq.today(),
        published_at=hq.now(),
    )
    return await _run(hq, regulation_id, command, who)


@router.post("/{regulation_id}/repeal", summary="Repeal a published regulation")
async def repeal_regulation(
    regulation_id: str, body: RegulationRepeal, who: Head, hq: HeadquartersDep
) -> RegulationPublic:
    command = RepealRegulation(
        regulation_id=regulation_id,
        repealed_on=body.repealed_on or hq.today(),
        today=hq.today(),
        reason=body.reason,
    )
    return await _run(hq, regulation_id, command, who)


@router.get("", summary="Regulations with all their versions (with ?on=, only those in force then)")
async def list_regulations(
    _: AnyHq, hq: HeadquartersDep, on: OnDate = None, kind: Kind = None
) -> list[RegulationPublic]:
    states = await all_regulations(await hq.read_models(), kind)
    day = on or hq.today()
    views = [regulation_view(state, day) for state in states]
    return [v for v in views if v.in_force is not None] if on else views


@router.get("/{regulation_id}", summary="One regulation, with its version in force on ?on=")
async def get_regulation(
    regulation_id: str, _: AnyHq, hq: HeadquartersDep, on: OnDate = None
) -> RegulationPublic:
    return regulation_view(await regulation_state(await hq.read_models(), regulation_id), on or hq.today())


@public_router.get("", summary="Regulations in force on a date")
async def public_regulations(
    hq: HeadquartersDep, on: OnDate = None, kind: Kind = None
) -> list[RegulationInForce]:
    day = on or hq.today()
    found = [in_force_view(state, day) for state in await all_regulations(await hq.read_models(), kind)]
    return [view for view in found if view is not None]


@public_router.get("/{regulation_id}", summary="A regulation's text in force on a date")
async def public_regulation(regulation_id: str, hq: HeadquartersDep, on: OnDate = None) -> RegulationInForce:
    day = on or hq.today()
    state = await regulation_state(await hq.read_models(), regulation_id)
    view = in_force_view(state, day)
    if view is None:
        raise NotFound(f"regulation {regulation_id!r} is not in force on {day}", on=day.isoformat())
    return view
