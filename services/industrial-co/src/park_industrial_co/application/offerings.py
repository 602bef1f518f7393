"""Offering use cases that need more than one command: subscribing (pseudonym + sealed details)."""

from __future__ import annotations

from decimal import Decimal

from park_shared.auth import Principal
from park_shared.runtime import Runtime

from park_industrial_co.application.handlers import execute
from park_industrial_co.application.ids import new_id
from park_industrial_co.application.investors import Investor, identify, investor_id
from park_industrial_co.domain import offering
from park_industrial_co.settings import IndustrialCoSettings

__all__ = ["subscribe"]


def _key(runtime: Runtime) -> str:
    settings = runtime.settings
    if not isinstance(settings, IndustrialCoSettings):
        raise TypeError("the industrial-co runtime needs IndustrialCoSettings")
    return settings.ic_pseudonym_key.get_secret_value()


async def subscribe(
    runtime: Runtime, principal: Principal, offering_id: str, investor: Investor, amount: Decimal
) -> str:
    """Places a subscription under the investor's pseudonym; only after it is stored are the
    investor's sealed details recorded (a refused subscription leaves no trace)."""
    pseudonym = investor_id(_key(runtime), investor)
    command = offering.PlaceSubscription(
        subscription_id=new_id("sub"),
        investor_id=pseudonym,
        investor_type=investor.type,
        amount=amount,
        on=runtime.today(),
        at=runtime.now(),
    )
    await execute(runtime, principal, offering.decider, offering_id, command)
    await identify(runtime, principal, pseudonym, investor)
    return command.subscription_id
