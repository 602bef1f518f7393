"""Reactions to other services' events: headquarters' parcels become our local parcels, its
signed requisition agreements our payables, its fee schedules' facility items our local fee
schedule (bookings are charged by it), and its revocations of department tokens are refused by
our auth (park_shared.revocation)."""

from __future__ import annotations

from park_shared.consumer import Delivery, Reaction
from park_shared.events import type_name
from park_shared.reacting import on
from park_shared.revocation import revocation_reactions

from park_industrial_co.application.context import IndustrialCo
from park_industrial_co.domain import fee_schedule, land_compensation, parcel
from park_industrial_co.readings import (
    AgreementSigned,
    ParcelRegistered,
    PolicyPublished,
    PolicyRevoked,
    PolicySuperseded,
)

__all__ = ["reactions"]


def reactions(ic: IndustrialCo) -> dict[str, Reaction]:
    async def parcel_registered(event: ParcelRegistered, delivery: Delivery) -> None:
        command = parcel.RecordParcel(
            parcel_id=event.parcel_id,
            park_id=event.park_id,
            code=event.code,
            planned_use=event.planned_use,
            area_m2=event.area_m2,
        )
        await ic.parcels.handle(event.parcel_id, command, delivery.context)

    async def agreement_signed(event: AgreementSigned, delivery: Delivery) -> None:
        command = land_compensation.RecordAgreement(
            case_id=event.case_id,
            collective_id=event.collective_id,
            amount=event.amount,
            signed_on=event.signed_on,
        )
        await ic.compensations.handle(event.case_id, command, delivery.context)

    async def policy_published(event: PolicyPublished, delivery: Delivery) -> None:
        if event.kind != "fee_schedule":
            return
        items = tuple(
            fee_schedule.FacilityFeeItem.model_validate(item)
            for item in event.terms.get("items", ())
            if item.get("phase") == "facility_use"
        )
        command = fee_schedule.RecordFeeSchedule(
            policy_id=event.policy_id,
            version=event.version,
            effective_from=event.effective_from,
            published_at=event.published_at,
            items=items,
        )
        await ic.fee_schedules.handle(event.policy_id, command, delivery.context)

    async def policy_superseded(event: PolicySuperseded, delivery: Delivery) -> None:
        command = fee_schedule.RecordFeeScheduleSuperseded(
            policy_id=event.policy_id, version=event.version, effective_until=event.effective_until
        )
        await ic.fee_schedules.handle(event.policy_id, command, delivery.context)

    async def policy_revoked(event: PolicyRevoked, delivery: Delivery) -> None:
        command = fee_schedule.RecordFeeScheduleRevoked(
            policy_id=event.policy_id, version=event.version, revoked_on=event.revoked_on
        )
        await ic.fee_schedules.handle(event.policy_id, command, delivery.context)

    revocations = revocation_reactions(ic.runtime.registry, lambda: ic.runtime.read_models)
    return {
        type_name("headquarters", "ParcelRegistered", 1): on(ParcelRegistered, parcel_registered),
        type_name("headquarters", "AgreementSigned", 1): on(AgreementSigned, agreement_signed),
        type_name("headquarters", "PolicyPublished", 1): on(PolicyPublished, policy_published),
        type_name("headquarters", "PolicySuperseded", 1): on(PolicySuperseded, policy_superseded),
        type_name("headquarters", "PolicyRevoked", 1): on(PolicyRevoked, policy_revoked),
        **revocations,
    }
