"""The terms a talent subsidy is granted by (one category of the talent policy in force on the
application's day) and the instalment plan they give on approval."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from park_service_center.domain.money import Money, NonNegativeMoney

__all__ = ["Instalment", "TalentCategoryTerms", "instalments", "months_after"]


def months_after(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan → 28 Feb)."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class TalentCategoryTerms(BaseModel):
    """One category of the talent policy version in force on the application's day."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    policy_id: str
    policy_version: int
    category: str
    one_off_subsidy: NonNegativeMoney
    housing_allowance_monthly: NonNegativeMoney
    housing_months: int = Field(ge=0, le=120)


class Instalment(BaseModel):
    model_config = ConfigDict(frozen=True)

    number: int
    due_on: date
    amount: Money
    kind: Literal["one_off", "housing"]


def instalments(terms: TalentCategoryTerms, approved_on: date) -> tuple[Instalment, ...]:
    """The one-off subsidy due on approval, then a housing allowance each month after."""
    plan: list[Instalment] = []
    if terms.one_off_subsidy > 0:
        plan.append(Instalment(number=1, due_on=approved_on, amount=terms.one_off_subsidy, kind="one_off"))
    if terms.housing_allowance_monthly > 0:
        for month in range(1, terms.housing_months + 1):
            due = months_after(approved_on, month)
            plan.append(
                Instalment(
                    number=len(plan) + 1, due_on=due, amount=terms.housing_allowance_monthly, kind="housing"
                )
            )
    return tuple(plan)
