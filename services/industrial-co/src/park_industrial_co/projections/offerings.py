"""Offerings and their subscriptions (no names, no identity numbers: investor ids only)."""

from __future__ import annotations

from park_shared.events import RecordedEvent
from park_shared.projections.port import Doc
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_industrial_co.domain.offering import events
from park_industrial_co.projections._json import add, plain

__all__ = ["OFFERINGS", "SUBSCRIPTIONS", "OfferingsProjection"]

OFFERINGS = "offerings"
SUBSCRIPTIONS = "subscriptions"

ZERO = "0.00"


class OfferingsProjection:
    name: str = "offerings"
    collections: tuple[str, ...] = (OFFERINGS, SUBSCRIPTIONS)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if isinstance(event, events.OfferingDrafted):
            totals = {"subscribed_amount": ZERO, "paid_amount": ZERO, "refunded_amount": ZERO}
            view.put(OFFERINGS, event.offering_id, plain(event, status="drafted", **totals))
            return
        offering_id = getattr(event, "offering_id", None)
        if not isinstance(offering_id, str):
            return
        doc = await view.get(OFFERINGS, offering_id)
        if doc is not None:
            await self._apply(event, doc, view)
            view.put(OFFERINGS, offering_id, doc)

    async def _apply(self, event: BaseModel, offering: Doc, view: ProjectionView) -> None:
        _offering(event, offering)
        if isinstance(event, events.SubscriptionPlaced):
            doc = plain(event, status="placed", allotted_shares=0, allotted_amount=ZERO)
            view.put(SUBSCRIPTIONS, event.subscription_id, {**doc, "refund_due": ZERO, "refunded": False})
            return
        changes = _subscription_changes(event)
        subscription_id = getattr(event, "subscription_id", None)
        if changes and isinstance(subscription_id, str):
            await _subscription(view, subscription_id, **changes)


def _offering(event: BaseModel, offering: Doc) -> None:
    """The offering's own status and running totals."""
    match event:
        case events.OfferingOpened():
            offering["status"] = "open"
        case events.OfferingClosed():
            offering.update(plain(event, status="closed"))
        case events.OfferingCancelled():
            offering.update(plain(event, status="cancelled"))
        case events.SubscriptionPlaced():
            add(offering, "subscribed_amount", event.amount)
        case events.SubscriptionWithdrawn() | events.SubscriptionLapsed():
            add(offering, "subscribed_amount", -event.amount)
        case events.SubscriptionPaid():
            add(offering, "paid_amount", event.amount)
        case events.RefundPaid():
            add(offering, "refunded_amount", event.amount)


def _subscription_changes(event: BaseModel) -> Doc:
    """What an event changes on its subscription's document."""
    match event:
        case events.SubscriptionPaid():
            return {"status": "paid"}
        case events.SubscriptionWithdrawn():
            return {"status": "withdrawn"}
        case events.SubscriptionLapsed():
            return {"status": "lapsed"}
        case events.SharesAllotted():
            allotted = {"allotted_shares": event.shares, "allotted_amount": str(event.amount)}
            return {"status": "allotted", **allotted, "refund_due": str(event.refund_due)}
        case events.SubscriptionCancelled():
            return {"status": "cancelled", "refund_due": str(event.refund_due)}
        case events.RefundPaid():
            return {"refunded": True, "refunded_on": str(event.paid_on)}
    return {}


async def _subscription(view: ProjectionView, subscription_id: str, **changes: object) -> None:
    doc = await view.get(SUBSCRIPTIONS, subscription_id)
    if doc is not None:
        view.put(SUBSCRIPTIONS, subscription_id, {**doc, **changes})
