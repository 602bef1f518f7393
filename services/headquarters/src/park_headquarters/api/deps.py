"""Dependencies every router shares: who is calling, the command handlers, fresh read models."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends
from park_shared.auth import Principal
from park_shared.errors import NotFound
from park_shared.handler import CommandContext
from park_shared.projections.port import ReadModelStore
from park_shared.runtime import Runtime
from park_shared.web.app import RuntimeDep
from park_shared.web.security import requires

from park_headquarters.application.commands import Commands
from park_headquarters.settings import HeadquartersSettings

__all__ = [
    "AnyHq",
    "CommandsDep",
    "Head",
    "Official",
    "OfficialOrHead",
    "OfficialOrPlanner",
    "Planner",
    "PlannerOrHead",
    "SettingsDep",
    "context_of",
    "fresh",
    "one",
]

AnyHq = Annotated[Principal, Depends(requires("hq.official", "hq.planner", "hq.head"))]
Official = Annotated[Principal, Depends(requires("hq.official"))]
Planner = Annotated[Principal, Depends(requires("hq.planner"))]
Head = Annotated[Principal, Depends(requires("hq.head"))]
OfficialOrHead = Annotated[Principal, Depends(requires("hq.official", "hq.head"))]
OfficialOrPlanner = Annotated[Principal, Depends(requires("hq.official", "hq.planner"))]
PlannerOrHead = Annotated[Principal, Depends(requires("hq.planner", "hq.head"))]


def get_commands(runtime: RuntimeDep) -> Commands:
    return Commands.of(runtime)


def get_settings(runtime: RuntimeDep) -> HeadquartersSettings:
    settings = runtime.settings
    assert isinstance(settings, HeadquartersSettings)
    return settings


CommandsDep = Annotated[Commands, Depends(get_commands)]
SettingsDep = Annotated[HeadquartersSettings, Depends(get_settings)]


def context_of(principal: Principal) -> CommandContext:
    return CommandContext(actor=principal.actor)


async def fresh(runtime: Runtime) -> ReadModelStore:
    """The read models after every stored event (for the answer to a command)."""
    if runtime.projection_runner is not None:
        await runtime.projection_runner.catch_up()
    return runtime.read_models


async def one(read_models: ReadModelStore, collection: str, key: str, what: str) -> dict[str, Any]:
    doc = await read_models.get(collection, key)
    if doc is None:
        raise NotFound(f"there is no {what} {key!r}")
    return doc
