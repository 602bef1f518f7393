"""/parks: the zone's two parks, from configuration; the head may rename them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from park_shared.web.app import ReadModelsDep, RuntimeDep
from pydantic import BaseModel, ConfigDict

from park_headquarters.api.deps import AnyHq, CommandsDep, Head, context_of, fresh, one
from park_headquarters.domain import park
from park_headquarters.domain.values import Text

__all__ = ["router"]

router = APIRouter(prefix="/parks", tags=["parks"])


class ParkPublic(BaseModel):
    park_id: str
    name: str


class ParkRename(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Text


@router.get("", response_model=list[ParkPublic], summary="The zone's parks")
async def list_parks(_: AnyHq, read_models: ReadModelsDep) -> list[dict[str, Any]]:
    return await read_models.find("parks")


@router.put("/{park_id}", response_model=ParkPublic, summary="Rename a park (head)")
async def rename_park(
    park_id: str, body: ParkRename, who: Head, commands: CommandsDep, runtime: RuntimeDep
) -> dict[str, Any]:
    command = park.RenamePark(park_id=park_id, name=body.name)
    await commands.parks.handle(park.stream_id(park_id), command, context=context_of(who))
    return await one(await fresh(runtime), "parks", park_id, "park")
