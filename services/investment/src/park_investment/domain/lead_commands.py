"""What can be asked of a lead. Dates and ids come in on the command: deciding stays pure."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from park_shared.command import Command

from park_investment.domain.company_name import normalise_company_name
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
    "lead_id_for",
    "reward_id_for",
]


def lead_id_for(credit_code: str) -> str:
    """The lead's id, which names its stream: one per credit code, whatever the platform or park."""
    return f"lead-{credit_code}"


def reward_id_for(lead_id: str) -> str:
    """A lead grants at most one reward, named after it."""
    return f"reward-{lead_id}"


class RegisterLead(Command):
    company_name: str
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

    @property
    def lead_id(self) -> str:
        return lead_id_for(self.credit_code)

    @property
    def normalised_name(self) -> str:
        """The name as possible duplicates are compared (company_name)."""
        return normalise_company_name(self.company_name)


class AdvanceLead(Command):
    """An officer moves a lead one stage on by hand; registered/landed are not theirs."""

    to: Literal["contacted", "negotiating", "signed", "registered", "landed"]
    on: date


class SignLead(Command):
    signed_amount: Decimal
    signed_on: date
    preferred_parcel_id: str | None
    green_channel_requested: bool
    green_channel_threshold: Decimal
    today: date


class LoseLead(Command):
    reason: str
    on: date


class ResolvePossibleDuplicate(Command):
    resolution: Literal["merge", "distinct"]
    into_lead_id: str | None
    on: date


class RegisterForService(Command):
    """service-center opened a case for the lead (CaseOpened)."""

    case_id: str


class LandLead(Command):
    """service-center commissioned the enterprise; `policy` is the reward policy version
    in force on the lead's signing date (None when there was none)."""

    case_id: str
    landed_on: date
    policy: PolicyVersion | None
    reward_id: str
    granted_on: date
    """The day a reward is granted, if one is."""


class PayReward(Command):
    reward_id: str
    amount: Decimal
    paid_on: date

    @property
    def lead_id(self) -> str:
        """The lead that granted the reward (see reward_id_for)."""
        return self.reward_id.removeprefix("reward-")


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
