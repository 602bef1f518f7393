"""The project API in-process: parcels from headquarters, tender and award, milestones,
allocations and payments within the contract and the allocation, the ledger, roles."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from ic_testkit import FINANCE, HQ, MANAGER, Driver, credit_code
from park_shared.testing.apps import wait_until
from park_shared.testing.events import emit


async def register_parcels(d: Driver, *codes: str) -> list[str]:
    for code in codes:
        data = {
            "parcel_id": f"north-{code}",
            "park_id": "north",
            "code": code,
            "planned_use": "industrial",
            "area_m2": 12000,
            "name": "ignored by us",
        }
        await emit(d.runtime.settings, "headquarters", "ParcelRegistered.v1", data, f"parcel-north-{code}")

    async def known() -> bool:
        parcels = (await d.get("/parcels")).json()
        return {p["code"] for p in parcels} >= set(codes)

    await wait_until(known, timeout=20, what="the parcels from headquarters")
    return [f"north-{c}" for c in codes]


async def raise_capital(d: Driver, amount: str) -> None:
    """An offering of `amount`, fully subscribed and closed."""
    terms = {
        "title": "Capital",
        "target_amount": amount,
        "unit_price": "1.00",
        "min_subscription": "1.00",
        "max_subscription": amount,
        "opens_on": "2026-03-01",
        "closes_on": "2026-03-31",
        "admitted_investor_types": ["institution"],
    }
    oid = (await d.post("/offerings", terms)).json()["offering_id"]
    await d.post(f"/offerings/{oid}/open")
    investor = {"type": "institution", "name": "Zone Fund", "credit_code": credit_code(77)}
    sub = await d.post(f"/offerings/{oid}/subscriptions", {"investor": investor, "amount": amount})
    await d.post(f"/offerings/{oid}/subscriptions/{sub.json()['subscription_id']}/payment", who=FINANCE)
    d.set_today(date(2026, 4, 1))
    assert (await d.post(f"/offerings/{oid}/close")).json()["raised_amount"] == amount


async def awarded_project(d: Driver, parcels: list[str]) -> tuple[str, dict[str, Any]]:
    body = {"name": "North ring road", "kind": "road", "parcel_ids": parcels, "budget": "900000.00"}
    created = await d.post("/infrastructure-projects", body)
    assert created.status_code == 201, created.text
    pid: str = created.json()["project_id"]
    await d.post(
        f"/infrastructure-projects/{pid}/tender", {"bids_until": "2026-04-10", "max_duration_days": 200}
    )
    bids = {}
    for contractor, amount, days in [
        ("市政公司", "800000.00", 150),
        ("Ring Builders", "760000.00", 220),
        ("Road Co", "780000.00", 180),
    ]:
        bid = await d.post(
            f"/infrastructure-projects/{pid}/bids",
            {"contractor": contractor, "amount": amount, "duration_days": days},
        )
        assert bid.status_code == 201, bid.text
        bids[contractor] = bid.json()
    return pid, bids


async def test_a_project_from_parcels_to_completion(driver: Driver) -> None:
    d = driver
    parcels = await register_parcels(d, "A01", "A02")
    await raise_capital(d, "1000000.00")
    pid, bids = await awarded_project(d, parcels)
    tender = (await d.get(f"/infrastructure-projects/{pid}/bids", who=FINANCE)).json()
    assert tender["suggested_bid_id"] == bids["Road Co"]["bid_id"]  # Ring Builders' 220 days > 200
    assert bids["Ring Builders"]["compliant"] is False

    d.set_today(date(2026, 4, 11))
    other = {"bid_id": bids["市政公司"]["bid_id"]}
    no_reason = await d.post(f"/infrastructure-projects/{pid}/award", other)
    assert no_reason.status_code == 422 and no_reason.json()["field"] == "reason"
    awarded = await d.post(
        f"/infrastructure-projects/{pid}/award", {**other, "reason": "municipal, local crews"}
    )
    assert awarded.json()["contract"]["contract_amount"] == "800000.00"
    twice = await d.post(f"/infrastructure-projects/{pid}/award", {"bid_id": tender["suggested_bid_id"]})
    assert twice.status_code == 409 and "awarded already" in twice.json()["detail"]

    url = f"/infrastructure-projects/{pid}"
    assert (await d.post(f"{url}/allocations", {"amount": "500000.00"}, who=FINANCE)).status_code == 201
    await d.post(f"{url}/milestones", {"milestone": "earthworks", "progress_percent": 40})
    before = await d.snapshot()
    beyond = await d.post(f"{url}/payments", {"milestone": "earthworks", "amount": "500000.01"}, who=FINANCE)
    assert beyond.status_code == 409 and "beyond the allocation" in beyond.json()["detail"]
    assert await d.snapshot() == before
    paid = await d.post(f"{url}/payments", {"milestone": "earthworks", "amount": "320000.00"}, who=FINANCE)
    assert paid.status_code == 201, paid.text

    await d.post(f"{url}/allocations", {"amount": "400000.00"}, who=FINANCE)
    await d.post(f"{url}/milestones", {"milestone": "surfacing done", "progress_percent": 100})
    before = await d.snapshot()
    over = await d.post(
        f"{url}/payments", {"milestone": "surfacing done", "amount": "480000.01"}, who=FINANCE
    )
    assert over.status_code == 409 and "beyond the contract" in over.json()["detail"]
    assert await d.snapshot() == before
    await d.post(f"{url}/payments", {"milestone": "surfacing done", "amount": "480000.00"}, who=FINANCE)

    done = (await d.post(f"{url}/completion")).json()
    assert (done["status"], done["completed_on"], done["paid_amount"]) == (
        "completed",
        "2026-04-11",
        "800000.00",
    )
    again = await d.post(f"{url}/completion")
    assert again.status_code == 409 and "completed already" in again.json()["detail"]
    assert all(
        p["served_by"] == [{"project_id": pid, "kind": "road"}] for p in (await d.get("/parcels")).json()
    )

    ledger = (await d.get("/ledger")).json()
    assert ledger["balanced"]
    assert ledger["projects"] == [
        {
            "project_id": pid,
            "allocated": "900000.00",
            "paid_to_contractors": "800000.00",
            "available": "100000.00",
        }
    ]
    balances = {a["account"]: a["balance"] for a in ledger["accounts"]}
    assert balances["cash"] == "100000.00" and balances["share-capital"] == "1000000.00"
    entries = (await d.get(f"/ledger/entries?project_id={pid}")).json()
    assert len(entries) == 4 and all(len(e["lines"]) == 2 for e in entries)


async def test_allocations_need_raised_capital(driver: Driver) -> None:
    d = driver
    parcels = await register_parcels(d, "B01")
    pid, _ = await awarded_project(d, parcels)
    before = await d.snapshot()
    refused = await d.post(f"/infrastructure-projects/{pid}/allocations", {"amount": "1.00"}, who=FINANCE)
    assert refused.status_code == 409 and "raised capital" in refused.json()["detail"]
    assert await d.snapshot() == before
    float_money = await d.post(f"/infrastructure-projects/{pid}/allocations", {"amount": 1.0}, who=FINANCE)
    assert float_money.status_code == 422 and float_money.json()["field"] == "amount"
    missing = await d.post(
        "/infrastructure-projects/prj-000000000000/allocations", {"amount": "1.00"}, who=FINANCE
    )
    assert missing.status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"contractor": "X", "amount": "0.00", "duration_days": 10}, "amount"),
        ({"contractor": "X", "amount": 100.0, "duration_days": 10}, "amount"),
        ({"contractor": "X", "amount": "100.00", "duration_days": 0}, "duration_days"),
    ],
)
async def test_a_bid_of_zero_or_as_a_float_is_422(driver: Driver, body: dict[str, Any], field: str) -> None:
    pid, _ = await awarded_project(driver, await register_parcels(driver, "C01"))
    before = await driver.snapshot()
    refused = await driver.post(f"/infrastructure-projects/{pid}/bids", body)
    assert refused.status_code == 422 and refused.json()["field"] == field
    assert await driver.snapshot() == before


async def test_a_project_for_parcels_headquarters_never_registered_is_422(driver: Driver) -> None:
    await register_parcels(driver, "D01")
    before = await driver.snapshot()
    body = {"name": "Spur", "kind": "power", "parcel_ids": ["north-D01", "south-Z9"], "budget": "100.00"}
    refused = await driver.post("/infrastructure-projects", body)
    assert refused.status_code == 422 and refused.json()["field"] == "parcel_ids"
    assert "south-Z9" in refused.json()["detail"]
    assert await driver.snapshot() == before


async def test_roles_guard_every_project_command(driver: Driver) -> None:
    d = driver
    pid, bids = await awarded_project(d, await register_parcels(d, "E01"))
    url = f"/infrastructure-projects/{pid}"
    before = await d.snapshot()
    commands = [
        (
            "/infrastructure-projects",
            {"name": "x", "kind": "road", "parcel_ids": ["north-E01"], "budget": "1"},
        ),
        (f"{url}/tender", {"bids_until": "2026-04-10"}),
        (f"{url}/bids", {"contractor": "X", "amount": "1.00", "duration_days": 1}),
        (f"{url}/award", {"bid_id": bids["Road Co"]["bid_id"]}),
        (f"{url}/milestones", {"milestone": "m", "progress_percent": 10}),
        (f"{url}/completion", None),
    ]
    money = [
        (f"{url}/allocations", {"amount": "1.00"}),
        (f"{url}/payments", {"milestone": "m", "amount": "1.00"}),
    ]
    for (path, body), role, other in [
        *((c, "ic.manager", FINANCE) for c in commands),
        *((c, "ic.finance", MANAGER) for c in money),
    ]:
        wrong_role = await d.post(path, body, who=other)
        assert wrong_role.status_code == 403 and role in wrong_role.json()["detail"], path
        assert (await d.post(path, body, who=HQ)).status_code == 403, path
    assert await d.snapshot() == before
