"""A tiny domain for the pipeline contract: accounts that are credited."""

from __future__ import annotations

from collections.abc import Sequence

from park_shared.decider import Decider
from park_shared.events import Event, EventRegistry, RecordedEvent
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

registry = EventRegistry("contract")


@registry.event()
class Credited(Event):
    account: str
    amount: int


class Credit(BaseModel):
    account: str
    amount: int


def decide(command: Credit, balance: int) -> Sequence[Credited]:
    return [Credited(account=command.account, amount=command.amount)]


def evolve(balance: int, event: Credited) -> int:
    return balance + event.amount


accounts: Decider[Credit, int, Credited] = Decider(0, decide, evolve)


class Balances:
    name = "balances"
    collections = ("balances",)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if isinstance(event, Credited):
            doc = await view.get("balances", event.account) or {"account": event.account, "total": 0}
            view.put("balances", event.account, {**doc, "total": doc["total"] + event.amount})
