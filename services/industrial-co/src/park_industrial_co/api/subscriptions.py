"""/offerings/{id}/subscriptions: subscriptions, payment confirmation, withdrawal, refunds.

The request carries an individual's identity number; it is turned into the pseudonymous
investor id at once and is never stored, logged or returned."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from fastapi import APIRouter, Depends
from park_shared.auth import Principal
from park_shared.errors import Invalid, NotFound
from park_shared.identifiers import is_credit_code, is_identity_number
from park_shared.runtime import Runtime
from park_shared.web.app import ReadModelsDep, RuntimeDep
from pydantic import BaseModel, Field

from park_industrial_co.api.deps import Finance, Manager, Staff, doc_or_404, offering_id_or_404
from park_industrial_co.api.types import PositiveMoney
from park_industrial_co.application.handlers import execute
from park_industrial_co.application.investors import Investor
from park_industrial_co.application.offerings import subscribe
from park_industrial_co.domain import offering
from park_industrial_co.domain.offering import InvestorType
from park_industrial_co.projections.offerings import SUBSCRIPTIONS

__all__ = ["router"]

router = APIRouter(prefix="/offerings/{offering_id}/subscriptions", tags=["subscriptions"])

OfferingId = Annotated[str, Depends(offering_id_or_404)]


class InvestorIn(BaseModel):
    """An SME or institution gives its credit code; a private individual an identity number."""

    type: InvestorType
    name: str = Field(min_length=1, max_length=200)
    credit_code: str | None = Field(None, description="统一社会信用代码, for an SME or institution")
    identity_number: str | None = Field(
        None, repr=False, description="居民身份证号码, for an individual; never stored or logged"
    )

    def investor(self) -> Investor:
        """The investor, once its identifier fits its type (422 naming the field otherwise)."""
        if self.type == "individual":
            given, field, valid = self.identity_number, "investor.identity_number", is_identity_number
            other, other_field = self.credit_code, "investor.credit_code"
        else:
            given, field, valid = self.credit_code, "investor.credit_code", is_credit_code
            other, other_field = self.identity_number, "investor.identity_number"
        if other is not None:
            raise Invalid(f"an investor of type {self.type} does not give this identifier", field=other_field)
        if given is None or not valid(given):
            raise Invalid(
                f"an investor of type {self.type} needs a valid 18-character {field.split('.')[1]}",
                field=field,
            )
        return Investor(self.type, self.name.strip(), given.upper())


class SubscriptionCreate(BaseModel):
    investor: InvestorIn
    amount: PositiveMoney


class SubscriptionPublic(BaseModel):
    offering_id: str
    subscription_id: str
    investor_id: str = Field(description="pseudonymous")
    investor_type: InvestorType
    amount: Decimal
    shares: int
    placed_at: datetime
    status: Literal["placed", "paid", "withdrawn", "lapsed", "allotted", "cancelled"]
    allotted_shares: int
    allotted_amount: Decimal
    refund_due: Decimal
    refunded: bool
    refunded_on: date | None = None


async def _one(runtime: Runtime, offering_id: str, subscription_id: str) -> SubscriptionPublic:
    doc = await doc_or_404(runtime.read_models, SUBSCRIPTIONS, subscription_id, "subscription")
    if doc["offering_id"] != offering_id:
        raise NotFound(f"offering {offering_id} has no subscription {subscription_id}")
    return SubscriptionPublic.model_validate(doc)


async def _act(
    runtime: Runtime,
    who: Principal,
    offering_id: str,
    subscription_id: str,
    command: offering.OfferingCommand,
) -> SubscriptionPublic:
    await execute(runtime, who, offering.decider, offering_id, command)
    return await _one(runtime, offering_id, subscription_id)


@router.post("", status_code=201, summary="Subscribe whole shares within the bounds (ic.manager)")
async def place(
    offering_id: OfferingId, body: SubscriptionCreate, runtime: RuntimeDep, who: Manager
) -> SubscriptionPublic:
    subscription_id = await subscribe(runtime, who, offering_id, body.investor.investor(), body.amount)
    return await _one(runtime, offering_id, subscription_id)


@router.get("", summary="The offering's subscriptions (pseudonymous)")
async def list_subscriptions(
    offering_id: OfferingId, read_models: ReadModelsDep, _: Staff
) -> list[SubscriptionPublic]:
    docs = await read_models.find(SUBSCRIPTIONS, {"offering_id": offering_id})
    return [SubscriptionPublic.model_validate(d) for d in sorted(docs, key=lambda d: d["placed_at"])]


@router.get("/{subscription_id}", summary="One subscription")
async def get_subscription(
    offering_id: OfferingId, subscription_id: str, _: Staff, runtime: RuntimeDep, read_models: ReadModelsDep
) -> SubscriptionPublic:
    return await _one(runtime, offering_id, subscription_id)


@router.post("/{subscription_id}/payment", summary="Confirm the money arrived (ic.finance)")
async def confirm_payment(
    offering_id: OfferingId, subscription_id: str, runtime: RuntimeDep, who: Finance
) -> SubscriptionPublic:
    command = offering.ConfirmPayment(subscription_id=subscription_id, on=runtime.today())
    return await _act(runtime, who, offering_id, subscription_id, command)


@router.post("/{subscription_id}/withdrawal", summary="Withdraw an unpaid subscription (ic.manager)")
async def withdraw(
    offering_id: OfferingId, subscription_id: str, runtime: RuntimeDep, who: Manager
) -> SubscriptionPublic:
    command = offering.WithdrawSubscription(subscription_id=subscription_id, on=runtime.today())
    return await _act(runtime, who, offering_id, subscription_id, command)


@router.post("/{subscription_id}/refund", summary="Record the refund due as paid back (ic.finance)")
async def refund(
    offering_id: OfferingId, subscription_id: str, runtime: RuntimeDep, who: Finance
) -> SubscriptionPublic:
    command = offering.PayRefund(subscription_id=subscription_id, on=runtime.today())
    return await _act(runtime, who, offering_id, subscription_id, command)
