"""The lead (招商线索): registration with duplicate refusal, the funnel, the reward.

new → contacted → negotiating → signed → registered (CaseOpened) → landed (commissioned);
lost with a reason from any stage before landed. The stream id is derived from the credit
code, so the store's optimistic concurrency refuses a second lead for one code."""

from __future__ import annotations

from collections.abc import Sequence

from park_shared.decider import Decider
from park_shared.errors import Conflict, Invalid, NotFound

from park_investment.domain import lead_landing as landing
from park_investment.domain import lead_registration as registration
from park_investment.domain.lead_commands import (
    AdvanceLead,
    LandLead,
    LeadCommand,
    LoseLead,
    PayReward,
    RegisterForService,
    RegisterLead,
    ResolvePossibleDuplicate,
    SignLead,
)
from park_investment.domain.lead_events import (
    LeadContacted,
    LeadEvent,
    LeadLost,
    LeadNegotiating,
    LeadSigned,
)
from park_investment.domain.lead_state import Lead, evolve

__all__ = ["ACTIVE", "Lead", "decide", "evolve", "lead_decider"]

ACTIVE = ("new", "contacted", "negotiating", "signed", "registered")
"""The stages a lead can be lost from."""

NEXT: dict[str, str] = {"contacted": "new", "negotiating": "contacted"}


def decide(command: LeadCommand, state: Lead) -> Sequence[LeadEvent]:
    if isinstance(command, RegisterLead):
        return registration.register(command, state)
    if state.status == "none":
        raise NotFound("there is no such lead", lead_id=state.lead_id or None)
    match command:
        case AdvanceLead():
            return _advance(command, state)
        case SignLead():
            return _sign(command, state)
        case LoseLead():
            return _lose(command, state)
        case ResolvePossibleDuplicate():
            return registration.resolve(command, state)
        case RegisterForService():
            return landing.register_for_service(command, state)
        case LandLead():
            return landing.land(command, state)
        case PayReward():
            return landing.pay(command, state)


def _advance(command: AdvanceLead, state: Lead) -> list[LeadEvent]:
    if command.to in ("registered", "landed"):
        raise Conflict(
            f"a lead becomes {command.to} only when service-center reports it, not by hand",
            lead_id=state.lead_id,
            stage=state.status,
        )
    if command.to == "signed":
        raise Conflict(
            "a lead is signed with its agreement (POST /leads/{id}/agreement)",
            lead_id=state.lead_id,
            stage=state.status,
        )
    if state.status != NEXT[command.to]:
        raise Conflict(
            f"a lead becomes {command.to} from {NEXT[command.to]}; this one is {state.status}",
            lead_id=state.lead_id,
            stage=state.status,
        )
    if command.to == "contacted":
        return [LeadContacted(lead_id=state.lead_id, contacted_on=command.on)]
    return [LeadNegotiating(lead_id=state.lead_id, negotiating_since=command.on)]


def _sign(command: SignLead, state: Lead) -> list[LeadEvent]:
    if state.status != "negotiating":
        raise Conflict(
            f"only a lead in negotiation can be signed; this one is {state.status}",
            lead_id=state.lead_id,
            stage=state.status,
        )
    _check_agreement(command, state)
    green = command.green_channel_requested or command.signed_amount >= command.green_channel_threshold
    return [
        LeadSigned(
            lead_id=state.lead_id,
            company_name=state.company_name,
            credit_code=state.credit_code,
            industry=state.industry,
            park_id=state.park_id,
            planned_investment=state.planned_investment,
            signed_amount=command.signed_amount,
            signed_on=command.signed_on,
            preferred_parcel_id=command.preferred_parcel_id,
            platform=state.platform,
            referrer_id=state.referrer_id,
            green_channel=green,
        )
    ]


def _check_agreement(command: SignLead, state: Lead) -> None:
    if command.signed_amount <= 0:
        raise Invalid("the signed investment must be more than zero", field="signed_amount")
    if command.signed_on > command.today:
        raise Invalid("an agreement cannot be signed in the future", field="signed_on")
    if state.registered_on is not None and command.signed_on < state.registered_on:
        raise Invalid("an agreement cannot be signed before the lead was registered", field="signed_on")
    parcel = command.preferred_parcel_id
    if parcel is not None and not parcel.startswith(f"{state.park_id}-"):
        raise Invalid(f"the preferred parcel must be in park {state.park_id}", field="preferred_parcel_id")


def _lose(command: LoseLead, state: Lead) -> list[LeadEvent]:
    if state.status not in ACTIVE:
        raise Conflict(f"a {state.status} lead cannot be lost", lead_id=state.lead_id, stage=state.status)
    if not command.reason.strip():
        raise Invalid("a lost lead needs a reason", field="reason")
    return [LeadLost(lead_id=state.lead_id, reason=command.reason.strip(), stage=state.status)]


lead_decider: Decider[LeadCommand, Lead, LeadEvent] = Decider(Lead(), decide, evolve)
