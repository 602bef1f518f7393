"""/offerings/{id}/subscriptions: subscriptions, payment confirmation, withdrawal, refunds.

The request carries an individual's identity number; it is turned into the pseudonymous
investor id at once and is never stored, logged or returned."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from fastapi import APIRouter, Depends
from park_shared.auth import Principal
from park_shared.errors import Invalid
from park_shared.identifiers import is_credit_code, is_identity_number
from park_shared.web.security import requires
from pydantic import BaseModel, Field

from park_industrial_co.api.deps import IndustrialCoDep, Manager, OfferingId, Staff
from park_industrial_co.api.types import PositiveMoney
from park_industrial_co.application.investors import Investor
from park_industrial_co.application.offerings import subscribe
from park_industrial_co.domain import offering
from park_industrial_co.domain.offering import InvestorType
from park_industrial_co.projections.offerings import SUBSCRIPTIONS

__all__ = ["router"]

router = APIRouter(prefix="/offerings/{offering_id}/subscriptions", tags=["subscriptions"])


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


@router.post("", status_code=201, summary="Subscribe whole shares within the bounds (ic.manager)")
async def place(
    offering_id: OfferingId, body: SubscriptionCreate, ic: IndustrialCoDep, who: Manager
) -> SubscriptionPublic:
    subscription_id = await subscribe(ic, who.context(), offering_id, body.investor.investor(), body.amount)
    return SubscriptionPublic.model_validate(await ic.subscription_doc(offering_id, subscription_id))


@router.get("", summary="The offering's subscriptions (pseudonymous)")
async def list_subscriptions(
    offering_id: OfferingId, ic: IndustrialCoDep, _: Staff
) -> list[SubscriptionPublic]:
    docs = await (await ic.read_models()).find(SUBSCRIPTIONS, {"offering_id": offering_id})
    return [SubscriptionPublic.model_validate(d) for d in sorted(docs, key=lambda d: d["placed_at"])]


@router.get("/{subscription_id}", summary="One subscription")
async def get_subscription(
    offering_id: OfferingId, subscription_id: str, ic: IndustrialCoDep, _: Staff
) -> SubscriptionPublic:
    return SubscriptionPublic.model_validate(await ic.subscription_doc(offering_id, subscription_id))


def _on_subscription(
    name: str, path: str, command: type[offering.SubscriptionCommand], role: str, summary: str
) -> None:
    """POST /{subscription_id}/<path>: one command on one subscription, by `role`."""

    @router.post(f"/{{subscription_id}}/{path}", summary=summary, name=name)
    async def act(
        offering_id: OfferingId,
        subscription_id: str,
        ic: IndustrialCoDep,
        who: Principal = Depends(requires(role)),
    ) -> SubscriptionPublic:
        asked = command(subscription_id=subscription_id, on=ic.today())
        await ic.offerings.handle(offering_id, asked, who.context())
        return SubscriptionPublic.model_validate(await ic.subscription_doc(offering_id, subscription_id))


_on_subscription(
    "confirm_payment",
    "payment",
    offering.ConfirmPayment,
    "ic.finance",
    "Confirm the money arrived (ic.finance)",
)
_on_subscription(
    "withdraw",
    "withdrawal",
    offering.WithdrawSubscription,
    "ic.manager",
    "Withdraw an unpaid subscription (ic.manager)",
)
_on_subscription(
    "refund",
    "refund",
    offering.PayRefund,
    "ic.finance",
    "Record the refund due as paid back (ic.finance)",
)
