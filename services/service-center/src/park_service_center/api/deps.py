"""The dependencies routers share: the application context and the roles."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header
from park_shared.auth import Principal
from park_shared.errors import Forbidden
from park_shared.web.app import application_of
from park_shared.web.security import requires

from park_service_center.application.context import ServiceCenter

__all__ = [
    "AnyStaff",
    "Cashier",
    "CenterDep",
    "ExpectedVersion",
    "Head",
    "Officer",
    "OfficerOrEnterprise",
    "acts_for",
]

CenterDep = Annotated[ServiceCenter, Depends(application_of(ServiceCenter))]
Officer = Annotated[Principal, Depends(requires("sc.officer"))]
Cashier = Annotated[Principal, Depends(requires("sc.cashier"))]
Head = Annotated[Principal, Depends(requires("sc.head"))]
AnyStaff = Annotated[Principal, Depends(requires("sc.officer", "sc.cashier", "sc.head"))]
ENTERPRISE = "sc.enterprise"
OfficerOrEnterprise = Annotated[Principal, Depends(requires("sc.officer", ENTERPRISE))]
"""An officer, or an enterprise with a token the centre issued it (its subject: its credit code)."""


def acts_for(who: Principal, enterprise_id: str) -> None:
    """An enterprise's token acts only for that enterprise (403 otherwise); an officer for any."""
    if "sc.officer" not in who.roles and who.subject != enterprise_id:
        raise Forbidden(
            f"an enterprise's token acts only for itself ({who.subject}), not for {enterprise_id}",
            enterprise_id=enterprise_id,
        )


ExpectedVersion = Annotated[
    int | None,
    Header(alias="If-Match", description="The version the caller last saw; 409 when it moved on."),
]
