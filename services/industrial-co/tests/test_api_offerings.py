"""The offering API in-process: the whole life of an offering, bad input, and roles."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from ic_testkit import FINANCE, HQ, MANAGER, Driver, credit_code, identity_number

TERMS = {
    "title": "Zone shares 2026 (园区股份)",
    "target_amount": "10000.00",
    "unit_price": "10.00",
    "min_subscription": "1000.00",
    "max_subscription": "8000.00",
    "opens_on": "2026-03-01",
    "closes_on": "2026-03-31",
    "admitted_investor_types": ["sme", "individual"],
}


def sme(seq: int, amount: str) -> dict[str, Any]:
    investor = {"type": "sme", "name": f"Zone Tools {seq} Ltd", "credit_code": credit_code(seq)}
    return {"investor": investor, "amount": amount}


def person(seq: int, amount: str) -> dict[str, Any]:
    investor = {"type": "individual", "name": f"Wang Fang {seq}", "identity_number": identity_number(seq)}
    return {"investor": investor, "amount": amount}


async def open_offering(d: Driver, **terms: Any) -> str:
    created = await d.post("/offerings", {**TERMS, **terms})
    assert created.status_code == 201, created.text
    offering_id: str = created.json()["offering_id"]
    assert (await d.post(f"/offerings/{offering_id}/open")).json()["status"] == "open"
    return offering_id


async def subscribe_and_pay(d: Driver, offering_id: str, body: dict[str, Any]) -> str:
    placed = await d.post(f"/offerings/{offering_id}/subscriptions", body)
    assert placed.status_code == 201, placed.text
    sid: str = placed.json()["subscription_id"]
    paid = await d.post(f"/offerings/{offering_id}/subscriptions/{sid}/payment", who=FINANCE)
    assert paid.json()["status"] == "paid"
    return sid


async def test_an_oversubscribed_offering_closes_pro_rata_with_refunds(driver: Driver) -> None:
    d = driver
    oid = await open_offering(d)
    s1 = await subscribe_and_pay(d, oid, sme(1, "8000.00"))
    s2 = await subscribe_and_pay(d, oid, person(2, "4000.00"))
    s3 = await subscribe_and_pay(d, oid, sme(3, "3000.00"))
    unpaid = (await d.post(f"/offerings/{oid}/subscriptions", sme(4, "1000.00"))).json()["subscription_id"]
    lapsing = (await d.post(f"/offerings/{oid}/subscriptions", sme(5, "1000.00"))).json()["subscription_id"]
    withdrawn = await d.post(f"/offerings/{oid}/subscriptions/{unpaid}/withdrawal")
    assert withdrawn.json()["status"] == "withdrawn"

    d.set_today(date(2026, 4, 1))
    closed = (await d.post(f"/offerings/{oid}/close")).json()
    assert closed["status"] == "closed"
    assert (closed["raised_amount"], closed["shares_issued"], closed["holders"]) == ("10000.00", 1000, 3)

    subs = {s["subscription_id"]: s for s in (await d.get(f"/offerings/{oid}/subscriptions")).json()}
    # 1500 shares asked for 1000: quotas 533.33, 266.67, 200 -> 533 + 267 + 200
    assert [subs[s]["allotted_shares"] for s in (s1, s2, s3)] == [533, 267, 200]
    assert [subs[s]["refund_due"] for s in (s1, s2, s3)] == ["2670.00", "1330.00", "1000.00"]
    assert subs[lapsing]["status"] == "lapsed"

    register = (await d.get(f"/offerings/{oid}/register", who=FINANCE)).json()
    assert [(h["name"], h["shares"], h["amount"]) for h in register["holders"]] == [
        ("Zone Tools 1 Ltd", 533, "5330.00"),
        ("Wang Fang 2", 267, "2670.00"),
        ("Zone Tools 3 Ltd", 200, "2000.00"),
    ]
    assert register["holders"][1]["identifier_hint"] == "*" * 14 + identity_number(2)[-4:]
    assert register["shares_issued"] == 1000

    refunded = await d.post(f"/offerings/{oid}/subscriptions/{s1}/refund", who=FINANCE)
    assert refunded.json()["refunded"] is True
    again = await d.post(f"/offerings/{oid}/subscriptions/{s1}/refund", who=FINANCE)
    assert again.status_code == 409 and "already" in again.json()["detail"]

    ledger = (await d.get("/ledger")).json()
    balances = {a["account"]: a["balance"] for a in ledger["accounts"]}
    assert ledger["balanced"] and ledger["total_debit"] == ledger["total_credit"]
    assert balances == {"cash": "12330.00", "share-capital": "10000.00", "refunds-payable": "2330.00"}


async def test_cancelling_refunds_everyone_paid(driver: Driver) -> None:
    oid = await open_offering(driver)
    sid = await subscribe_and_pay(driver, oid, sme(1, "2000.00"))
    cancelled = await driver.post(f"/offerings/{oid}/cancel", {"reason": "the zone plan changed"})
    assert cancelled.json()["status"] == "cancelled"
    sub = (await driver.get(f"/offerings/{oid}/subscriptions/{sid}")).json()
    assert (sub["status"], sub["refund_due"]) == ("cancelled", "2000.00")
    await driver.post(f"/offerings/{oid}/subscriptions/{sid}/refund", who=FINANCE)
    balances = {a["account"]: a["balance"] for a in (await driver.get("/ledger")).json()["accounts"]}
    assert balances == {"cash": "0.00", "share-capital": "0.00", "refunds-payable": "0.00"}


def with_investor(body: dict[str, Any], **investor: str) -> dict[str, Any]:
    return {**body, "investor": investor}


ONE, LI = sme(1, "1000.00"), person(1, "1000.00")
BAD_SUBSCRIPTIONS = [
    (sme(1, "990.00"), "amount"),
    (sme(1, "8010.00"), "amount"),
    (sme(1, "1005.00"), "amount"),
    ({**ONE, "amount": 1000.5}, "amount"),
    ({**ONE, "amount": "1000.001"}, "amount"),
    (
        with_investor(ONE, type="institution", name="Fund", credit_code=credit_code(9)),
        "investor.type",
    ),
    (with_investor(ONE, type="pension", name="Fund"), "investor.type"),
    (
        with_investor(ONE, type="sme", name="X", credit_code="91310000MA1K00007A"),
        "investor.credit_code",
    ),
    (
        with_investor(
            person(1, "1000.00"), type="individual", name="Li", identity_number="110105199003070018"
        ),
        "investor.identity_number",
    ),
    (
        with_investor(LI, type="individual", name="Li", credit_code=credit_code(3)),
        "investor.credit_code",
    ),
]


@pytest.mark.parametrize(("body", "field"), BAD_SUBSCRIPTIONS)
async def test_bad_subscriptions_are_422_naming_the_field_and_change_nothing(
    driver: Driver, body: dict[str, Any], field: str
) -> None:
    oid = await open_offering(driver)
    before = await driver.snapshot()
    refused = await driver.post(f"/offerings/{oid}/subscriptions", body)
    assert refused.status_code == 422, refused.text
    assert refused.json()["field"] == field
    assert await driver.snapshot() == before


@pytest.mark.parametrize("field", ["target_amount", "unit_price", "min_subscription"])
async def test_money_as_a_float_is_refused_naming_the_field(driver: Driver, field: str) -> None:
    refused = await driver.post("/offerings", {**TERMS, field: 1000.0})
    assert refused.status_code == 422 and refused.json()["field"] == field
    assert "float" in str(refused.json()["errors"])


async def test_conflicts_say_why_and_change_nothing(driver: Driver) -> None:
    d = driver
    oid = await open_offering(d)
    d.set_today(date(2026, 4, 1))
    before = await d.snapshot()
    late = await d.post(f"/offerings/{oid}/subscriptions", sme(1, "1000.00"))
    assert late.status_code == 409 and "2026-03-01 to 2026-03-31" in late.json()["detail"]
    assert await d.snapshot() == before
    assert (await d.post(f"/offerings/{oid}/close")).status_code == 200
    before = await d.snapshot()
    twice = await d.post(f"/offerings/{oid}/close")
    assert twice.status_code == 409 and "closed" in twice.json()["detail"]
    assert await d.snapshot() == before
    assert (await d.get("/offerings/off-000000000000")).status_code == 404
    assert (await d.get("/offerings/treasury")).status_code == 404


async def test_one_open_subscription_per_investor(driver: Driver) -> None:
    oid = await open_offering(driver)
    await subscribe_and_pay(driver, oid, person(7, "1000.00"))
    again = await driver.post(f"/offerings/{oid}/subscriptions", person(7, "2000.00"))
    assert again.status_code == 409 and "already holds subscription" in again.json()["detail"]


async def test_roles_guard_every_command(driver: Driver) -> None:
    d = driver
    oid = await open_offering(d)
    sid = (await d.post(f"/offerings/{oid}/subscriptions", sme(1, "1000.00"))).json()["subscription_id"]
    before = await d.snapshot()
    commands = [
        ("/offerings", TERMS, "ic.manager"),
        (f"/offerings/{oid}/open", None, "ic.manager"),
        (f"/offerings/{oid}/close", None, "ic.manager"),
        (f"/offerings/{oid}/cancel", {"reason": "x"}, "ic.manager"),
        (f"/offerings/{oid}/subscriptions", sme(2, "1000.00"), "ic.manager"),
        (f"/offerings/{oid}/subscriptions/{sid}/withdrawal", None, "ic.manager"),
        (f"/offerings/{oid}/subscriptions/{sid}/payment", None, "ic.finance"),
        (f"/offerings/{oid}/subscriptions/{sid}/refund", None, "ic.finance"),
    ]
    for url, body, role in commands:
        other = FINANCE if role == "ic.manager" else MANAGER
        wrong_role = await d.post(url, body, who=other)
        assert wrong_role.status_code == 403 and role in wrong_role.json()["detail"], url
        assert (await d.post(url, body, who=HQ)).status_code == 403, url
        assert (await d.client.post(url, json=body)).status_code == 401, url
    assert (await d.get("/offerings", who=HQ)).status_code == 403
    assert await d.snapshot() == before
