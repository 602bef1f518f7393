"""Reactions to other services' events: headquarters' parcels become our local parcels, and its
revocations of department tokens are refused by our auth (park_shared.revocation)."""

from __future__ import annotations

from park_shared.consumer import Delivery, Reaction
from park_shared.revocation import TOKEN_REVOKED, TokenRevokedReading, revocation_reactions

from park_industrial_co.application.context import IndustrialCo
from park_industrial_co.domain import parcel
from park_industrial_co.events import registry

__all__ = ["reactions"]


def reactions(ic: IndustrialCo) -> dict[str, Reaction]:
    async def parcel_registered(delivery: Delivery) -> None:
        event = delivery.event
        assert isinstance(event, parcel.ParcelRegistered)
        command = parcel.RecordParcel(
            parcel_id=event.parcel_id,
            park_id=event.park_id,
            code=event.code,
            planned_use=event.planned_use,
            area_m2=event.area_m2,
        )
        await ic.parcels.handle(event.parcel_id, command, delivery.context)

    types = ic.runtime.registry
    revocations = revocation_reactions(types, lambda: ic.runtime.read_models)
    return {types.type_of(parcel.ParcelRegistered): parcel_registered, **revocations}


# headquarters' revocations of department tokens (park_shared.revocation): refused by our auth
registry.add(TOKEN_REVOKED, TokenRevokedReading)
