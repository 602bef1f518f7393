"""/tokens/revocations: headquarters revokes a department token (by its `jti`); every service
refuses it within seconds (park_shared.revocation)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter
from park_shared.keys import DEPARTMENTS
from park_shared.revocation import COLLECTION
from park_shared.web.app import RuntimeDep
from pydantic import BaseModel, ConfigDict, Field

from park_headquarters.api.deps import CommandsDep, OfficialOrHead, context_of, fresh, one
from park_headquarters.domain import revocation

__all__ = ["router"]

router = APIRouter(prefix="/tokens/revocations", tags=["tokens"])

Department = Annotated[str, Field(pattern="^(" + "|".join(DEPARTMENTS) + ")$")]


class RevocationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    jti: str = Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    issuer: Department
    expires_at: int = Field(gt=0, description="the token's exp (seconds since the epoch)")
    reason: str = Field(min_length=1, max_length=500)


class RevocationPublic(BaseModel):
    jti: str
    issuer: str
    expires_at: int
    revoked_at: str
    reason: str


@router.post("", response_model=RevocationPublic, status_code=201, summary="Revoke a token (official, head)")
async def revoke(
    body: RevocationCreate, who: OfficialOrHead, commands: CommandsDep, runtime: RuntimeDep
) -> dict[str, Any]:
    command = revocation.RevokeToken(**body.model_dump(), revoked_at=runtime.now().isoformat())
    await commands.revocations.handle(revocation.stream_id(body.jti), command, context=context_of(who))
    runtime.revocations.note(body.jti, body.expires_at)
    return await one(await fresh(runtime), COLLECTION, body.jti, "revocation")


@router.get("", response_model=list[RevocationPublic], summary="The revoked tokens (official, head)")
async def revoked(_: OfficialOrHead, runtime: RuntimeDep) -> list[dict[str, Any]]:
    return await runtime.read_models.find(COLLECTION)
