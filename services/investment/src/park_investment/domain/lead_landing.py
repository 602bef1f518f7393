"""The lead's service-center side: registered (CaseOpened), landed (EnterpriseCommissioned)
with its reward granted once, and the reward's payouts."""

from __future__ import annotations

from park_shared.errors import Conflict, Invalid, NotFound

from park_investment.domain.lead_commands import LandLead, PayReward, RegisterForService
from park_investment.domain.lead_events import (
    LeadEvent,
    LeadLanded,
    LeadRegisteredForService,
    RewardGranted,
    RewardPaid,
)
from park_investment.domain.lead_state import Lead
from park_investment.domain.reward import compute_reward

__all__ = ["land", "pay", "register_for_service"]


def register_for_service(command: RegisterForService, state: Lead) -> list[LeadEvent]:
    if state.status == "signed":
        return [LeadRegisteredForService(lead_id=state.lead_id, case_id=command.case_id)]
    if state.status == "lost" or state.case_id == command.case_id:
        return []
    raise Conflict(
        f"a {state.status} lead cannot get service case {command.case_id}",
        lead_id=state.lead_id,
        stage=state.status,
        case_id=state.case_id,
    )


def land(command: LandLead, state: Lead) -> list[LeadEvent]:
    if state.status in ("landed", "lost"):
        return []
    events: list[LeadEvent] = []
    if state.status == "signed":
        events.append(LeadRegisteredForService(lead_id=state.lead_id, case_id=command.case_id))
    elif state.status != "registered":
        raise Conflict(f"a {state.status} lead cannot land", lead_id=state.lead_id, stage=state.status)
    events.append(LeadLanded(lead_id=state.lead_id, case_id=command.case_id, landed_on=command.landed_on))
    return events + _reward(command, state)


def _reward(command: LandLead, state: Lead) -> list[LeadEvent]:
    if state.referrer_id is None or command.policy is None or state.signed_amount is None:
        return []
    amount = compute_reward(command.policy.terms, state.signed_amount)
    if amount <= 0:
        return []
    return [
        RewardGranted(
            reward_id=command.reward_id,
            lead_id=state.lead_id,
            referrer_id=state.referrer_id,
            amount=amount,
            policy_id=command.policy.policy_id,
            policy_version=command.policy.version,
            granted_on=command.granted_on,
        )
    ]


def pay(command: PayReward, state: Lead) -> list[LeadEvent]:
    reward = state.reward
    if reward is None or reward.reward_id != command.reward_id:
        raise NotFound(f"there is no reward {command.reward_id}", reward_id=command.reward_id)
    if command.amount <= 0:
        raise Invalid("a payout must be more than zero", field="amount")
    outstanding = reward.amount - reward.paid
    if command.amount > outstanding:
        raise Conflict(
            f"the payout {command.amount} exceeds what is outstanding ({outstanding})",
            reward_id=reward.reward_id,
            outstanding=str(outstanding),
        )
    return [RewardPaid(reward_id=reward.reward_id, amount=command.amount, paid_on=command.paid_on)]
