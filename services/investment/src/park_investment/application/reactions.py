"""Reactions to headquarters' and service-center's events: each turns one event into one
command, carrying the delivery's context so a redelivered event has one effect."""

from __future__ import annotations

from functools import partial

from park_shared.consumer import Delivery, Reaction
from park_shared.events import type_name
from park_shared.reacting import on

from park_investment.application.context import Investment
from park_investment.domain.lead_commands import LandLead, RegisterForService, reward_id_for
from park_investment.domain.parcel_listing import (
    ParcelOnOffer,
    RecordParcelAllocated,
    RecordParcelReleased,
    RecordParcelServiced,
)
from park_investment.domain.reward import RewardTerms
from park_investment.domain.reward_policy import (
    RecordPolicyPublished,
    RecordPolicyRevoked,
    RecordPolicySuperseded,
)
from park_investment.readings import (
    CaseOpened,
    EnterpriseCommissioned,
    ParcelAllocated,
    ParcelReleased,
    ParcelServiced,
    PolicyPublished,
    PolicyRevoked,
    PolicySuperseded,
)

__all__ = ["reactions"]


async def on_policy_published(inv: Investment, event: PolicyPublished, delivery: Delivery) -> None:
    if event.kind != "reward":
        return
    command = RecordPolicyPublished(
        policy_id=event.policy_id,
        version=event.version,
        title=event.title,
        effective_from=event.effective_from,
        terms=RewardTerms.model_validate(event.terms),
    )
    await inv.reward_policies.handle(event.policy_id, command, delivery.context)


async def on_policy_superseded(inv: Investment, event: PolicySuperseded, delivery: Delivery) -> None:
    command = RecordPolicySuperseded(
        policy_id=event.policy_id,
        version=event.version,
        superseded_by=event.superseded_by,
        effective_until=event.effective_until,
    )
    await inv.reward_policies.handle(event.policy_id, command, delivery.context)


async def on_policy_revoked(inv: Investment, event: PolicyRevoked, delivery: Delivery) -> None:
    command = RecordPolicyRevoked(
        policy_id=event.policy_id, version=event.version, revoked_on=event.revoked_on
    )
    await inv.reward_policies.handle(event.policy_id, command, delivery.context)


def _on_offer(event: ParcelServiced | ParcelReleased) -> ParcelOnOffer:
    return ParcelOnOffer(
        parcel_id=event.parcel_id,
        park_id=event.park_id,
        code=event.code,
        planned_use=event.planned_use,
        area_m2=event.area_m2,
    )


async def on_parcel_serviced(inv: Investment, event: ParcelServiced, delivery: Delivery) -> None:
    command = RecordParcelServiced(parcel=_on_offer(event), serviced_on=event.serviced_on)
    await inv.parcel_listings.handle(event.parcel_id, command, delivery.context)


async def on_parcel_allocated(inv: Investment, event: ParcelAllocated, delivery: Delivery) -> None:
    command = RecordParcelAllocated(
        parcel_id=event.parcel_id, park_id=event.park_id, allocated_on=event.allocated_on
    )
    await inv.parcel_listings.handle(event.parcel_id, command, delivery.context)


async def on_parcel_released(inv: Investment, event: ParcelReleased, delivery: Delivery) -> None:
    command = RecordParcelReleased(
        parcel=_on_offer(event), serviced_on=event.serviced_on, released_on=event.released_on
    )
    await inv.parcel_listings.handle(event.parcel_id, command, delivery.context)


async def on_case_opened(inv: Investment, event: CaseOpened, delivery: Delivery) -> None:
    if event.lead_id is None:  # a walk-in: not one of our leads
        return
    await inv.leads.handle(event.lead_id, RegisterForService(case_id=event.case_id), delivery.context)


async def on_enterprise_commissioned(
    inv: Investment, event: EnterpriseCommissioned, delivery: Delivery
) -> None:
    if event.lead_id is None:
        return
    lead, _ = await inv.leads.load(event.lead_id)
    signed_on = lead.signed_on
    policy = await inv.reward_policy_on(signed_on) if signed_on and lead.referrer_id else None
    command = LandLead(
        case_id=event.case_id,
        landed_on=event.commissioned_on,
        policy=policy,
        reward_id=reward_id_for(event.lead_id),
        granted_on=inv.today(),
    )
    await inv.leads.handle(event.lead_id, command, delivery.context)


def reactions(inv: Investment) -> dict[str, Reaction]:
    """What each of their events that we read does here, by its type."""
    hq, sc = "headquarters", "service-center"
    return {
        type_name(hq, "PolicyPublished", 1): on(PolicyPublished, partial(on_policy_published, inv)),
        type_name(hq, "PolicySuperseded", 1): on(PolicySuperseded, partial(on_policy_superseded, inv)),
        type_name(hq, "PolicyRevoked", 1): on(PolicyRevoked, partial(on_policy_revoked, inv)),
        type_name(hq, "ParcelServiced", 1): on(ParcelServiced, partial(on_parcel_serviced, inv)),
        type_name(hq, "ParcelAllocated", 1): on(ParcelAllocated, partial(on_parcel_allocated, inv)),
        type_name(hq, "ParcelReleased", 1): on(ParcelReleased, partial(on_parcel_released, inv)),
        type_name(sc, "CaseOpened", 1): on(CaseOpened, partial(on_case_opened, inv)),
        type_name(sc, "EnterpriseCommissioned", 1): on(
            EnterpriseCommissioned, partial(on_enterprise_commissioned, inv)
        ),
    }
