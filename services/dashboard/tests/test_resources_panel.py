"""Issue #20 on the dashboard: open vacancies counted by park and sector, talent subsidies by
category and park (counts and amounts, no person), the shared facilities' use per facility and
per park, and each landed enterprise's related projects and their conversion into leads."""

from __future__ import annotations

from datetime import date

from .conftest import Dashboard

ON = date(2026, 3, 2)


async def test_open_vacancies_by_park_and_sector(dashboard: Dashboard) -> None:
    await dashboard.shows_sample_zone(ON)
    vacancies = (await dashboard.client.get("/api/resources")).json()["vacancies"]
    assert (vacancies["open"], vacancies["places_open"]) == (3, 11)  # vac-1 5, vac-3 2 left, vac-5 4
    assert (vacancies["filled"], vacancies["closed"]) == (1, 1)
    assert vacancies["by_park"] == {"north": 2, "south": 1}
    assert vacancies["by_sector"] == {"electronics": 1, "new_materials": 2}
    assert vacancies["by_park_and_sector"] == {
        "north": {"electronics": 1, "new_materials": 1},
        "south": {"new_materials": 1},
    }


async def test_talent_subsidies_by_category_and_park_without_names(dashboard: Dashboard) -> None:
    await dashboard.shows_sample_zone(ON)
    panel = (await dashboard.client.get("/api/resources")).json()
    talent = panel["talent"]
    assert (talent["applications"], talent["approved"]) == (4, 2)
    assert (talent["granted"], talent["paid"]) == ("896000.00", "507000.00")
    categories = {row["key"]: row for row in talent["by_category"]}
    skilled = categories["skilled_worker"]
    assert (skilled["applications"], skilled["approved"], skilled["rejected"], skilled["pending"]) == (
        2,
        1,
        1,
        0,
    )
    assert (skilled["granted"], skilled["paid"]) == ("36000.00", "7000.00")
    assert categories["high_level_talent"]["pending"] == 1
    parks = {row["key"]: row for row in talent["by_park"]}
    assert (parks["north"]["applications"], parks["north"]["granted"], parks["north"]["paid"]) == (
        2,
        "860000.00",
        "500000.00",
    )
    assert (parks["south"]["applications"], parks["south"]["paid"]) == (2, "7000.00")
    assert "sealed-person" not in str(panel) and "person_key" not in str(panel)


async def test_shared_facility_use_per_facility_and_per_park(dashboard: Dashboard) -> None:
    await dashboard.shows_sample_zone()  # utilisation is measured up to the zone's today
    panel = (await dashboard.client.get("/api/resources")).json()
    facilities = {f["facility_id"]: f for f in panel["facilities"]}
    lab = facilities["lab"]
    assert (lab["bookings"], lab["cancelled"], lab["capacity"]) == (3, 1, 4)
    assert lab["unit_hours"] == 12.0  # 2×4 h + 1×2 h + 1×2 h ahead; the cancelled one aside
    assert lab["fees"] == "1400.00"  # 800 + 200 + 200, and 200 a late cancellation kept
    assert lab["utilisation"] == 0.0156  # 10 unit-hours in the 28 days to today ÷ (4 × 8 h × 20 weekdays)
    assert {p["park_id"]: (p["bookings"], p["unit_hours"], p["fees"]) for p in lab["by_park"]} == {
        "north": (2, 10.0, "1000.00"),
        "south": (1, 2.0, "400.00"),
    }
    hall = facilities["hall"]
    assert (hall["bookings"], hall["utilisation"], hall["by_park"]) == (0, 0.0, [])
    assert [(p["park_id"], p["bookings"]) for p in panel["facility_parks"]] == [("north", 2), ("south", 1)]


async def test_related_projects_and_their_conversion_per_proposing_enterprise(dashboard: Dashboard) -> None:
    await dashboard.shows_sample_zone(ON)
    proposals = {
        p["proposer_lead_id"]: p for p in (await dashboard.client.get("/api/resources")).json()["proposals"]
    }
    first = proposals["lead-1"]
    assert first["name"] == "华芯半导体有限公司"
    assert (first["proposals"], first["projects"], first["estimated_investment"]) == (2, 4, "110000000.00")
    assert (first["leads"], first["duplicates"], first["signed"], first["landed"]) == (3, 1, 2, 0)
    assert first["conversion"] == 0.5  # lead-5 and lead-2 signed of four projects
    other = proposals["lead-3"]
    assert (other["projects"], other["leads"], other["signed"], other["conversion"]) == (1, 0, 0, 0.0)


async def test_the_summary_carries_the_panel(dashboard: Dashboard) -> None:
    await dashboard.shows_sample_zone(ON)
    summary = (await dashboard.client.get("/api/summary")).json()
    assert summary["resources"] == (await dashboard.client.get("/api/resources")).json()
