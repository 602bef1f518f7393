"""Dependencies every router shares: the application, the roles, the command context."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from park_shared.auth import Principal
from park_shared.handler import CommandContext
from park_shared.web.security import requires

from park_investment.application.service import Investment

__all__ = ["Finance", "FinanceOrOfficer", "InvestmentDep", "Officer", "context_of"]

OFFICER = "inv.officer"
FINANCE = "inv.finance"


def get_investment(request: Request) -> Investment:
    investment: Investment = request.app.state.runtime.state["investment"]
    return investment


InvestmentDep = Annotated[Investment, Depends(get_investment)]
Officer = Annotated[Principal, Depends(requires(OFFICER))]
Finance = Annotated[Principal, Depends(requires(FINANCE))]
FinanceOrOfficer = Annotated[Principal, Depends(requires(FINANCE, OFFICER))]


def context_of(principal: Principal) -> CommandContext:
    return CommandContext(actor=principal.actor)
