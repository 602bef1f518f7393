"""Done when a LeadSigned that arrives before HQ's procedure catalogue is in force is never
lost: its case waits (status awaiting_catalogue, nothing dead-lettered), opens once a catalogue
is in force (the day it takes effect, or at once when HQ publishes one in force), and raises its
opening invoice once."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import httpx
from park_service_center.app import create_app
from park_service_center.application.awaiting import open_awaiting
from park_service_center.application.context import ServiceCenter
from park_service_center.domain.case import case_id_for_lead
from park_service_center.projections.names import POLICY_VERSIONS
from park_service_center.settings import ServiceCenterSettings
from park_shared.settings import ParkSettings
from park_shared.testing.apps import auth_header, running_app, wait_until
from park_shared.testing.events import emit
from park_shared.working_days import WorkingCalendar

if TYPE_CHECKING:
    from conftest import FakeClock, HqPolicy

OFFICER = auth_header("sc", "sc.officer")
EFFECTIVE = date(2026, 4, 9)  # a week after the clock's Thursday


def signed(lead_id: str) -> dict[str, Any]:
    return {
        "lead_id": lead_id, "company_name": "Pearl Semis", "credit_code": "91440300708461136T",
        "industry": "electronics", "park_id": "north", "planned_investment": "8000000.00",
        "signed_amount": "8000000.00", "signed_on": "2026-04-01", "preferred_parcel_id": "north-A01",
        "green_channel": False,
    }  # fmt: skip


def center_of(client: httpx.AsyncClient) -> ServiceCenter:
    center: ServiceCenter = client._transport.app.state.application  # type: ignore[attr-defined]
    return center


async def case_of(client: httpx.AsyncClient, case_id: str) -> dict[str, Any]:
    response = await client.get(f"/cases/{case_id}", headers=OFFICER)
    return dict(response.json()) if response.status_code == 200 else {}


async def publish(settings: ParkSettings, data: dict[str, Any]) -> None:
    await emit(settings, "headquarters", "PolicyPublished.v1", data, f"policy-{data['policy_id']}")


async def publish_fees(settings: ParkSettings, client: httpx.AsyncClient, hq_policy: HqPolicy) -> None:
    """The fee schedule and preferential policy, recorded before the catalogue comes: the
    opening invoice is raised from the schedule in force when the case opens."""
    await publish(settings, hq_policy("fee_schedule"))
    await publish(settings, hq_policy("preferential"))

    async def recorded() -> bool:
        read_models = await center_of(client).read_models()
        return all([await read_models.get(POLICY_VERSIONS, k) for k in ("fees:1", "pref-electronics:1")])

    await wait_until(recorded, timeout=60, what="the fee schedule and preferential policy")


async def sign_and_wait(settings: ParkSettings, client: httpx.AsyncClient, lead_id: str) -> str:
    case_id = case_id_for_lead(lead_id)
    await emit(settings, "investment", "LeadSigned.v1", signed(lead_id), lead_id, times=2)

    async def waiting() -> bool:
        return (await case_of(client, case_id)).get("status") == "awaiting_catalogue"

    await wait_until(waiting, timeout=60, what=f"the waiting case of {lead_id}")
    return case_id


async def opened_and_invoiced(
    settings: ParkSettings, client: httpx.AsyncClient, case_id: str
) -> dict[str, Any]:
    async def invoiced() -> bool:
        response = await client.get("/invoices", params={"case_id": case_id}, headers=OFFICER)
        return len(response.json()) == 1

    await wait_until(invoiced, timeout=60, what=f"the opening invoice of {case_id}")
    assert await open_awaiting(center_of(client)) == 0  # a second attempt finds it open
    records = await center_of(client).runtime.store.read_all(0, 10_000)
    types = [r.type.split(".")[2] for r in records if case_id in r.stream_id]
    assert types.count("CaseAwaitingCatalogue") == 1 and types.count("CaseOpened") == 1
    assert types.count("InvoiceRaised") == 1
    status = (await client.get("/ops/status")).json()
    assert [c["dead_lettered"] for c in status["consumers"]] == [0] * len(status["consumers"])
    return await case_of(client, case_id)


async def test_a_lead_signed_before_the_catalogue_takes_effect_opens_on_that_day(
    settings: ServiceCenterSettings, clock: FakeClock, hq_policy: HqPolicy
) -> None:
    async with running_app(create_app(settings, clock=clock)) as client:
        await publish_fees(settings, client, hq_policy)
        case_id = await sign_and_wait(settings, client, "lead-early")
        listed = (await client.get("/cases", params={"status": "awaiting_catalogue"}, headers=OFFICER)).json()
        assert [(c["case_id"], c["received_on"], c["opened_on"]) for c in listed] == [
            (case_id, "2026-04-02", None)
        ]
        position = await center_of(client).runtime.store.last_position()
        submit = await client.post(
            f"/cases/{case_id}/steps/project_approval/submit", json={"documents": ["x"]}, headers=OFFICER
        )
        seal = await client.post(f"/cases/{case_id}/seal", headers=OFFICER)
        for refused in (submit, seal):
            assert (
                refused.status_code == 409
                and "waiting for HQ's procedure catalogue" in refused.json()["detail"]
            )
        assert await center_of(client).runtime.store.last_position() == position

        await publish(settings, hq_policy("procedure_catalogue", effective_from=EFFECTIVE.isoformat()))
        read_models = await center_of(client).read_models()
        await wait_until(
            lambda: read_models.get(POLICY_VERSIONS, "catalogue:1"), timeout=20, what="the future catalogue"
        )
        assert await open_awaiting(center_of(client)) == 0  # not in force yet: it keeps waiting
        assert (await case_of(client, case_id))["status"] == "awaiting_catalogue"

        clock.set(EFFECTIVE)  # the scheduler opens it on the day the catalogue takes effect
        case = await opened_and_invoiced(settings, client, case_id)
        deadline = WorkingCalendar().add_working_days(EFFECTIVE, 10)  # no calendar published: weekends
        assert (case["status"], case["received_on"], case["opened_on"]) == (
            "open",
            "2026-04-02",
            "2026-04-09",
        )
        assert (case["steps"][0]["status"], case["steps"][0]["deadline"]) == (
            "accepted",
            deadline.isoformat(),
        )
        assert case["steps"][0]["deadline_provisional"]
        records = await center_of(client).runtime.store.read_all(0, 10_000)
        [waited] = [r for r in records if r.type.endswith(".CaseAwaitingCatalogue.v1")]
        [opened] = [r for r in records if r.type.endswith(".CaseOpened.v1")]
        assert opened.meta.actor == "system" and opened.meta.correlation_id == waited.meta.correlation_id

        await emit(settings, "investment", "LeadSigned.v1", signed("lead-early"), "lead-early")  # a new id
        await wait_until(lambda: _all_handled(client, 6), timeout=20, what="the late LeadSigned")
        assert (await opened_and_invoiced(settings, client, case_id))["version"] == case["version"]


async def _all_handled(client: httpx.AsyncClient, count: int) -> bool:
    status = (await client.get("/ops/status")).json()
    return bool(sum(c["handled"] for c in status["consumers"] if "investment" in str(c["topics"])) >= count)


async def test_a_waiting_lead_opens_as_soon_as_hq_publishes_a_catalogue_in_force(
    park_settings: ParkSettings, clock: FakeClock, hq_policy: HqPolicy
) -> None:
    # a scan interval far beyond the test's timeouts: only the wake-up on PolicyPublished opens it
    settings = ServiceCenterSettings(**{**park_settings.model_dump(), "sc_overdue_scan_seconds": 600})
    async with running_app(create_app(settings, clock=clock)) as client:
        await publish_fees(settings, client, hq_policy)
        case_id = await sign_and_wait(settings, client, "lead-waits")
        await publish(settings, hq_policy("procedure_catalogue"))
        case = await opened_and_invoiced(settings, client, case_id)
        assert (case["status"], case["opened_on"], case["current_step"]) == (
            "open",
            "2026-04-02",
            "project_approval",
        )
