"""Offering use cases that need more than one command: subscribing (pseudonym + sealed details)."""

from __future__ import annotations

from decimal import Decimal

from park_shared.handler import CommandContext

from park_industrial_co.application.context import IndustrialCo
from park_industrial_co.application.investors import Investor, identify, investor_id
from park_industrial_co.domain import offering

__all__ = ["subscribe"]


async def subscribe(
    ic: IndustrialCo, context: CommandContext, offering_id: str, investor: Investor, amount: Decimal
) -> str:
    """Places a subscription under the investor's pseudonym; only after it is stored are the
    investor's sealed details recorded (a refused subscription leaves no trace)."""
    pseudonym = investor_id(ic.pseudonym_key, investor)
    command = offering.PlaceSubscription(
        subscription_id=ic.new_id("sub"),
        investor_id=pseudonym,
        investor_type=investor.type,
        amount=amount,
        on=ic.today(),
        at=ic.now(),
    )
    await ic.offerings.handle(offering_id, command, context)
    await identify(ic, context, pseudonym, investor)
    return command.subscription_id
