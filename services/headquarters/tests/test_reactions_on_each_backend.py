"""Done when: service-center's ApprovalRequested and StepOverdue and industrial-co's
InfrastructureCompleted, each delivered twice on its topic, give exactly one approval
request, one supervision case and the parcels serviced (published once each on our topic);
and the as-of-date query returns the right version across a supersession. On the embedded
backend and on real Kafka + FerretDB."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from park_headquarters.settings import HeadquartersSettings
from park_shared.settings import ParkSettings
from park_shared.testing.apps import wait_until
from park_shared.testing.events import emit, read_topic

if TYPE_CHECKING:
    from conftest import Hq, StartHq

TIMEOUT = 60.0
CONTRACT = {
    "ParkRegistered",
    "ParcelRegistered",
    "ParcelServiced",
    "ParcelAllocated",
    "ParcelRequisitioned",
    "RequisitionOpened",
    "AgreementSigned",
    "CompensationPaid",
    "RequisitionCompleted",
    "PolicyPublished",
    "PolicySuperseded",
    "PolicyRevoked",
    "ProjectApproved",
    "ProjectRejected",
    "SupervisionCaseOpened",
    "SupervisionCaseClosed",
}
STEP = {
    "code": "project_approval",
    "name": "立项",
    "legal_basis": "条例",
    "working_days": 5,
    "green_channel_working_days": 2,
    "decided_by": "headquarters",
}
APPROVAL_REQUESTED = {
    "case_id": "case-7",
    "step_code": "project_approval",
    "enterprise_name": "绿能科技有限公司",
    "credit_code": "91110000000000001X",
    "project": "光伏组件",
    "planned_investment": "1250000.00",
    "park_id": "north",
    "requested_parcel_id": "north-A01",
    "requested_on": "2026-03-02",
    "working_days": 5,
}
STEP_OVERDUE = {
    "case_id": "case-3",
    "step_code": "fire",
    "step_name": "消防审验",
    "accepted_on": "2026-02-16",
    "deadline": "2026-02-27",
    "enterprise_name": "蓝海材料有限公司",
}
INFRASTRUCTURE_COMPLETED = {
    "project_id": "road-7",
    "kind": "road",
    "parcel_ids": ["north-A01", "north-A02"],
    "completed_on": "2026-03-01",
}


async def prepare(hq: Hq) -> None:
    c = hq.client
    await hq.hold("north", "A01", "A02")
    for code in ("A01", "A02"):
        body = {"park_id": "north", "code": code, "planned_use": "industrial", "area_m2": 8000}
        assert (await c.post("/parcels", json=body, headers=hq.planner_1)).status_code == 201
    await hq.adopt_policy("catalogue", "procedure_catalogue", "办事指南", {"steps": [STEP]})


async def get(hq: Hq, path: str, **params: str) -> Any:
    return (await hq.client.get(path, params=params, headers=hq.official)).json()


async def published_types(settings: ParkSettings, expected: int) -> Counter[str]:
    """What headquarters published on its own topic, read as a dashboard would."""
    envelopes = await read_topic(
        settings, "headquarters", until=lambda seen: len(seen) >= expected, timeout=TIMEOUT
    )
    return Counter(e.type.split(".")[2] for e in envelopes)


async def test_redelivered_events_have_one_effect(park_settings: ParkSettings, hq_on: StartHq) -> None:
    settings = HeadquartersSettings(**park_settings.model_dump(), hq_scheduler_interval=0.1)
    async with hq_on(settings) as hq:
        await prepare(hq)
        await emit(settings, "service-center", "ApprovalRequested.v1", APPROVAL_REQUESTED, "case-7", times=2)
        await emit(settings, "service-center", "StepOverdue.v1", STEP_OVERDUE, "case-3", times=2)
        await emit(
            settings,
            "industrial-co",
            "InfrastructureCompleted.v1",
            INFRASTRUCTURE_COMPLETED,
            "road-7",
            times=2,
        )
        consumer = hq.runtime.consumers[0]
        await wait_until(lambda: consumer.handled >= 6, timeout=TIMEOUT, what="six deliveries handled")

        [request] = await get(hq, "/project-approvals")
        assert (request["approval_id"], request["deadline"], request["working_days_left"]) == (
            "apr-case-7",
            "2026-03-09",
            5,
        )
        [case] = await get(hq, "/supervision-cases")
        assert (case["supervision_id"], case["cause"], case["step_code"]) == (
            "sup-case-3-fire",
            "overdue",
            "fire",
        )
        parcels = await get(hq, "/parcels", park_id="north")
        assert [(p["parcel_id"], p["status"], p["by_project_id"]) for p in parcels] == [
            ("north-A01", "serviced", "road-7"),
            ("north-A02", "serviced", "road-7"),
        ]
        stored = Counter(await hq.event_types())
        assert (
            stored["ApprovalRequestReceived"],
            stored["SupervisionCaseOpened"],
            stored["ParcelServiced"],
        ) == (1, 1, 2)
        contract = Counter({name: n for name, n in stored.items() if name in CONTRACT})
        published = await published_types(settings, sum(contract.values()))
        assert published == contract  # exactly the contract's events; internal ones stay home
        assert published["ParcelServiced"] == 2 and "ApprovalRequestReceived" not in published
        assert consumer.dead_lettered == 0


async def test_the_as_of_date_query_across_a_supersession(
    park_settings: ParkSettings, hq_on: StartHq
) -> None:
    settings = HeadquartersSettings(**park_settings.model_dump(), hq_scheduler_interval=0.1)
    async with hq_on(settings) as hq:
        c, monday, later = hq.client, hq.monday, hq.monday + timedelta(days=7)
        await hq.adopt_policy("reward", "reward", "奖励办法", {"rate_percent": "1", "cap": "100000"}, monday)
        v2 = {"title": "奖励办法（2026修订）", "terms": {"fixed_amount": "20000", "cap": "20000"}}
        await c.post("/policies/reward/versions", json=v2, headers=hq.head)
        await c.post(
            "/policies/reward/versions/2/publish", json={"effective_from": str(later)}, headers=hq.head
        )
        hq.set_today(later + timedelta(days=1))

        async def superseded() -> bool:
            doc = await get(hq, "/policies/reward")
            return bool(doc["versions"][0]["status"] == "superseded")

        await wait_until(superseded, timeout=TIMEOUT, what="version 1 superseded")

        async def version_on(day: object) -> int:
            response = await c.get("/public/policies/reward/in-force", params={"on": str(day)})
            return int(response.json()["version"])

        assert await version_on(later - timedelta(days=1)) == 1
        assert await version_on(later) == 2
        assert await version_on(monday) == 1
        assert (await c.get("/public/policies/reward/in-force")).json()["terms"]["fixed_amount"] == "20000.00"


async def test_industrial_cos_payment_redelivered_is_recorded_once_and_completes_the_case(
    park_settings: ParkSettings, hq_on: StartHq
) -> None:
    """IC's LandCompensationPaid, delivered twice, records the payment once; the case completes
    and its parcel is requisitioned, then planned."""
    settings = HeadquartersSettings(**park_settings.model_dump(), hq_scheduler_interval=0.1)
    async with hq_on(settings) as hq:
        c = hq.client
        terms = {"per_mu": {"arable": "30000"}}
        policy = {
            "policy_id": "comp",
            "kind": "compensation_standard",
            "title": "征地补偿标准",
            "terms": terms,
        }
        assert (await c.post("/policies", json=policy, headers=hq.official)).status_code == 201
        publish = {"effective_from": str(hq.monday)}
        await c.post("/policies/comp/versions/1/publish", json=publish, headers=hq.head)
        collective = {"collective_id": "east", "name": "东村", "households": 4, "parcel_ids": ["north-R01"]}
        case = {"case_id": "req-7", "parcel_ids": ["north-R01"], "collectives": [collective]}
        assert (await c.post("/land-requisitions", json=case, headers=hq.official)).status_code == 201
        signed = {
            "collective_id": "east",
            "parcel_ids": ["north-R01"],
            "areas": {"arable": "2"},
            "amount": "60000",
        }
        agreement = await c.post("/land-requisitions/req-7/agreements", json=signed, headers=hq.official)
        assert agreement.status_code == 201, agreement.text
        payment = {
            "payment_id": "comp-1",
            "case_id": "req-7",
            "collective_id": "east",
            "amount": "60000.00",
            "paid_on": "2026-03-03",
        }
        await emit(
            settings, "industrial-co", "LandCompensationPaid.v1", payment, "compensation-req-7", times=2
        )
        consumer = hq.runtime.consumers[0]
        await wait_until(lambda: consumer.handled >= 2, timeout=TIMEOUT, what="both deliveries handled")

        done = await get(hq, "/land-requisitions/req-7")
        assert (done["status"], done["completed_on"]) == ("completed", "2026-03-03")
        assert done["by_collective"]["east"]["payment"]["payment_id"] == "comp-1"
        parcel = await get(hq, "/parcels/north-R01")
        assert (parcel["status"], parcel["requisition_case_id"]) == ("requisitioned", "req-7")
        plan = {"park_id": "north", "code": "R01", "planned_use": "industrial", "area_m2": 1333}
        assert (await c.post("/parcels", json=plan, headers=hq.planner_1)).status_code == 201
        stored = Counter(await hq.event_types())
        assert (
            stored["CompensationPaid"],
            stored["RequisitionCompleted"],
            stored["ParcelRequisitioned"],
        ) == (
            1,
            1,
            1,
        )
        assert consumer.dead_lettered == 0
