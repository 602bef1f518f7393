"""Request and response schemas shared by the lead routers, split by role."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from park_shared.identifiers import normalise_credit_code
from pydantic import AfterValidator, BaseModel, Field, ValidationInfo, field_validator

from park_investment.domain.company_name import normalise_company_name
from park_investment.domain.lead_commands import RegisterLead
from park_investment.domain.lead_events import Platform
from park_investment.domain.money import Money
from park_investment.domain.referrer import ReferrerKind

__all__ = ["CompanyName", "CreditCode", "InquiryCreate", "LeadCreate", "LeadOfficer", "ReferrerOfficer"]


def _company_name(value: str) -> str:
    if not normalise_company_name(value):
        raise ValueError("the company name has no name beyond its company form")
    return value.strip()


CreditCode = Annotated[
    str,
    Field(description="统一社会信用代码: 18 characters, GB 32100-2015 check character"),
    AfterValidator(normalise_credit_code),
]
CompanyName = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_company_name)]


class InquiryCreate(BaseModel):
    # the public inquiry form; an officer's LeadCreate adds the platform and the referrer
    company_name: CompanyName
    credit_code: CreditCode
    industry: str = Field(min_length=1, max_length=100)
    planned_investment: Money
    park_id: str = Field(min_length=1, max_length=40)

    def command(self, registered_on: date, known_parks: tuple[str, ...]) -> RegisterLead:
        """An inquiry is an online lead, which names no referrer."""
        return self._registration("online", None, registered_on, known_parks)

    def _registration(
        self, platform: Platform, referrer_id: str | None, registered_on: date, known_parks: tuple[str, ...]
    ) -> RegisterLead:
        return RegisterLead(
            company_name=self.company_name,
            credit_code=self.credit_code,
            industry=self.industry,
            planned_investment=self.planned_investment,
            park_id=self.park_id,
            platform=platform,
            referrer_id=referrer_id,
            registered_on=registered_on,
            known_parks=known_parks,
        )


class LeadCreate(InquiryCreate):
    """A lead an officer registers on any platform; merchant and all-staff need a referrer."""

    platform: Platform
    referrer_id: str | None = Field(None, validate_default=True, max_length=80)

    @field_validator("referrer_id")
    @classmethod
    def _referrer_needed(cls, value: str | None, info: ValidationInfo) -> str | None:
        platform = info.data.get("platform")
        if value is None and platform in ("merchant", "all_staff"):
            raise ValueError(f"a {platform} lead needs its referrer")
        return value

    def command(self, registered_on: date, known_parks: tuple[str, ...]) -> RegisterLead:
        return self._registration(self.platform, self.referrer_id, registered_on, known_parks)


class ReferrerOfficer(BaseModel):
    """A referrer with personal data: for inv.officer only. Once erased, the personal fields
    are null and `erased` is true."""

    referrer_id: str
    kind: ReferrerKind
    name: str | None
    phone: str | None
    relation: str | None
    organisation: str | None
    enrolled_on: date
    erased: bool
    erased_at: datetime | None = None


class LeadOfficer(BaseModel):
    """A lead as inv.officer sees it (the referrer's details only on a single lead)."""

    lead_id: str
    company_name: str
    normalised_name: str
    credit_code: str
    industry: str
    planned_investment: Decimal
    park_id: str
    platform: Platform
    referrer_id: str | None
    status: str
    reached: list[str]
    registered_on: date
    contacted_on: date | None = None
    negotiating_since: date | None = None
    signed_amount: Decimal | None = None
    signed_on: date | None = None
    preferred_parcel_id: str | None = None
    green_channel: bool | None = None
    case_id: str | None = None
    landed_on: date | None = None
    lost_stage: str | None = None
    lost_reason: str | None = None
    possible_duplicate_of: list[str]
    duplicate_status: str
    merged_into: str | None
    refused_duplicates: int
    reward_id: str | None
    referrer: ReferrerOfficer | None = None
