"""/parks: the zone's two parks, from configuration; the head may rename them."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from park_headquarters.api.bodies import Body
from park_headquarters.api.deps import AnyHq, Head, HeadquartersDep
from park_headquarters.domain import park
from park_headquarters.domain.values import Text

__all__ = ["router"]

router = APIRouter(prefix="/parks", tags=["parks"])
COLLECTION = "parks"


class ParkPublic(BaseModel):
    park_id: str
    name: str


class ParkRename(Body):
    name: Text


@router.get("", summary="The zone's parks")
async def list_parks(_: AnyHq, hq: HeadquartersDep) -> list[ParkPublic]:
    return [ParkPublic.model_validate(doc) for doc in await (await hq.read_models()).find(COLLECTION)]


@router.put("/{park_id}", summary="Rename a park (head)")
async def rename_park(park_id: str, body: ParkRename, who: Head, hq: HeadquartersDep) -> ParkPublic:
    command = park.RenamePark(park_id=park_id, name=body.name)
    return ParkPublic.model_validate(
        await hq.run_then_read(hq.parks, park_id, command, who.context(), collection=COLLECTION)
    )
