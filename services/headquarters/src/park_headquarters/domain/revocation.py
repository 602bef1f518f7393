"""Token revocations: headquarters keeps the list of revoked department tokens (by `jti`)
and publishes each one (TokenRevoked.v1), so that every service refuses the token."""

from __future__ import annotations

from collections.abc import Sequence

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.errors import Conflict
from park_shared.events import Event
from pydantic import BaseModel, ConfigDict

__all__ = ["RevocationState", "RevokeToken", "TokenRevoked", "decider"]


class RevokeToken(Command):
    jti: str
    issuer: str
    expires_at: int
    reason: str
    revoked_at: str


class TokenRevoked(Event):
    jti: str
    issuer: str
    expires_at: int
    """When the token expires anyway (seconds since the epoch): the entry may go after it."""
    reason: str
    revoked_at: str


class RevocationState(BaseModel):
    model_config = ConfigDict(frozen=True)

    revoked_at: str | None = None


def decide(command: RevokeToken, state: RevocationState) -> Sequence[TokenRevoked]:
    if state.revoked_at is not None:
        raise Conflict(
            f"the token {command.jti} was revoked at {state.revoked_at}", revoked_at=state.revoked_at
        )
    return [TokenRevoked(**command.model_dump())]


def evolve(state: RevocationState, event: TokenRevoked) -> RevocationState:
    return RevocationState(revoked_at=event.revoked_at)


decider: Decider[RevokeToken, RevocationState, TokenRevoked] = Decider(RevocationState(), decide, evolve)
