"""The command handlers of each aggregate, over the runtime's store, and one `execute`."""

from __future__ import annotations

from typing import TypeVar

from park_shared.auth import Principal
from park_shared.decider import Decider, Expect
from park_shared.handler import CommandContext, CommandHandler, Outcome
from park_shared.runtime import Runtime
from pydantic import BaseModel

__all__ = ["context_of", "execute", "handler"]

C = TypeVar("C")
S = TypeVar("S")
E = TypeVar("E", bound=BaseModel)


def handler(runtime: Runtime, decider: Decider[C, S, E]) -> CommandHandler[C, S, E]:
    return CommandHandler(runtime.store, runtime.registry, decider)


def context_of(principal: Principal) -> CommandContext:
    return CommandContext(actor=principal.actor)


async def execute(
    runtime: Runtime,
    principal: Principal,
    decider: Decider[C, S, E],
    stream_id: str,
    command: C,
    *,
    expect: Expect = "existing",
) -> Outcome[S, E]:
    """Runs one command of `principal` against one stream, then brings the read models up."""
    outcome = await handler(runtime, decider).handle(
        stream_id, command, expect=expect, context=context_of(principal)
    )
    if runtime.projection_runner is not None:
        await runtime.projection_runner.catch_up()
    return outcome
