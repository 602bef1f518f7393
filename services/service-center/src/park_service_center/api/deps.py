"""The dependencies routers share: the application context, roles, the command context."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request
from park_shared.auth import Principal
from park_shared.handler import CommandContext
from park_shared.web.security import requires

from park_service_center.application.center import ServiceCenter

__all__ = [
    "AnyStaff",
    "Cashier",
    "CenterDep",
    "ExpectedVersion",
    "Head",
    "Officer",
    "context_of",
]


def get_center(request: Request) -> ServiceCenter:
    return ServiceCenter.of(request.app.state.runtime)


CenterDep = Annotated[ServiceCenter, Depends(get_center)]
Officer = Annotated[Principal, Depends(requires("sc.officer"))]
Cashier = Annotated[Principal, Depends(requires("sc.cashier"))]
Head = Annotated[Principal, Depends(requires("sc.head"))]
AnyStaff = Annotated[Principal, Depends(requires("sc.officer", "sc.cashier", "sc.head"))]
ExpectedVersion = Annotated[
    int | None,
    Header(alias="If-Match", description="The version the caller last saw; 409 when it moved on."),
]


def context_of(principal: Principal) -> CommandContext:
    return CommandContext(actor=principal.actor)
