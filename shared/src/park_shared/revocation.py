"""Revoked tokens: headquarters publishes `TokenRevoked.v1 {jti, issuer, expires_at, ...}`;
every service records each one in its own read-model store (collection `revoked_tokens`, shared
by its replicas, kept through a rebuild) and every process refuses a revoked `jti` once its
`Revocations` has read the collection again (every REFRESH_SECONDS)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from park_shared.consumer import Delivery, Reaction
from park_shared.contract import Reading
from park_shared.events import EventRegistry, ForeignEvent, type_name
from park_shared.projections.port import Doc, ReadModelStore
from park_shared.reacting import on

__all__ = [
    "COLLECTION",
    "TOKEN_REVOKED",
    "TOKEN_REVOKED_READING",
    "Revocations",
    "TokenRevokedReading",
    "revocation_doc",
    "revocation_reactions",
]

COLLECTION = "revoked_tokens"
TOKEN_REVOKED = type_name("headquarters", "TokenRevoked", 1)
REFRESH_SECONDS = 1.0


class TokenRevokedReading(ForeignEvent):
    """Our reading of headquarters' TokenRevoked.v1."""

    jti: str
    issuer: str
    expires_at: int
    revoked_at: str


TOKEN_REVOKED_READING = Reading("headquarters", TokenRevokedReading, "TokenRevoked")
"""For a service's contract: its auth refuses the tokens headquarters revokes."""


def revocation_doc(jti: str, issuer: str, expires_at: int, revoked_at: str) -> Doc:
    return {"jti": jti, "issuer": issuer, "expires_at": expires_at, "revoked_at": revoked_at}


class Revocations:
    """The revoked token ids this process refuses (those not yet expired)."""

    def __init__(self) -> None:
        self._revoked: dict[str, int] = {}

    def is_revoked(self, jti: str) -> bool:
        return jti in self._revoked

    def note(self, jti: str, expires_at: int) -> None:
        self._revoked[jti] = expires_at

    async def refresh(self, read_models: ReadModelStore) -> None:
        now = time.time()
        docs = await read_models.find(COLLECTION, limit=1_000_000)
        self._revoked = {str(d["jti"]): int(d["expires_at"]) for d in docs if int(d["expires_at"]) > now}

    async def follow(self, read_models: ReadModelStore, interval: float = REFRESH_SECONDS) -> None:
        while True:
            await self.refresh(read_models)
            await asyncio.sleep(interval)


def revocation_reactions(
    registry: EventRegistry, read_models: Callable[[], ReadModelStore]
) -> dict[str, Reaction]:
    """For a service that consumes headquarters' topic and reads TokenRevoked.v1 (its foreign
    events module adds `TokenRevokedReading` to its registry): records each revocation
    (idempotent: a redelivered one finds its document written)."""
    if not registry.knows(TOKEN_REVOKED):
        registry.add(TOKEN_REVOKED, TokenRevokedReading)

    async def record(event: TokenRevokedReading, delivery: Delivery) -> None:
        doc = revocation_doc(event.jti, event.issuer, event.expires_at, event.revoked_at)
        await read_models().insert_if_absent(COLLECTION, event.jti, doc)

    return {TOKEN_REVOKED: on(TokenRevokedReading, record)}
