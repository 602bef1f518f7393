"""Registering a lead (validation, duplicate refusal, the possible-duplicate flag) and
resolving the flag (merge into the earlier lead, or confirm distinct)."""

from __future__ import annotations

from park_shared.errors import Conflict, Invalid
from park_shared.identifiers import InvalidCreditCode, normalise_credit_code

from park_investment.domain.lead_commands import RegisterLead, ResolvePossibleDuplicate
from park_investment.domain.lead_events import (
    DuplicateLeadRefused,
    LeadEvent,
    LeadLost,
    LeadRegistered,
    PossibleDuplicateFlagged,
    PossibleDuplicateResolved,
)
from park_investment.domain.lead_state import Lead

__all__ = ["register", "resolve"]

MERGEABLE = ("new", "contacted", "negotiating")


def register(command: RegisterLead, state: Lead) -> list[LeadEvent]:
    """A new lead, or (the code is taken) the refusal, recorded against the existing lead."""
    _validate(command)
    if state.status != "none":
        return [
            DuplicateLeadRefused(
                existing_lead_id=state.lead_id,
                platform=command.platform,
                park_id=command.park_id,
                refused_on=command.registered_on,
            )
        ]
    events: list[LeadEvent] = [_registered(command)]
    others = tuple(sorted(set(command.same_name_leads) - {command.lead_id}))
    if others:
        events.append(
            PossibleDuplicateFlagged(
                lead_id=command.lead_id, normalised_name=command.normalised_name, of_lead_ids=others
            )
        )
    return events


def _registered(command: RegisterLead) -> LeadRegistered:
    return LeadRegistered(
        lead_id=command.lead_id,
        company_name=command.company_name.strip(),
        credit_code=command.credit_code,
        industry=command.industry,
        planned_investment=command.planned_investment,
        park_id=command.park_id,
        platform=command.platform,
        referrer_id=command.referrer_id,
        registered_on=command.registered_on,
    )


def _validate(command: RegisterLead) -> None:
    try:
        normalise_credit_code(command.credit_code)
    except InvalidCreditCode as bad:
        raise Invalid(str(bad), field="credit_code") from None
    if command.park_id not in command.known_parks:
        raise Invalid(
            f"unknown park {command.park_id!r}; the parks are {', '.join(command.known_parks)}",
            field="park_id",
        )
    if command.platform != "online" and command.referrer_id is None:
        raise Invalid(f"a {command.platform} lead needs its referrer", field="referrer_id")
    if command.planned_investment < 0:
        raise Invalid("the planned investment cannot be negative", field="planned_investment")
    if not command.normalised_name:
        raise Invalid("the company name has no name beyond its company form", field="company_name")


def resolve(command: ResolvePossibleDuplicate, state: Lead) -> list[LeadEvent]:
    if state.duplicate_status != "open":
        raise Conflict(
            "this lead has no open possible-duplicate flag",
            lead_id=state.lead_id,
            duplicate_status=state.duplicate_status,
        )
    if command.resolution == "distinct":
        return [_resolved(state, "distinct", None, command)]
    into = _merge_target(command, state)
    if state.status not in MERGEABLE:
        raise Conflict(
            f"a {state.status} lead cannot be merged any more", lead_id=state.lead_id, stage=state.status
        )
    return [
        _resolved(state, "merged", into, command),
        LeadLost(lead_id=state.lead_id, reason=f"merged into {into} (duplicate)", stage=state.status),
    ]


def _merge_target(command: ResolvePossibleDuplicate, state: Lead) -> str:
    if command.into_lead_id is None and len(state.possible_duplicate_of) == 1:
        return state.possible_duplicate_of[0]
    if command.into_lead_id not in state.possible_duplicate_of:
        raise Invalid(
            f"merge into one of the flagged leads: {', '.join(state.possible_duplicate_of)}",
            field="into_lead_id",
        )
    return command.into_lead_id


def _resolved(
    state: Lead, resolution: str, into: str | None, command: ResolvePossibleDuplicate
) -> PossibleDuplicateResolved:
    return PossibleDuplicateResolved(
        lead_id=state.lead_id,
        resolution="merged" if resolution == "merged" else "distinct",
        into_lead_id=into,
        platform=state.platform,
        park_id=state.park_id,
        resolved_on=command.on,
    )
