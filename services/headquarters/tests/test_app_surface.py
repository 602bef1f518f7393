"""The app's surface: every resource in the OpenAPI, unknown parcels dead-lettered, read
models rebuilt from the events alone to the same documents."""

from __future__ import annotations

from typing import TYPE_CHECKING

from park_shared.testing.apps import wait_until

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
    await hq.hold("south", "C01")
    body = {"park_id": "south", "code": "C01", "planned_use": "commercial", "area_m2": 3000}
    await hq.client.post("/parcels", json=body, headers=hq.planner_1)
    await hq.complete_infrastructure("water-2", "water", ["south-C01", "south-X99"])
    consumer = hq.runtime.consumers[0]
    await wait_until(lambda: consumer.dead_lettered == 1, timeout=20, what="the event dead-lettered")
    parcel = (await hq.client.get("/parcels/south-C01", headers=hq.official)).json()
    assert parcel["status"] == "serviced"


async def test_read_models_rebuild_from_the_events_to_the_same_documents(hq: Hq) -> None:
    c = hq.client
    await hq.hold("north", "A01")
    case = {
        "case_id": "req-1",
        "parcel_ids": ["north-B01"],
        "collectives": [
            {"collective_id": "east", "name": "东村", "households": 3, "parcel_ids": ["north-B01"]}
        ],
    }
    assert (await c.post("/land-requisitions", json=case, headers=hq.official)).status_code == 201
    await c.post(
        "/parcels",
        json={"park_id": "north", "code": "A01", "planned_use": "industrial", "area_m2": 9000},
        headers=hq.planner_1,
    )
    fee = {"code": "F1", "name": "费", "amount": "5", "phase": "after_production"}
    await hq.adopt_policy("fees", "fee_schedule", "收费标准", {"items": [fee]})
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


PLANNING, SUPERVISION, COORDINATION = "/planning-applications", "/supervision-cases", "/coordination-matters"
CASE_OPERATIONS = {
    # operation id: (method, path, success status, request model)
    "file_case_planning_applications_post": ("post", PLANNING, "201", "PlanningCreate"),
    "list_cases_planning_applications_get": ("get", PLANNING, "200", None),
    "get_case_planning_applications__application_id__get": (
        "get",
        PLANNING + "/{application_id}",
        "200",
        None,
    ),
    "escalate_planning_applications__application_id__escalate_post": (
        "post",
        PLANNING + "/{application_id}/escalate",
        "200",
        "Escalation",
    ),
    "decide_planning_applications__application_id__decision_post": (
        "post",
        PLANNING + "/{application_id}/decision",
        "200",
        "Decision",
    ),
    "appeal_planning_applications__application_id__appeal_post": (
        "post",
        PLANNING + "/{application_id}/appeal",
        "200",
        "Appeal",
    ),
    "decide_appeal_planning_applications__application_id__appeal_decision_post": (
        "post",
        PLANNING + "/{application_id}/appeal-decision",
        "200",
        "AppealRuling",
    ),
    "file_complaint_supervision_cases_post": ("post", SUPERVISION, "201", "ComplaintCreate"),
    "list_cases_supervision_cases_get": ("get", SUPERVISION, "200", None),
    "counts_supervision_cases_counts_get": ("get", SUPERVISION + "/counts", "200", None),
    "get_case_supervision_cases__supervision_id__get": (
        "get",
        SUPERVISION + "/{supervision_id}",
        "200",
        None,
    ),
    "assign_supervision_cases__supervision_id__assign_post": (
        "post",
        SUPERVISION + "/{supervision_id}/assign",
        "200",
        "Assignment",
    ),
    "close_supervision_cases__supervision_id__close_post": (
        "post",
        SUPERVISION + "/{supervision_id}/close",
        "200",
        "Closing",
    ),
    "open_matter_coordination_matters_post": ("post", COORDINATION, "201", "MatterCreate"),
    "list_matters_coordination_matters_get": ("get", COORDINATION, "200", None),
    "get_matter_coordination_matters__matter_id__get": ("get", COORDINATION + "/{matter_id}", "200", None),
    "hold_meeting_coordination_matters__matter_id__meetings_post": (
        "post",
        COORDINATION + "/{matter_id}/meetings",
        "201",
        "MeetingCreate",
    ),
    "adopt_resolution_coordination_matters__matter_id__resolutions_post": (
        "post",
        COORDINATION + "/{matter_id}/resolutions",
        "201",
        "ResolutionCreate",
    ),
    "close_matter_coordination_matters__matter_id__close_post": (
        "post",
        COORDINATION + "/{matter_id}/close",
        "200",
        "MatterClose",
    ),
}
LIST_FILTERS = {
    PLANNING: ["status", "kind"],
    SUPERVISION: ["status", "cause", "unit"],
    COORDINATION: ["status"],
}


async def test_the_three_case_files_keep_their_operations_from_one_router(hq: Hq) -> None:
    """Planning, supervision and coordination share one parameterised router (api/cases.py):
    each keeps its paths, operation ids, success statuses, request models and list filters."""
    paths = (await hq.client.get("/openapi.json")).json()["paths"]
    found = {}
    for path, operations in paths.items():
        if path.startswith((PLANNING, SUPERVISION, COORDINATION)):
            for method, op in operations.items():
                body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
                model = body["schema"]["$ref"].rsplit("/", 1)[-1] if body else None
                success = next(code for code in op["responses"] if code.startswith("2"))
                found[op["operationId"]] = (method, path, success, model)
    assert found == CASE_OPERATIONS
    for path, filters in LIST_FILTERS.items():
        assert [p["name"] for p in paths[path]["get"]["parameters"]] == filters
