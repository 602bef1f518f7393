"""Reactions to headquarters' and service-center's events: each turns one event into one
command, carrying the delivery's context so a redelivered event has one effect."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from park_shared.consumer import Delivery, Reaction
from park_shared.events import type_name
from park_shared.handler import CommandContext
from pydantic import BaseModel

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

E = TypeVar("E", bound=BaseModel)


async def on_policy_published(inv: Investment, event: PolicyPublished, context: CommandContext) -> None:
    if event.kind != "reward":
        return
    command = RecordPolicyPublished(
        policy_id=event.policy_id,
        version=event.version,
        title=event.title,
        effective_from=event.effective_from,
        terms=RewardTerms.model_validate(event.terms),
    )
    await inv.reward_policies.handle(event.policy_id, command, context)


async def on_policy_superseded(inv: Investment, event: PolicySuperseded, context: CommandContext) -> None:
    command = RecordPolicySuperseded(
        policy_id=event.policy_id,
        version=event.version,
        superseded_by=event.superseded_by,
        effective_until=event.effective_until,
    )
    await inv.reward_policies.handle(event.policy_id, command, context)


async def on_policy_revoked(inv: Investment, event: PolicyRevoked, context: CommandContext) -> None:
    command = RecordPolicyRevoked(
        policy_id=event.policy_id, version=event.version, revoked_on=event.revoked_on
    )
    await inv.reward_policies.handle(event.policy_id, command, context)


def _on_offer(event: ParcelServiced | ParcelReleased) -> ParcelOnOffer:
    return ParcelOnOffer(
        parcel_id=event.parcel_id,
        park_id=event.park_id,
        code=event.code,
        planned_use=event.planned_use,
        area_m2=event.area_m2,
    )


async def on_parcel_serviced(inv: Investment, event: ParcelServiced, context: CommandContext) -> None:
    command = RecordParcelServiced(parcel=_on_offer(event), serviced_on=event.serviced_on)
    await inv.parcel_listings.handle(event.parcel_id, command, context)


async def on_parcel_allocated(inv: Investment, event: ParcelAllocated, context: CommandContext) -> None:
    command = RecordParcelAllocated(
        parcel_id=event.parcel_id, park_id=event.park_id, allocated_on=event.allocated_on
    )
    await inv.parcel_listings.handle(event.parcel_id, command, context)


async def on_parcel_released(inv: Investment, event: ParcelReleased, context: CommandContext) -> None:
    command = RecordParcelReleased(
        parcel=_on_offer(event), serviced_on=event.serviced_on, released_on=event.released_on
    )
    await inv.parcel_listings.handle(event.parcel_id, command, context)


async def on_case_opened(inv: Investment, event: CaseOpened, context: CommandContext) -> None:
    if event.lead_id is None:  # a walk-in: not one of our leads
        return
    await inv.leads.handle(event.lead_id, RegisterForService(case_id=event.case_id), context)


async def on_enterprise_commissioned(
    inv: Investment, event: EnterpriseCommissioned, context: CommandContext
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
    await inv.leads.handle(event.lead_id, command, context)


def reactions(inv: Investment) -> dict[str, Reaction]:
    """What each of their events that we read does here, by its type."""
    hq, sc = "headquarters", "service-center"
    return {
        type_name(hq, "PolicyPublished", 1): _on(inv, PolicyPublished, on_policy_published),
        type_name(hq, "PolicySuperseded", 1): _on(inv, PolicySuperseded, on_policy_superseded),
        type_name(hq, "PolicyRevoked", 1): _on(inv, PolicyRevoked, on_policy_revoked),
        type_name(hq, "ParcelServiced", 1): _on(inv, ParcelServiced, on_parcel_serviced),
        type_name(hq, "ParcelAllocated", 1): _on(inv, ParcelAllocated, on_parcel_allocated),
        type_name(hq, "ParcelReleased", 1): _on(inv, ParcelReleased, on_parcel_released),
        type_name(sc, "CaseOpened", 1): _on(inv, CaseOpened, on_case_opened),
        type_name(sc, "EnterpriseCommissioned", 1): _on(
            inv, EnterpriseCommissioned, on_enterprise_commissioned
        ),
    }


def _on(
    inv: Investment, kind: type[E], react: Callable[[Investment, E, CommandContext], Awaitable[None]]
) -> Reaction:
    async def reaction(delivery: Delivery) -> None:
        if not isinstance(delivery.event, kind):
            raise TypeError(f"expected {kind.__name__}, got {type(delivery.event).__name__}")
        await react(inv, delivery.event, delivery.context)

    return reaction
