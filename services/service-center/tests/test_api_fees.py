"""/invoices over HTTP: raised from HQ's schedule and preferential policy, paid, waived."""

from typing import Any

from park_shared.testing.apps import wait_until


async def invoices_of(driver: Any, case_id: str, count: int) -> list[dict[str, Any]]:
    async def raised() -> bool:
        response = await driver.client.get("/invoices", params={"case_id": case_id}, headers=driver.cashier)
        return len(response.json()) == count

    await wait_until(raised, timeout=20, what=f"{count} invoice(s) of {case_id}")
    response = await driver.client.get("/invoices", params={"case_id": case_id}, headers=driver.cashier)
    return sorted(response.json(), key=lambda i: i["phase"], reverse=True)


async def test_opening_raises_before_production_fees_with_discounts(driver: Any) -> None:
    case_id = (await driver.open_walk_in(industry="electronics", park_id="north"))["case_id"]
    [invoice] = await invoices_of(driver, case_id, 1)
    assert invoice["phase"] == "before_production"
    assert [(ln["fee_code"], ln["amount"], ln["discount"], ln["due"]) for ln in invoice["lines"]] == [
        ("infra", "100000.00", "30000.00", "70000.00"),
        ("reg", "1250.50", "1250.50", "0.00"),
    ]
    assert invoice["total_due"] == "70000.00"
    other = (await driver.open_walk_in(industry="textiles", park_id="south"))["case_id"]
    [plain] = await invoices_of(driver, other, 1)
    assert plain["total_due"] == "100000.00"


async def test_payments_partial_never_above_the_balance_and_waivers_by_the_head(driver: Any) -> None:
    case_id = (await driver.open_walk_in())["case_id"]
    [invoice] = await invoices_of(driver, case_id, 1)
    url = f"/invoices/{invoice['invoice_id']}"
    paid = await driver.client.post(f"{url}/payments", json={"amount": "50000.00"}, headers=driver.cashier)
    assert paid.status_code == 200 and paid.json()["balance"] == "20000.00"
    before = await driver.position()
    over = await driver.client.post(f"{url}/payments", json={"amount": "20000.01"}, headers=driver.cashier)
    assert over.status_code == 409 and "exceeds the balance 20000.00" in over.json()["detail"]
    as_float = await driver.client.post(f"{url}/payments", json={"amount": 100.5}, headers=driver.cashier)
    assert as_float.status_code == 422 and as_float.json()["field"] == "amount"
    by_officer = await driver.client.post(f"{url}/payments", json={"amount": "1.00"}, headers=driver.officer)
    assert by_officer.status_code == 403 and "sc.cashier" in by_officer.json()["detail"]
    by_cashier = await driver.client.post(f"{url}/waivers", json={"reason": "x"}, headers=driver.cashier)
    assert by_cashier.status_code == 403 and "sc.head" in by_cashier.json()["detail"]
    no_reason = await driver.client.post(f"{url}/waivers", json={"amount": "1.00"}, headers=driver.head)
    assert no_reason.status_code == 422 and no_reason.json()["field"] == "reason"
    assert await driver.position() == before
    waived = await driver.client.post(
        f"{url}/waivers", json={"amount": "5000.00", "reason": "key-project relief"}, headers=driver.head
    )
    assert waived.json()["waived"] == "5000.00" and waived.json()["balance"] == "15000.00"
    balance = (await driver.client.get(f"/cases/{case_id}/balance", headers=driver.officer)).json()
    assert (balance["total_due"], balance["paid"], balance["waived"], balance["balance"]) == (
        "70000.00", "50000.00", "5000.00", "15000.00",
    )  # fmt: skip


async def test_commissioning_raises_the_after_production_fees(driver: Any) -> None:
    case_id = (await driver.open_walk_in())["case_id"]
    await driver.hq_decides(case_id)
    await driver.walk(case_id, "land_use", ["application", "site plan"])
    await driver.walk(case_id, "fire_safety", ["fire plan"])
    await driver.client.post(f"/cases/{case_id}/seal", headers=driver.officer)
    await driver.client.post(f"/cases/{case_id}/commission", headers=driver.officer)
    after = (await invoices_of(driver, case_id, 2))[1]
    assert after["phase"] == "after_production"
    assert [(ln["fee_code"], ln["discount"], ln["due"]) for ln in after["lines"]] == [
        ("sewage", "1000.00", "7000.00")
    ]
    balance = (await driver.client.get(f"/cases/{case_id}/balance", headers=driver.officer)).json()
    assert balance["balance"] == "77000.00"
