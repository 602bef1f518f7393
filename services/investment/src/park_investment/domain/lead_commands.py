"""What can be asked of a lead. Dates and ids come in on the command: deciding stays pure."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from park_investment.domain.lead_events import Platform
from park_investment.domain.reward import PolicyVersion

__all__ = [
    "AdvanceLead",
    "LandLead",
    "LeadCommand",
    "LoseLead",
    "PayReward",
    "RegisterForService",
    "RegisterLead",
    "ResolvePossibleDuplicate",
    "SignLead",
]


class _Command(BaseModel):
    model_config = ConfigDict(frozen=True)


class RegisterLead(_Command):
    lead_id: str
    company_name: str
    normalised_name: str
    credit_code: str
    industry: str
    planned_investment: Decimal
    park_id: str
    platform: Platform
    referrer_id: str | None
    registered_on: date
    known_parks: tuple[str, ...]
    same_name_leads: tuple[str, ...] = ()
    """Other leads whose names normalise to this one's (found by the caller)."""


class AdvanceLead(_Command):
    """An officer moves a lead one stage on by hand; registered/landed are not theirs."""

    to: Literal["contacted", "negotiating", "signed", "registered", "landed"]
    on: date


class SignLead(_Command):
    signed_amount: Decimal
    signed_on: date
    preferred_parcel_id: str | None
    green_channel_requested: bool
    green_channel_threshold: Decimal
    today: date


class LoseLead(_Command):
    reason: str
    on: date


class ResolvePossibleDuplicate(_Command):
    resolution: Literal["merge", "distinct"]
    into_lead_id: str | None
    on: date


class RegisterForService(_Command):
    """service-center opened a case for the lead (CaseOpened)."""

    case_id: str


class LandLead(_Command):
    """service-center commissioned the enterprise; `policy` is the reward policy version
    in force on the lead's signing date (None when there was none)."""

    case_id: str
    landed_on: date
    policy: PolicyVersion | None
    reward_id: str
    today: date


class PayReward(_Command):
    reward_id: str
    amount: Decimal
    paid_on: date


LeadCommand = (
    RegisterLead
    | AdvanceLead
    | SignLead
    | LoseLead
    | ResolvePossibleDuplicate
    | RegisterForService
    | LandLead
    | PayReward
)
