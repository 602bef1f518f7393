"""Reactions to headquarters' and service-center's events: each turns one event into one
command, carrying the delivery's context so a redelivered event has one effect."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import TypeVar

from park_shared.consumer import Delivery, Reaction
from park_shared.events import type_name
from pydantic import BaseModel

from park_investment.application.service import Investment
from park_investment.domain.lead_commands import LandLead, RegisterForService
from park_investment.domain.parcel_listing import (
    RecordParcelAllocated,
    RecordParcelReleased,
    RecordParcelServiced,
    parcel_stream,
)
from park_investment.domain.reward import RewardTerms
from park_investment.domain.reward_policy import (
    RecordPolicyPublished,
    RecordPolicyRevoked,
    RecordPolicySuperseded,
    policy_stream,
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


def _typed(
    cls: type[E], fn: Callable[[Investment, E, Delivery], Awaitable[None]]
) -> Callable[[Investment, Delivery], Awaitable[None]]:
    async def react(inv: Investment, delivery: Delivery) -> None:
        if not isinstance(delivery.event, cls):
            raise TypeError(f"expected {cls.__name__}, got {type(delivery.event).__name__}")
        await fn(inv, delivery.event, delivery)

    return react


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
    await inv.policies.handle(policy_stream(event.policy_id), command, context=delivery.context)


async def on_policy_superseded(inv: Investment, event: PolicySuperseded, delivery: Delivery) -> None:
    command = RecordPolicySuperseded.model_validate(event.model_dump())
    await inv.policies.handle(policy_stream(event.policy_id), command, context=delivery.context)


async def on_policy_revoked(inv: Investment, event: PolicyRevoked, delivery: Delivery) -> None:
    command = RecordPolicyRevoked.model_validate(event.model_dump())
    await inv.policies.handle(policy_stream(event.policy_id), command, context=delivery.context)


async def on_parcel_serviced(inv: Investment, event: ParcelServiced, delivery: Delivery) -> None:
    command = RecordParcelServiced.model_validate(event.model_dump())
    await inv.parcels.handle(parcel_stream(event.parcel_id), command, context=delivery.context)


async def on_parcel_allocated(inv: Investment, event: ParcelAllocated, delivery: Delivery) -> None:
    command = RecordParcelAllocated.model_validate(event.model_dump())
    await inv.parcels.handle(parcel_stream(event.parcel_id), command, context=delivery.context)


async def on_parcel_released(inv: Investment, event: ParcelReleased, delivery: Delivery) -> None:
    command = RecordParcelReleased.model_validate(event.model_dump())
    await inv.parcels.handle(parcel_stream(event.parcel_id), command, context=delivery.context)


async def on_case_opened(inv: Investment, event: CaseOpened, delivery: Delivery) -> None:
    if event.lead_id is None:  # a walk-in: not one of our leads
        return
    command = RegisterForService(case_id=event.case_id)
    await inv.leads.handle(event.lead_id, command, expect="existing", context=delivery.context)


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
        reward_id=f"reward-{event.lead_id}",
        today=inv.today(),
    )
    await inv.leads.handle(event.lead_id, command, expect="existing", context=delivery.context)


def reactions(inv: Investment) -> dict[str, Reaction]:
    hq, sc = "headquarters", "service-center"
    table: list[tuple[str, str, Callable[[Investment, Delivery], Awaitable[None]]]] = [
        (hq, "PolicyPublished", _typed(PolicyPublished, on_policy_published)),
        (hq, "PolicySuperseded", _typed(PolicySuperseded, on_policy_superseded)),
        (hq, "PolicyRevoked", _typed(PolicyRevoked, on_policy_revoked)),
        (hq, "ParcelServiced", _typed(ParcelServiced, on_parcel_serviced)),
        (hq, "ParcelAllocated", _typed(ParcelAllocated, on_parcel_allocated)),
        (hq, "ParcelReleased", _typed(ParcelReleased, on_parcel_released)),
        (sc, "CaseOpened", _typed(CaseOpened, on_case_opened)),
        (sc, "EnterpriseCommissioned", _typed(EnterpriseCommissioned, on_enterprise_commissioned)),
    ]
    return {type_name(service, name, 1): partial(fn, inv) for service, name, fn in table}
