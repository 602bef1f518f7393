"""Land compensation per requisition case: each collective's payable and payment, the funds
earmarked for the case, what is paid and what is left."""

from __future__ import annotations

from decimal import Decimal

from park_shared.events import RecordedEvent
from park_shared.projections.port import Doc
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_industrial_co.domain.land_compensation import CompensationPayable, LandCompensationPaid
from park_industrial_co.domain.money import money
from park_industrial_co.domain.treasury import FundsEarmarked

__all__ = ["COMPENSATIONS", "CompensationsProjection"]

COMPENSATIONS = "land-compensations"


def _blank(case_id: str) -> Doc:
    return {"case_id": case_id, "payables": {}, "earmarked": "0.00", "paid": "0.00", "left": "0.00"}


def _totals(doc: Doc) -> Doc:
    earmarked, paid = Decimal(doc["earmarked"]), Decimal(doc["paid"])
    return {**doc, "left": str(money(earmarked - paid))}


class CompensationsProjection:
    name: str = "land-compensations"
    collections: tuple[str, ...] = (COMPENSATIONS,)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if not isinstance(event, CompensationPayable | LandCompensationPaid | FundsEarmarked):
            return
        doc = await view.get(COMPENSATIONS, event.case_id) or _blank(event.case_id)
        match event:
            case CompensationPayable():
                payable = {
                    "amount": str(money(event.amount)),
                    "signed_on": str(event.signed_on),
                    "payment_id": None,
                    "paid_on": None,
                }
                doc = {**doc, "payables": {**doc["payables"], event.collective_id: payable}}
            case LandCompensationPaid():
                paid = {**doc["payables"][event.collective_id], "payment_id": event.payment_id}
                paid["paid_on"] = str(event.paid_on)
                total = str(money(Decimal(doc["paid"]) + event.amount))
                doc = {**doc, "paid": total, "payables": {**doc["payables"], event.collective_id: paid}}
            case FundsEarmarked():
                doc = {**doc, "earmarked": str(money(Decimal(doc["earmarked"]) + event.amount))}
        view.put(COMPENSATIONS, event.case_id, _totals(doc))
