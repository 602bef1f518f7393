"""The lead's state, folded from its events. `evolve` never raises."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from park_investment.domain.lead_events import (
    DuplicateLeadRefused,
    LeadContacted,
    LeadEvent,
    LeadLanded,
    LeadLost,
    LeadNegotiating,
    LeadRegistered,
    LeadRegisteredForService,
    LeadSigned,
    Platform,
    PossibleDuplicateFlagged,
    PossibleDuplicateResolved,
    RewardGranted,
    RewardPaid,
)

__all__ = ["Lead", "RewardState", "Stage", "evolve"]

Stage = Literal["none", "new", "contacted", "negotiating", "signed", "registered", "landed", "lost"]


class RewardState(BaseModel):
    model_config = ConfigDict(frozen=True)

    reward_id: str
    amount: Decimal
    paid: Decimal = Decimal("0.00")


class Lead(BaseModel):
    model_config = ConfigDict(frozen=True)

    status: Stage = "none"
    lead_id: str = ""
    company_name: str = ""
    credit_code: str = ""
    industry: str = ""
    planned_investment: Decimal = Decimal("0.00")
    park_id: str = ""
    platform: Platform = "online"
    referrer_id: str | None = None
    registered_on: date | None = None
    signed_amount: Decimal | None = None
    signed_on: date | None = None
    case_id: str | None = None
    possible_duplicate_of: tuple[str, ...] = ()
    duplicate_status: Literal["none", "open", "merged", "distinct"] = "none"
    reward: RewardState | None = None
    refused_duplicates: int = 0


Update = dict[str, Any]


def _registered(event: LeadRegistered) -> Lead:
    return Lead(
        status="new",
        lead_id=event.lead_id,
        company_name=event.company_name,
        credit_code=event.credit_code,
        industry=event.industry,
        planned_investment=event.planned_investment,
        park_id=event.park_id,
        platform=event.platform,
        referrer_id=event.referrer_id,
        registered_on=event.registered_on,
    )


def _flagged(state: Lead, event: PossibleDuplicateFlagged) -> Update:
    return {"possible_duplicate_of": event.of_lead_ids, "duplicate_status": "open"}


def _reward_paid(state: Lead, event: RewardPaid) -> Update:
    if state.reward is None:
        return {}
    return {"reward": state.reward.model_copy(update={"paid": state.reward.paid + event.amount})}


UPDATES: dict[type[BaseModel], Callable[[Lead, Any], Update]] = {
    DuplicateLeadRefused: lambda s, e: {"refused_duplicates": s.refused_duplicates + 1},
    PossibleDuplicateFlagged: _flagged,
    PossibleDuplicateResolved: lambda s, e: {"duplicate_status": e.resolution},
    LeadContacted: lambda s, e: {"status": "contacted"},
    LeadNegotiating: lambda s, e: {"status": "negotiating"},
    LeadSigned: lambda s, e: {"status": "signed", "signed_amount": e.signed_amount, "signed_on": e.signed_on},
    LeadRegisteredForService: lambda s, e: {"status": "registered", "case_id": e.case_id},
    LeadLanded: lambda s, e: {"status": "landed", "case_id": e.case_id},
    LeadLost: lambda s, e: {"status": "lost"},
    RewardGranted: lambda s, e: {"reward": RewardState(reward_id=e.reward_id, amount=e.amount)},
    RewardPaid: _reward_paid,
}


def evolve(state: Lead, event: LeadEvent) -> Lead:
    if isinstance(event, LeadRegistered):
        return _registered(event)
    update = UPDATES.get(type(event))
    return state.model_copy(update=update(state, event)) if update is not None else state
