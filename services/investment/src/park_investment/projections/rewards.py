"""Rewards granted and their payouts, for inv.finance. Referrers by pseudonymous id only."""

from __future__ import annotations

from decimal import Decimal

from park_shared.events import RecordedEvent
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_investment.domain.lead_events import RewardGranted, RewardPaid

__all__ = ["COLLECTION", "RewardsProjection"]

COLLECTION = "rewards"


class RewardsProjection:
    name: str = "rewards"
    collections: tuple[str, ...] = (COLLECTION,)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if isinstance(event, RewardGranted):
            doc = {
                **event.model_dump(mode="json"),
                "paid": "0.00",
                "outstanding": str(event.amount),
                "status": "granted",
                "payouts": [],
            }
            view.put(COLLECTION, event.reward_id, doc)
        elif isinstance(event, RewardPaid):
            await self._paid(event, view)

    @staticmethod
    async def _paid(event: RewardPaid, view: ProjectionView) -> None:
        doc = await view.get(COLLECTION, event.reward_id)
        if doc is None:
            return
        paid = Decimal(doc["paid"]) + event.amount
        outstanding = Decimal(doc["amount"]) - paid
        payouts = [*doc["payouts"], {"amount": str(event.amount), "paid_on": str(event.paid_on)}]
        status = "paid" if outstanding == 0 else "partly_paid"
        update = {"paid": str(paid), "outstanding": str(outstanding), "payouts": payouts, "status": status}
        view.put(COLLECTION, event.reward_id, {**doc, **update})
