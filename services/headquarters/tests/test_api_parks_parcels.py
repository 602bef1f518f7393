"""/parks and /parcels over HTTP, with the role checks and refusals that change nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import Hq


async def test_the_parks_come_from_configuration_and_the_head_renames_them(hq: Hq) -> None:
    parks = (await hq.client.get("/parks", headers=hq.planner_1)).json()
    assert {p["park_id"]: p["name"] for p in parks} == {
        "north": "北园 North Park",
        "south": "南园 South Park",
    }
    by_official = await hq.client.put("/parks/north", json={"name": "北园"}, headers=hq.official)
    assert by_official.status_code == 403 and "hq.head" in by_official.json()["detail"]
    renamed = await hq.client.put("/parks/north", json={"name": "北园高新区"}, headers=hq.head)
    assert renamed.status_code == 200 and renamed.json() == {"park_id": "north", "name": "北园高新区"}
    assert (await hq.client.put("/parks/east", json={"name": "东园"}, headers=hq.head)).status_code == 404
    assert "ParkRenamed" in await hq.event_types()


async def test_planners_register_parcels_with_a_code_unique_in_the_park(hq: Hq) -> None:
    await hq.hold("north", "A01")
    await hq.hold("south", "A01")
    body = {"park_id": "north", "code": "A01", "planned_use": "industrial", "area_m2": 12000}
    created = await hq.client.post("/parcels", json=body, headers=hq.planner_1)
    assert created.status_code == 201, created.text
    assert created.json() | {"status": "planned", "parcel_id": "north-A01"} == created.json()
    same_code_other_park = await hq.client.post(
        "/parcels", json={**body, "park_id": "south"}, headers=hq.planner_1
    )
    assert same_code_other_park.status_code == 201
    before = await hq.last_position()
    again = await hq.client.post("/parcels", json=body, headers=hq.planner_1)
    assert again.status_code == 409 and "already registered" in again.json()["detail"]
    assert await hq.last_position() == before
    listed = await hq.client.get("/parcels", params={"park_id": "north"}, headers=hq.official)
    assert [p["parcel_id"] for p in listed.json()] == ["north-A01"]
    one = await hq.client.get("/parcels/south-A01", headers=hq.head)
    assert one.json()["park_id"] == "south"
    assert (await hq.client.get("/parcels/south-Z9", headers=hq.head)).status_code == 404


async def test_bad_parcels_are_refused_naming_the_field_and_roles_are_checked(hq: Hq) -> None:
    good = {"park_id": "north", "code": "B01", "planned_use": "public", "area_m2": 500}
    before = await hq.last_position()
    cases = [
        ({**good, "park_id": "east"}, "park_id"),
        ({**good, "area_m2": 0}, "area_m2"),
        ({**good, "area_m2": 12.5}, "area_m2"),
        ({**good, "planned_use": "residential"}, "planned_use"),
        ({**good, "code": "B 01"}, "code"),
    ]
    for body, field in cases:
        refused = await hq.client.post("/parcels", json=body, headers=hq.planner_1)
        assert (refused.status_code, refused.json()["field"]) == (422, field), body
    by_official = await hq.client.post("/parcels", json=good, headers=hq.official)
    assert by_official.status_code == 403 and "hq.planner" in by_official.json()["detail"]
    assert (await hq.client.post("/parcels", json=good, headers=hq.foreign)).status_code == 403
    assert (await hq.client.post("/parcels", json=good)).status_code == 401
    assert (await hq.client.get("/parcels", headers=hq.foreign)).status_code == 403
    assert await hq.last_position() == before


async def test_land_the_zone_holds_is_recorded_with_its_title_and_only_such_land_is_planned(hq: Hq) -> None:
    c = hq.client
    plan = {"park_id": "north", "code": "C01", "planned_use": "industrial", "area_m2": 8000}
    before = await hq.last_position()
    unknown = await c.post("/parcels", json=plan, headers=hq.planner_1)
    assert (unknown.status_code, unknown.json()["parcel_status"]) == (409, "none")
    assert "requisition" in unknown.json()["detail"]
    held_body = {"park_id": "north", "code": "C01", "title_reference": "北园不动产权第0001号"}
    for bad, field in (
        ({**held_body, "park_id": "east"}, "park_id"),
        ({**held_body, "title_reference": ""}, "title_reference"),
    ):
        refused = await c.post("/parcels/held", json=bad, headers=hq.planner_1)
        assert (refused.status_code, refused.json()["field"]) == (422, field)
    assert (await c.post("/parcels/held", json=held_body, headers=hq.foreign)).status_code == 403
    assert await hq.last_position() == before

    held = await c.post("/parcels/held", json=held_body, headers=hq.planner_1)
    assert held.status_code == 201, held.text
    assert {k: held.json()[k] for k in ("parcel_id", "status", "title_reference", "planned_use")} == {
        "parcel_id": "north-C01",
        "status": "requisitioned",
        "title_reference": "北园不动产权第0001号",
        "planned_use": None,
    }
    again = await c.post("/parcels/held", json=held_body, headers=hq.planner_1)
    assert again.status_code == 201 and await hq.last_position() == before + 1
    listed = await c.get("/parcels", params={"status": "requisitioned"}, headers=hq.official)
    assert [p["parcel_id"] for p in listed.json()] == ["north-C01"]
    planned = await c.post("/parcels", json=plan, headers=hq.planner_1)
    assert planned.status_code == 201 and planned.json()["status"] == "planned"
    assert planned.json()["title_reference"] == "北园不动产权第0001号"
    late = await c.post("/parcels/held", json=held_body, headers=hq.planner_1)
    assert (late.status_code, late.json()["parcel_status"]) == (409, "planned")
