"""Oversight of industrial-co's share offerings: headquarters records each closed offering."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.events import Event
from pydantic import BaseModel, ConfigDict

__all__ = ["ClosedOffering", "OfferingClosureRecorded", "OfferingState", "RecordOfferingClosed", "decider"]


# an offering industrial-co closed, as headquarters records and shows it
class ClosedOffering(BaseModel):
    model_config = ConfigDict(frozen=True)

    offering_id: str
    title: str
    target_amount: Decimal
    raised_amount: Decimal
    shares_issued: int
    holders: int
    closed_on: date


class RecordOfferingClosed(ClosedOffering, Command):
    pass


class OfferingClosureRecorded(RecordOfferingClosed, Event):
    pass


class OfferingState(BaseModel):
    model_config = ConfigDict(frozen=True)

    recorded: bool = False


def decide(command: RecordOfferingClosed, state: OfferingState) -> Sequence[OfferingClosureRecorded]:
    if state.recorded:
        return []  # an offering closes once
    return [OfferingClosureRecorded(**command.model_dump())]


def evolve(state: OfferingState, event: OfferingClosureRecorded) -> OfferingState:
    return OfferingState(recorded=True)


decider: Decider[RecordOfferingClosed, OfferingState, OfferingClosureRecorded] = Decider(
    OfferingState(), decide, evolve
)
