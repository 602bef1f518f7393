"""Offering use cases that need more than one command or read model: subscribing (pseudonym +
sealed details) and the shareholder register (holders with their details opened)."""

from __future__ import annotations

from decimal import Decimal

from park_shared.handler import CommandContext
from park_shared.projections.port import Doc

from park_industrial_co.application.context import IndustrialCo
from park_industrial_co.application.investors import Investor, identify, investor_id, opened
from park_industrial_co.domain import offering
from park_industrial_co.projections.investors import INVESTORS
from park_industrial_co.projections.register import SHAREHOLDERS

__all__ = ["holders", "subscribe"]


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


async def holders(ic: IndustrialCo, offering_id: str) -> list[Doc]:
    """The offering's shareholders, most shares first, each with its investor's details opened
    (name and identifier hint null, `erased` true, once erased)."""
    read_models = await ic.read_models()
    found = await read_models.find(SHAREHOLDERS, {"offering_id": offering_id})
    rows = []
    for holder in sorted(found, key=lambda h: (-int(h["shares"]), h["investor_id"])):
        investor = await opened(ic, await read_models.get(INVESTORS, holder["investor_id"]) or {})
        details = {f: investor[f] for f in ("name", "identifier_hint", "erased")}
        rows.append({**holder, **details})
    return rows
