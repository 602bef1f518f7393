"""Land compensation: headquarters' signed agreements become payables (by event), raised capital
is earmarked for a requisition case, and each collective is paid once, in full, from what is left
of the case's funds; the ledger posts it and the payment is published for headquarters."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import orjson
import pytest
from ic_testkit import FINANCE, MANAGER, Driver
from park_industrial_co.domain import land_compensation as lc
from park_industrial_co.domain import ledger, treasury
from park_shared.envelope import Envelope
from park_shared.errors import Conflict, Invalid, NotFound
from park_shared.testing.apps import wait_until
from park_shared.testing.events import emit, read_topic
from test_api_projects import raise_capital

D = Decimal
DAY = date(2026, 3, 10)
EAST = lc.CompensationPayable(case_id="req-1", collective_id="east", amount=D("300.00"), signed_on=DAY)
WEST = lc.CompensationPayable(case_id="req-1", collective_id="west", amount=D("200.00"), signed_on=DAY)


def pay(
    collective: str = "east", earmarked: str = "400.00", payment_id: str = "comp-1"
) -> lc.PayCompensation:
    return lc.PayCompensation(
        case_id="req-1", collective_id=collective, payment_id=payment_id, earmarked=D(earmarked), on=DAY
    )


def paid(
    collective: str = "east", amount: str = "300.00", payment_id: str = "comp-1"
) -> lc.LandCompensationPaid:
    return lc.LandCompensationPaid(
        payment_id=payment_id, case_id="req-1", collective_id=collective, amount=D(amount), paid_on=DAY
    )


def test_a_signed_agreement_becomes_a_payable_once() -> None:
    record = lc.RecordAgreement(case_id="req-1", collective_id="east", amount=D("300.00"), signed_on=DAY)
    lc.decider.then([], record, [EAST])
    lc.decider.then([EAST], record, [])  # told twice
    with pytest.raises(Conflict, match=r"has an agreement of 300\.00"):
        lc.decider.given([EAST], record.model_copy(update={"amount": D("301.00")}))


def test_a_payable_is_paid_once_in_full_from_what_is_left_of_the_earmarked_funds() -> None:
    lc.decider.then([EAST, WEST], pay(), [paid()])
    with pytest.raises(Conflict) as twice:
        lc.decider.given([EAST, WEST, paid()], pay(payment_id="comp-2"))
    assert twice.value.extra == {"payment_id": "comp-1"}
    with pytest.raises(Conflict) as short:
        lc.decider.given([EAST, WEST, paid()], pay("west"))
    assert short.value.extra == {"left": "100.00"}
    assert "only 100.00 of the 400.00 earmarked" in short.value.detail
    lc.decider.then([EAST, WEST, paid()], pay("west", "500.00", "comp-2"), [paid("west", "200.00", "comp-2")])
    with pytest.raises(NotFound) as unknown:
        lc.decider.given([EAST], pay("north"))
    assert unknown.value.extra == {"collective_id": "north"}


def test_earmarks_count_against_the_raised_capital_with_the_allocations() -> None:
    allocated = treasury.FundsAllocated(
        allocation_id="a", project_id="prj-1", amount=D(600), allocated_on=DAY
    )
    earmark = treasury.EarmarkForRequisition(
        earmark_id="e", case_id="req-1", amount=D(300), capital_raised=D(1000), on=DAY
    )
    [event] = treasury.decider.given([allocated], earmark)
    assert event == treasury.FundsEarmarked(earmark_id="e", case_id="req-1", amount=D(300), earmarked_on=DAY)
    with pytest.raises(Conflict, match=r"only 100\.00 of the 1000 raised capital is unallocated"):
        treasury.decider.given([allocated, event], earmark)
    with pytest.raises(Invalid):
        treasury.decider.given([], earmark.model_copy(update={"amount": D(0)}))
    assert treasury.decider.fold([allocated, event]).earmarked_for("req-1") == D(300)


def test_an_earmark_and_a_payment_post_balanced_entries_to_the_cases_accounts() -> None:
    earmarked = ledger.posting_for(
        treasury.FundsEarmarked(earmark_id="e", case_id="req-1", amount=D(400), earmarked_on=DAY)
    )
    payment = ledger.posting_for(paid())
    assert earmarked is not None and payment is not None
    assert ledger.balances([earmarked, payment]) == {
        "requisition-funds:req-1": D("100.00"),
        "cash": D(-400),
        "land-compensation:req-1": D("300.00"),
    }


def agreement(collective: str, amount: str) -> dict[str, object]:
    """Headquarters' AgreementSigned.v1 as it publishes it (we read only some fields)."""
    return {
        "case_id": "req-1",
        "collective_id": collective,
        "parcel_ids": ["north-A01"],
        "areas": {"arable": "10"},
        "amount": amount,
        "minimum": amount,
        "standard_policy_id": "compensation",
        "standard_version": 1,
        "signed_on": "2026-03-02",
    }


