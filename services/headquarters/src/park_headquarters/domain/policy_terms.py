"""The typed terms of the policy kinds (docs/events.md, `PolicyPublished.terms`)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal, Protocol, TypeVar

from park_shared.errors import Invalid
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator
from pydantic import model_validator as model_check

from park_headquarters.domain.land_requisition import LandClass
from park_headquarters.domain.regulation import Citation
from park_headquarters.domain.values import Money, Percent, Text

__all__ = [
    "CompensationStandardTerms",
    "FacilityKind",
    "FeeItem",
    "FeeScheduleTerms",
    "PolicyKind",
    "PreferentialRule",
    "PreferentialTerms",
    "ProcedureCatalogueTerms",
    "ProcedureStep",
    "RewardTerms",
    "TalentCategory",
    "TalentTerms",
    "Terms",
    "WorkingCalendarTerms",
    "calendar_policy_id",
    "parse_terms",
]

PolicyKind = Literal[
    "preferential",
    "reward",
    "fee_schedule",
    "procedure_catalogue",
    "working_calendar",
    "compensation_standard",
    "talent",
]
Code = Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]{1,40}$")]
APPROVAL_STEP = "project_approval"


class Terms(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _HasCode(Protocol):
    @property
    def code(self) -> str: ...


Coded = TypeVar("Coded", bound=_HasCode)


def _unique_codes(values: list[Coded]) -> list[Coded]:
    """A field validator: each item's `code` appears once."""
    codes = [v.code for v in values]
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        raise ValueError(f"codes must be unique; repeated: {', '.join(dupes)}")
    return values


