"""Done when: on each backend (embedded, and real Kafka + FerretDB with PARK_REAL=1),
headquarters' ParcelRegistered events (each delivered twice) feed a project's parcels, and the
completed project's InfrastructureCompleted is on the industrial-co topic exactly once; the
topic carries only the integration events of docs/events.md."""

from __future__ import annotations

from datetime import date

import orjson
from ic_testkit import Driver, StartDriver
from park_industrial_co.contract import contract
from park_shared.envelope import Envelope
from park_shared.settings import ParkSettings
from park_shared.testing.apps import wait_until
from park_shared.testing.events import emit, read_topic

COMPLETED = "park.industrial-co.InfrastructureCompleted.v1"
PARCELS = ["north-A01", "north-A02"]
public_types = contract().published_types


async def parcels_from_headquarters(d: Driver, settings: ParkSettings) -> None:
    for parcel_id in PARCELS:
        code = parcel_id.split("-", 1)[1]
        data = {
            "parcel_id": parcel_id,
            "park_id": "north",
            "code": code,
            "planned_use": "industrial",
            "area_m2": 5000,
        }
        await emit(settings, "headquarters", "ParcelRegistered.v1", data, f"parcel-{parcel_id}", times=2)

    async def both_known() -> bool:
        return {p["parcel_id"] for p in (await d.get("/parcels")).json()} == set(PARCELS)

    await wait_until(both_known, timeout=60, what="both parcels from headquarters")


async def build(d: Driver) -> str:
    body = {"name": "North water main", "kind": "water_supply", "parcel_ids": PARCELS, "budget": "300000.00"}
    pid: str = (await d.post("/infrastructure-projects", body)).json()["project_id"]
    await d.post(f"/infrastructure-projects/{pid}/tender", {"bids_until": "2026-03-05"})
    bid = await d.post(
        f"/infrastructure-projects/{pid}/bids",
        {"contractor": "市政公司", "amount": "280000.00", "duration_days": 90},
    )
    d.set_today(date(2026, 3, 6))
    assert (
        await d.post(f"/infrastructure-projects/{pid}/award", {"bid_id": bid.json()["bid_id"]})
    ).status_code == 200
    await d.post(
        f"/infrastructure-projects/{pid}/milestones", {"milestone": "pipes laid", "progress_percent": 70}
    )
    await d.post(
        f"/infrastructure-projects/{pid}/milestones",
        {"milestone": "pressure tested", "progress_percent": 100},
    )
    completed = await d.post(f"/infrastructure-projects/{pid}/completion")
    assert completed.json()["status"] == "completed", completed.text
    again = await d.post(f"/infrastructure-projects/{pid}/completion")
    assert again.status_code == 409
    return pid


async def test_parcels_feed_a_project_whose_completion_is_published_once(
    park_settings: ParkSettings, driver_for: StartDriver
) -> None:
    async with driver_for(park_settings) as d:
        d.set_today(date(2026, 3, 2))
        await parcels_from_headquarters(d, park_settings)
        for parcel_id in PARCELS:  # each delivered twice, recorded once
            assert len(await d.runtime.store.read_stream(f"parcel-{parcel_id}")) == 1
        pid = await build(d)

        def has_completion(seen: list[Envelope]) -> bool:
            return any(e.type == COMPLETED for e in seen)

        envelopes = await read_topic(
            park_settings, "industrial-co", until=has_completion, settle=2.0, timeout=60
        )
    completed = [e for e in envelopes if e.type == COMPLETED]
    assert len(completed) == 1
    assert completed[0].subject == pid and completed[0].source == "/park/industrial-co"
    assert orjson.loads(completed[0].data) == {
        "project_id": pid,
        "kind": "water_supply",
        "parcel_ids": PARCELS,
        "completed_on": "2026-03-06",
    }
    assert {e.type for e in envelopes} == {
        "park.industrial-co.ProjectPlanned.v1",
        "park.industrial-co.ProjectMilestoneReached.v1",
        COMPLETED,
    }
    assert {e.type for e in envelopes} <= public_types()
