"""The app's surface: every resource in the OpenAPI, unknown parcels dead-lettered, read
models rebuilt from the events alone to the same documents."""

from __future__ import annotations

from typing import TYPE_CHECKING

from park_shared.testing.apps import wait_until
from park_shared.testing.events import emit

if TYPE_CHECKING:
    from conftest import Hq

COLLECTIONS = (
    "parks",
    "parcels",
    "policies",
    "approvals",
    "planning_cases",
    "supervision_cases",
    "coordination_matters",
    "offerings",
)


async def test_every_resource_is_in_the_openapi_and_public_policies_need_no_token(hq: Hq) -> None:
    paths = (await hq.client.get("/openapi.json")).json()["paths"]
    for path in (
        "/parks",
        "/parcels",
        "/policies",
        "/policies/{policy_id}/in-force",
        "/public/policies",
        "/public/policies/{policy_id}/in-force",
        "/project-approvals",
        "/planning-applications",
        "/planning-applications/{application_id}/appeal-decision",
        "/supervision-cases",
        "/supervision-cases/counts",
        "/coordination-matters",
        "/oversight/offerings",
    ):
        assert path in paths, path
    assert (await hq.client.get("/public/policies/in-force")).status_code == 200
    assert (await hq.client.get("/policies")).status_code == 401


async def test_a_completion_naming_an_unknown_parcel_services_the_others_and_is_dead_lettered(hq: Hq) -> None:
    body = {"park_id": "south", "code": "C01", "planned_use": "commercial", "area_m2": 3000}
    await hq.client.post("/parcels", json=body, headers=hq.planner_1)
    completed = {
        "project_id": "water-2",
        "kind": "water",
        "parcel_ids": ["south-C01", "south-X99"],
        "completed_on": "2026-03-01",
    }
    await emit(hq.settings, "industrial-co", "InfrastructureCompleted.v1", completed, "water-2")
    consumer = hq.runtime.consumers[0]
    await wait_until(lambda: consumer.dead_lettered == 1, timeout=20, what="the event dead-lettered")
    parcel = (await hq.client.get("/parcels/south-C01", headers=hq.official)).json()
    assert parcel["status"] == "serviced"


async def test_read_models_rebuild_from_the_events_to_the_same_documents(hq: Hq) -> None:
    c = hq.client
    await c.post(
        "/parcels",
        json={"park_id": "north", "code": "A01", "planned_use": "industrial", "area_m2": 9000},
        headers=hq.planner_1,
    )
    policy = {
        "policy_id": "fees",
        "kind": "fee_schedule",
        "title": "收费标准",
        "terms": {"items": [{"code": "F1", "name": "费", "amount": "5", "phase": "after_production"}]},
    }
    await c.post("/policies", json=policy, headers=hq.head)
    await c.post(
        "/policies/fees/versions/1/publish", json={"effective_from": str(hq.monday)}, headers=hq.head
    )
    await c.post(
        "/supervision-cases", json={"unit": "investment", "description": "重复招商"}, headers=hq.official
    )
    await c.put("/parks/south", json={"name": "南园新区"}, headers=hq.head)
    runner = hq.runtime.projection_runner
    assert runner is not None
    await runner.catch_up()
    read_models = hq.runtime.read_models
    before = {name: await read_models.find(name) for name in COLLECTIONS}
    await runner.rebuild()
    assert {name: await read_models.find(name) for name in COLLECTIONS} == before
    assert before["parks"][1]["name"] == "南园新区"
