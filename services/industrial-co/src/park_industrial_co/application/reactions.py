"""Reactions to other services' events: headquarters' parcels become our local parcels."""

from __future__ import annotations

from park_shared.consumer import Delivery, Reaction
from park_shared.events import type_name
from park_shared.runtime import Runtime

from park_industrial_co.application.handlers import handler
from park_industrial_co.domain import parcel
from park_industrial_co.readings import ParcelRegistered

__all__ = ["reactions"]


def reactions(runtime: Runtime) -> dict[str, Reaction]:
    async def parcel_registered(delivery: Delivery) -> None:
        event = delivery.event
        assert isinstance(event, ParcelRegistered)
        command = parcel.RecordParcel(**event.model_dump())
        await handler(runtime, parcel.decider).handle(
            parcel.stream_id(event.parcel_id), command, context=delivery.context
        )

    return {type_name("headquarters", "ParcelRegistered", 1): parcel_registered}
