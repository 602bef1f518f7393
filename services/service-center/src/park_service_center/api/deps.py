"""The dependencies routers share: the application context and the roles."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header
from park_shared.auth import Principal
from park_shared.web.app import application_of
from park_shared.web.security import requires

from park_service_center.application.context import ServiceCenter

__all__ = ["AnyStaff", "Cashier", "CenterDep", "ExpectedVersion", "Head", "Officer"]

CenterDep = Annotated[ServiceCenter, Depends(application_of(ServiceCenter))]
Officer = Annotated[Principal, Depends(requires("sc.officer"))]
Cashier = Annotated[Principal, Depends(requires("sc.cashier"))]
Head = Annotated[Principal, Depends(requires("sc.head"))]
AnyStaff = Annotated[Principal, Depends(requires("sc.officer", "sc.cashier", "sc.head"))]
ExpectedVersion = Annotated[
    int | None,
    Header(alias="If-Match", description="The version the caller last saw; 409 when it moved on."),
]
