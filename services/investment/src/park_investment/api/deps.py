"""Dependencies every router shares: the application context and the roles."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from park_shared.auth import Principal
from park_shared.web.app import application_of
from park_shared.web.security import requires

from park_investment.application.context import Investment

__all__ = ["Finance", "FinanceOrOfficer", "InvestmentDep", "Officer"]

OFFICER = "inv.officer"
FINANCE = "inv.finance"

InvestmentDep = Annotated[Investment, Depends(application_of(Investment))]
Officer = Annotated[Principal, Depends(requires(OFFICER))]
Finance = Annotated[Principal, Depends(requires(FINANCE))]
FinanceOrOfficer = Annotated[Principal, Depends(requires(FINANCE, OFFICER))]
