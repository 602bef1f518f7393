"""HQ policy terms as this service reads them (docs/events.md, `PolicyPublished.terms`)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from park_service_center.domain.money import Money

__all__ = [
    "CatalogueStep",
    "FeeItem",
    "FeeSchedule",
    "Phase",
    "PreferentialRule",
    "PreferentialTerms",
    "ProcedureCatalogue",
    "TalentCategory",
    "TalentTerms",
    "parse_terms",
]

Phase = Literal["before_production", "after_production"]


class _Terms(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class CatalogueStep(_Terms):
    code: str = Field(min_length=1)
    name: str
    legal_basis: str = ""
    required_documents: tuple[str, ...] = ()
    working_days: int = Field(ge=1)
    green_channel_working_days: int = Field(ge=1)
    decided_by: Literal["service-center", "headquarters"] = "service-center"


class ProcedureCatalogue(_Terms):
    steps: tuple[CatalogueStep, ...]


class FeeItem(_Terms):
    code: str = Field(min_length=1)
    name: str
    amount: Money = Field(ge=0)
    phase: Phase | Literal["facility_use"]
    """A facility_use item prices a shared facility's bookings (industrial-co): never invoiced here."""


class FeeSchedule(_Terms):
    items: tuple[FeeItem, ...]


class PreferentialRule(_Terms):
    fee_code: str
    discount_percent: Decimal = Field(default=Decimal(0), ge=0, le=100)
    waiver: bool = False
    industries: tuple[str, ...] = ()
    parks: tuple[str, ...] = ()

    @property
    def percent(self) -> Decimal:
        return Decimal(100) if self.waiver else self.discount_percent

    def matches(self, fee_code: str, industry: str, park_id: str) -> bool:
        return (
            self.fee_code == fee_code
            and (not self.industries or industry in self.industries)
            and (not self.parks or park_id in self.parks)
        )


class PreferentialTerms(_Terms):
    rules: tuple[PreferentialRule, ...]


class WorkingCalendarTerms(_Terms):
    """One year of HQ's working-day calendar: days off and make-up working days."""

    year: int
    holidays: tuple[date, ...] = ()
    makeup_workdays: tuple[date, ...] = ()


class TalentCategory(_Terms):
    code: str = Field(min_length=1)
    name: str = ""
    one_off_subsidy: Money = Field(ge=0)
    housing_allowance_monthly: Money = Field(default=Decimal("0.00"), ge=0)
    housing_months: int = Field(default=0, ge=0, le=120)


class TalentTerms(_Terms):
    """HQ's talent policy (人才引进): what each category of talent brings."""

    categories: tuple[TalentCategory, ...]

    def category(self, code: str) -> TalentCategory | None:
        return next((c for c in self.categories if c.code == code), None)


TERMS: dict[str, type[_Terms]] = {
    "procedure_catalogue": ProcedureCatalogue,
    "fee_schedule": FeeSchedule,
    "preferential": PreferentialTerms,
    "working_calendar": WorkingCalendarTerms,
    "talent": TalentTerms,
}


def parse_terms(kind: str, terms: dict[str, Any]) -> _Terms | None:
    """The typed terms of a kind this service uses; None for kinds it does not (reward)."""
    model = TERMS.get(kind)
    return None if model is None else model.model_validate(terms)
