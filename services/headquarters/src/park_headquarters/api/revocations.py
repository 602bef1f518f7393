"""/tokens/revocations: headquarters revokes a department token (by its `jti`); every service
refuses it within seconds (park_shared.revocation)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from park_shared.keys import DEPARTMENTS
from park_shared.revocation import COLLECTION
from pydantic import BaseModel, Field

from park_headquarters.api.bodies import Body
from park_headquarters.api.deps import HeadquartersDep, OfficialOrHead
from park_headquarters.domain import revocation

__all__ = ["router"]

router = APIRouter(prefix="/tokens/revocations", tags=["tokens"])

Department = Annotated[str, Field(pattern="^(" + "|".join(DEPARTMENTS) + ")$")]


class RevocationCreate(Body):
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


@router.post("", status_code=201, summary="Revoke a token (official, head)")
async def revoke(body: RevocationCreate, who: OfficialOrHead, hq: HeadquartersDep) -> RevocationPublic:
    command = revocation.RevokeToken(
        jti=body.jti,
        issuer=body.issuer,
        expires_at=body.expires_at,
        reason=body.reason,
        revoked_at=hq.now().isoformat(),
    )
    await hq.revocations.handle(body.jti, command, who.context())
    hq.runtime.revocations.note(body.jti, body.expires_at)
    return RevocationPublic.model_validate(
        await hq.found(COLLECTION, body.jti, f"there is no revocation {body.jti!r}")
    )


@router.get("", summary="The revoked tokens (official, head)")
async def revoked(_: OfficialOrHead, hq: HeadquartersDep) -> list[RevocationPublic]:
    return [RevocationPublic.model_validate(doc) for doc in await hq.runtime.read_models.find(COLLECTION)]
