"""Fees from the schedule with preferential discounts; the invoice's payments and waivers."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from park_service_center.domain.fees import InvoiceLine, invoice_lines
from park_service_center.domain.invoice import (
    FeeWaived,
    InvoiceEvent,
    InvoiceRaised,
    PaymentReceived,
    RaiseInvoice,
    ReceivePayment,
    WaiveFee,
    invoice_decider,
)
from park_service_center.domain.money import Money
from park_service_center.domain.policy_terms import FeeItem, FeeSchedule, PreferentialRule, parse_terms
from park_shared.errors import Conflict
from pydantic import BaseModel, ValidationError

DAY = date(2026, 4, 2)
ITEMS = (
    FeeItem(code="infra", name="基础设施配套费", amount=Decimal("100000.00"), phase="before_production"),
    FeeItem(code="reg", name="登记费", amount=Decimal("1250.50"), phase="before_production"),
    FeeItem(code="sewage", name="污水处理费", amount=Decimal("8000.00"), phase="after_production"),
)
RULES = (
    PreferentialRule(
        fee_code="infra", discount_percent=Decimal("30"), industries=("electronics",), parks=("north",)
    ),
    PreferentialRule(fee_code="infra", discount_percent=Decimal("10")),
    PreferentialRule(fee_code="reg", waiver=True, parks=("north",)),
    PreferentialRule(fee_code="sewage", discount_percent=Decimal("12.5")),
)


def test_matching_rules_give_the_largest_discount_and_a_waiver_is_everything() -> None:
    lines = invoice_lines(ITEMS, "before_production", RULES, "electronics", "north")
    assert [(ln.fee_code, ln.discount, ln.due) for ln in lines] == [
        ("infra", Decimal("30000.00"), Decimal("70000.00")),
        ("reg", Decimal("1250.50"), Decimal("0.00")),
    ]


def test_rules_for_another_industry_or_park_do_not_apply() -> None:
    lines = invoice_lines(ITEMS, "before_production", RULES, "textiles", "south")
    assert [(ln.fee_code, ln.discount, ln.due) for ln in lines] == [
        ("infra", Decimal("10000.00"), Decimal("90000.00")),
        ("reg", Decimal("0.00"), Decimal("1250.50")),
    ]


def test_after_production_items_only_in_the_after_production_phase() -> None:
    [line] = invoice_lines(ITEMS, "after_production", RULES, "textiles", "south")
    assert (line.fee_code, line.discount, line.due) == ("sewage", Decimal("1000.00"), Decimal("7000.00"))


@given(
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=0, max_value=100, places=3, allow_nan=False, allow_infinity=False),
)
def test_a_discount_is_whole_fen_and_never_more_than_the_fee(amount: Decimal, percent: Decimal) -> None:
    item = FeeItem(code="x", name="x", amount=amount.quantize(Decimal("0.01")), phase="before_production")
    [line] = invoice_lines(
        [item], "before_production", [PreferentialRule(fee_code="x", discount_percent=percent)], "i", "p"
    )
    assert line.discount + line.due == line.amount
    assert Decimal(0) <= line.due <= line.amount
    assert line.discount == line.discount.quantize(Decimal("0.01"))


class Priced(BaseModel):
    amount: Money


def test_money_refuses_floats_and_a_third_decimal() -> None:
    assert Priced.model_validate_json('{"amount": "12.50"}').amount == Decimal("12.50")
    assert Priced.model_validate_json('{"amount": 12}').amount == Decimal("12.00")
    for bad in ('{"amount": 12.5}', '{"amount": "12.505"}', '{"amount": "NaN"}', '{"amount": true}'):
        with pytest.raises(ValidationError):
            Priced.model_validate_json(bad)


def raised() -> list[InvoiceRaised]:
    lines = tuple(invoice_lines(ITEMS, "before_production", RULES, "electronics", "north"))
    command = RaiseInvoice(
        invoice_id="inv-1", case_id="case-1", phase="before_production", lines=lines, raised_on=DAY
    )
    return [e for e in invoice_decider.given([], command) if isinstance(e, InvoiceRaised)]


def test_an_invoice_totals_its_lines_and_is_raised_once() -> None:
    [event] = raised()
    assert event.total_due == Decimal("70000.00")
    command = RaiseInvoice(
        invoice_id="inv-1", case_id="case-1", phase="before_production", lines=(), raised_on=DAY
    )
    assert invoice_decider.given([event], command) == []


def test_partial_payments_until_the_balance_and_never_above_it() -> None:
    first = invoice_decider.given(raised(), ReceivePayment(amount=Decimal("20000.00"), paid_on=DAY))
    assert first == [
        PaymentReceived(invoice_id="inv-1", case_id="case-1", amount=Decimal("20000.00"), paid_on=DAY)
    ]
    with pytest.raises(Conflict, match=r"exceeds the balance 50000.00"):
        invoice_decider.given([*raised(), *first], ReceivePayment(amount=Decimal("50000.01"), paid_on=DAY))
    rest = invoice_decider.given([*raised(), *first], ReceivePayment(amount=Decimal("50000.00"), paid_on=DAY))
    state = invoice_decider.fold([*raised(), *first, *rest])
    assert (state.status, state.balance) == ("settled", Decimal("0.00"))


def test_a_waiver_takes_a_reason_and_the_rest_of_the_balance() -> None:
    paid: list[InvoiceEvent] = [
        *raised(),
        PaymentReceived(invoice_id="inv-1", case_id="case-1", amount=Decimal("60000.00"), paid_on=DAY),
    ]
    [waived] = invoice_decider.given(paid, WaiveFee(reason="hardship ruling 2026-3", waived_on=DAY))
    assert waived == FeeWaived(
        invoice_id="inv-1",
        case_id="case-1",
        amount=Decimal("10000.00"),
        reason="hardship ruling 2026-3",
        waived_on=DAY,
    )
    assert invoice_decider.fold([*paid, waived]).status == "settled"
    with pytest.raises(Conflict, match="nothing left to waive"):
        invoice_decider.given([*paid, waived], WaiveFee(reason="again", waived_on=DAY))


def test_an_invoice_line_keeps_exact_money_in_json() -> None:
    line = InvoiceLine(
        fee_code="reg", name="r", amount=Decimal("1250.50"), discount=Decimal("0.00"), due=Decimal("1250.50")
    )
    assert line.model_dump(mode="json")["amount"] == "1250.50"


def test_a_facility_use_item_of_the_schedule_is_recorded_and_never_invoiced() -> None:
    lab = {"code": "LAB-HOUR", "name": "检测实验室使用费", "amount": "80.00", "phase": "facility_use",
           "facility_kind": "testing_laboratory"}  # fmt: skip
    infra = {"code": "infra", "name": "基础设施配套费", "amount": "100.00", "phase": "before_production"}
    schedule = parse_terms("fee_schedule", {"items": [lab, infra]})
    assert isinstance(schedule, FeeSchedule)
    for phase in ("before_production", "after_production"):
        lines = invoice_lines(schedule.items, phase, [], "electronics", "north")
        assert "LAB-HOUR" not in [line.fee_code for line in lines]