async def test_agreements_arrive_by_event_and_finance_pays_them_from_the_cases_funds(driver: Driver) -> None:
    d = driver
    for collective, amount in (("east", "300000.00"), ("west", "200000.00")):
        data = agreement(collective, amount)
        await emit(
            d.runtime.settings, "headquarters", "AgreementSigned.v1", data, "requisition-req-1", times=2
        )

    async def payables() -> bool:
        found = await d.get("/land-compensations/req-1")
        return found.status_code == 200 and len(found.json()["payables"]) == 2

    await wait_until(payables, timeout=20, what="the agreements from headquarters")
    await raise_capital(d, "1000000.00")
    base = "/land-compensations/req-1"

    before = await d.snapshot()
    refusals = [
        ("/land-compensations/req-9/allocations", {"amount": "1.00"}, FINANCE, 404, ("case_id", "req-9")),
        (f"{base}/allocations", {"amount": "1000000.01"}, FINANCE, 409, ("unallocated", "1000000.00")),
        (f"{base}/allocations", {"amount": 1.5}, FINANCE, 422, ("field", "amount")),
        (f"{base}/allocations", {"amount": "0"}, FINANCE, 422, ("field", "amount")),
        (f"{base}/allocations", {"amount": "100.00"}, MANAGER, 403, None),
        (f"{base}/payments", {"collective_id": "east"}, FINANCE, 409, ("left", "0.00")),  # none earmarked
        (f"{base}/payments", {"collective_id": "north"}, FINANCE, 404, ("collective_id", "north")),
        (f"{base}/payments", {"collective_id": ""}, FINANCE, 422, ("field", "collective_id")),
        (f"{base}/payments", {"collective_id": "east"}, MANAGER, 403, None),
        ("/land-compensations/req-9/payments", {"collective_id": "east"}, FINANCE, 404, ("case_id", "req-9")),
    ]
    for path, body, who, status, named in refusals:
        refused = await d.post(path, body, who=who)
        assert refused.status_code == status, (path, body, refused.text)
        if named is not None:
            assert refused.json()[named[0]] == named[1], (path, body, refused.text)
    assert (await d.get("/land-compensations/req-9")).status_code == 404
    assert await d.snapshot() == before

    earmarked = await d.post(f"{base}/allocations", {"amount": "400000.00"}, who=FINANCE)
    assert earmarked.status_code == 201, earmarked.text
    assert (earmarked.json()["case"]["earmarked"], earmarked.json()["case"]["left"]) == (
        "400000.00",
        "400000.00",
    )
    east = await d.post(f"{base}/payments", {"collective_id": "east"}, who=FINANCE)
    assert east.status_code == 201, east.text
    assert east.json()["case"]["payables"]["east"]["payment_id"] == east.json()["payment_id"]
    assert (east.json()["case"]["paid"], east.json()["case"]["left"]) == ("300000.00", "100000.00")

    before = await d.snapshot()
    twice = await d.post(f"{base}/payments", {"collective_id": "east"}, who=FINANCE)
    assert (twice.status_code, twice.json()["payment_id"]) == (409, east.json()["payment_id"])
    short = await d.post(f"{base}/payments", {"collective_id": "west"}, who=FINANCE)
    assert (short.status_code, short.json()["left"]) == (409, "100000.00")
    assert await d.snapshot() == before

    await d.post(f"{base}/allocations", {"amount": "100000.00"}, who=FINANCE)
    west = await d.post(f"{base}/payments", {"collective_id": "west"}, who=FINANCE)
    assert west.status_code == 201, west.text
    books = (await d.get("/ledger")).json()
    balances = {a["account"]: a["balance"] for a in books["accounts"]}
    assert balances["land-compensation:req-1"] == "500000.00"
    assert balances["requisition-funds:req-1"] == "0.00"
    assert books["balanced"] and books["projects"] == []
    [listed] = (await d.get("/land-compensations")).json()
    assert listed["paid"] == "500000.00"

    def both_paid(seen: list[Envelope]) -> bool:
        return sum(e.type == "park.industrial-co.LandCompensationPaid.v1" for e in seen) >= 2

    envelopes = await read_topic(d.runtime.settings, "industrial-co", until=both_paid, settle=1.0, timeout=30)
    published = [orjson.loads(e.data) for e in envelopes if e.type.endswith("LandCompensationPaid.v1")]
    assert sorted((p["collective_id"], p["amount"]) for p in published) == [
        ("east", "300000.00"),
        ("west", "200000.00"),
    ]
    assert {p["payment_id"] for p in published} == {east.json()["payment_id"], west.json()["payment_id"]}