class PreferentialRule(Terms):
    fee_code: Code
    discount_percent: Percent = Decimal(0)
    waiver: bool = Field(False, validate_default=True)
    industries: list[Text] = Field(default_factory=list)
    parks: list[Text] = Field(default_factory=list)

    @model_check(mode="before")
    @classmethod
    def _waiver_is_all(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("waiver") is True:
            return {**data, "discount_percent": "100"}
        return data

    @field_validator("waiver")
    @classmethod
    def _something(cls, waiver: bool, info: ValidationInfo) -> bool:
        if not waiver and not info.data.get("discount_percent"):
            raise ValueError("a rule needs a discount above 0 or a waiver")
        return waiver


class PreferentialTerms(Terms):
    rules: list[PreferentialRule] = Field(min_length=1)


class RewardTerms(Terms):
    """reward = min(cap, rate × signed amount + fixed)."""

    rate_percent: Percent | None = None
    fixed_amount: Money | None = Field(None, validate_default=True)
    cap: Money

    @field_validator("fixed_amount")
    @classmethod
    def _rate_or_sum(cls, fixed: Decimal | None, info: ValidationInfo) -> Decimal | None:
        if fixed is None and info.data.get("rate_percent") is None:
            raise ValueError("a reward needs rate_percent, fixed_amount or both")
        return fixed


FacilityKind = Literal["exhibition_hall", "testing_laboratory", "training_centre", "warehouse"]


class FeeItem(Terms):
    code: Code
    name: Text
    amount: Money
    """Yuan; of a `facility_use` item, per unit (seat, bench, bay) per hour."""
    phase: Literal["before_production", "after_production", "facility_use"]
    """When an enterprise pays it: before or after production (service-center's invoices), or
    for the use of a facility both parks share (industrial-co's bookings)."""
    applies_to_foreign_invested: bool = False
    legal_basis: Citation | None = None
    """The regulation's article that allows the fee; a foreign-invested item is published only
    with one in force on the schedule's effective date (the published terms name its version)."""
    facility_kind: FacilityKind | None = Field(None, validate_default=True)
    """Of a `facility_use` item (and only of one): the kind of shared facility it prices."""

    @field_validator("facility_kind")
    @classmethod
    def _facility_items_name_their_kind(cls, kind: str | None, info: ValidationInfo) -> str | None:
        phase = info.data.get("phase")
        if phase == "facility_use" and kind is None:
            raise ValueError("a facility_use item names the facility kind it prices")
        if phase is not None and phase != "facility_use" and kind is not None:
            raise ValueError("only a facility_use item names a facility kind")
        return kind


class FeeScheduleTerms(Terms):
    items: list[FeeItem] = Field(min_length=1)

    _unique = field_validator("items")(_unique_codes)


class ProcedureStep(Terms):
    code: Code
    name: Text
    legal_basis: Text
    required_documents: list[Text] = Field(default_factory=list)
    working_days: int = Field(ge=1, le=365)
    green_channel_working_days: int = Field(ge=1, le=365)
    decided_by: Literal["service-center", "headquarters"] = "service-center"

    @field_validator("green_channel_working_days")
    @classmethod
    def _not_longer(cls, days: int, info: ValidationInfo) -> int:
        normal = info.data.get("working_days")
        if normal is not None and days > normal:
            raise ValueError(f"the green channel can't promise more than the {normal} working days")
        return days

    @field_validator("decided_by")
    @classmethod
    def _hq_approves_projects(cls, who: str, info: ValidationInfo) -> str:
        if who == "headquarters" and info.data.get("code") != APPROVAL_STEP:
            raise ValueError(f"headquarters decides only the step {APPROVAL_STEP!r}")
        return who


class ProcedureCatalogueTerms(Terms):
    steps: list[ProcedureStep] = Field(min_length=1)

    _unique = field_validator("steps")(_unique_codes)

    def step(self, code: str) -> ProcedureStep | None:
        return next((s for s in self.steps if s.code == code), None)


def calendar_policy_id(year: int) -> str:
    """The one calendar policy of a year: its versions are the corrections."""
    return f"working-calendar-{year}"


def _days(days: list[date], info: ValidationInfo) -> list[date]:
    year = info.data.get("year")
    outside = [d.isoformat() for d in days if year is not None and d.year != year]
    if outside:
        raise ValueError(f"days outside {year}: {', '.join(outside)}")
    return sorted(set(days))


class WorkingCalendarTerms(Terms):
    """A year's working-day arrangement (the State Council's, with the zone's own days off):
    the days off that would be working days, and the make-up working days (调休)."""

    year: int = Field(ge=2000, le=2100)
    holidays: list[date] = Field(default_factory=list)
    makeup_workdays: list[date] = Field(default_factory=list)
    source: Literal["state_council", "zone"] = "zone"
    note: Text | None = None

    _holidays_in_year = field_validator("holidays")(_days)

    @field_validator("makeup_workdays")
    @classmethod
    def _workdays(cls, days: list[date], info: ValidationInfo) -> list[date]:
        days = _days(days, info)
        both = sorted(set(days) & set(info.data.get("holidays") or ()))
        if both:
            listed = ", ".join(d.isoformat() for d in both)
            raise ValueError(f"a day cannot be a holiday and a make-up working day: {listed}")
        return days


class CompensationStandardTerms(Terms):
    """Land requisition compensation (征地补偿标准): yuan per mu by land class; an agreement pays at
    least the version in force on the day it is signed."""

    per_mu: dict[LandClass, Money] = Field(min_length=1)


class TalentCategory(Terms):
    """What a category of talent brings (人才引进): a one-off subsidy on approval, then a housing
    allowance each month for `housing_months` months."""

    code: Code
    """e.g. leading_talent, high_level_talent, skilled_worker."""
    name: Text
    one_off_subsidy: Money
    housing_allowance_monthly: Money = Decimal("0.00")
    housing_months: int = Field(0, ge=0, le=120)

    @field_validator("housing_months")
    @classmethod
    def _months_with_allowance(cls, months: int, info: ValidationInfo) -> int:
        allowance = info.data.get("housing_allowance_monthly")
        if allowance and months == 0:
            raise ValueError("a housing allowance needs the number of months it is paid")
        if not allowance and months and allowance is not None:
            raise ValueError("months of housing allowance need a monthly allowance above 0")
        return months

    @model_check(mode="after")
    def _brings_something(self) -> TalentCategory:
        if not self.one_off_subsidy and not self.housing_allowance_monthly:
            raise ValueError("a category brings a one-off subsidy, a housing allowance or both")
        return self


class TalentTerms(Terms):
    """The talent policy: its categories, each once."""

    categories: list[TalentCategory] = Field(min_length=1)

    _unique = field_validator("categories")(_unique_codes)


TERMS: dict[str, type[Terms]] = {
    "preferential": PreferentialTerms,
    "reward": RewardTerms,
    "fee_schedule": FeeScheduleTerms,
    "procedure_catalogue": ProcedureCatalogueTerms,
    "working_calendar": WorkingCalendarTerms,
    "compensation_standard": CompensationStandardTerms,
    "talent": TalentTerms,
}


def parse_terms(kind: PolicyKind, raw: object) -> Terms:
    """Validates terms for their kind; a bad one is a 422 naming the field (`terms.<path>`)."""
    try:
        return TERMS[kind].model_validate(raw)
    except ValidationError as bad:
        first = bad.errors()[0]
        path = ".".join(str(p) for p in ("terms", *first["loc"]))
        raise Invalid(f"{path}: {first['msg']}", field=path) from None
