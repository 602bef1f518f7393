"""Done when, on each backend (real Kafka + FerretDB with PARK_REAL=1): LeadSigned delivered
twice opens one case, HQ's ProjectApproved moves it on, ProjectRejected stops another, and the
published fee schedule and preferential policy give the right invoice amounts."""

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from park_service_center.app import create_app
from park_service_center.settings import ServiceCenterSettings
from park_shared.settings import ParkSettings
from park_shared.testing.apps import auth_header, running_app, wait_until
from park_shared.testing.events import emit

OFFICER = auth_header("sc", "sc.officer")


def lead(lead_id: str, company: str) -> dict[str, Any]:
    return {
        "lead_id": lead_id, "company_name": company, "credit_code": "91440300708461136T",
        "industry": "electronics", "park_id": "north", "planned_investment": "8000000.00",
        "signed_amount": "8000000.00", "signed_on": "2026-04-01", "preferred_parcel_id": "north-A01",
        "platform": "merchant", "referrer_id": "ref-9", "green_channel": False,
    }  # fmt: skip


async def cases_of(client: httpx.AsyncClient, lead_id: str) -> list[dict[str, Any]]:
    return list((await client.get("/cases", params={"lead_id": lead_id}, headers=OFFICER)).json())


async def first_step(client: httpx.AsyncClient, case_id: str) -> dict[str, Any]:
    return dict((await client.get(f"/cases/{case_id}", headers=OFFICER)).json()["steps"][0])


async def test_leads_approvals_and_fees_across_services(
    park_settings: ParkSettings, clock: Any, publish: Callable[[ParkSettings], Awaitable[None]]
) -> None:
    settings = ServiceCenterSettings(**park_settings.model_dump())
    await publish(settings)
    async with running_app(create_app(settings, clock=clock)) as client:
        await wait_until(lambda: _catalogue(client), timeout=60, what="the catalogue from HQ's events")
        await emit(settings, "investment", "LeadSigned.v1", lead("lead-1", "Pearl Semis"), "lead-1", times=2)
        await emit(settings, "investment", "LeadSigned.v1", lead("lead-1", "Pearl Semis"), "lead-1")
        await emit(settings, "investment", "LeadSigned.v1", lead("lead-2", "Delta Cells"), "lead-2")
        await wait_until(lambda: _one_case_each(client), timeout=60, what="the cases of both leads")
        [one] = await cases_of(client, "lead-1")
        [two] = await cases_of(client, "lead-2")
        runtime = client._transport.app.state.runtime  # type: ignore[attr-defined]
        opened = [r for r in await runtime.store.read_all(0, 10_000) if r.type.endswith(".CaseOpened.v1")]
        assert len(opened) == 2
        assert (await first_step(client, one["case_id"]))["status"] == "accepted"  # approval requested

        approval = {"case_id": one["case_id"], "decided_on": "2026-04-08", "allocated_parcel_id": "north-A01"}
        await emit(
            settings,
            "headquarters",
            "ProjectApproved.v1",
            {**approval, "approval_id": "ap-1"},
            "ap-1",
            times=2,
        )
        rejection = {"case_id": two["case_id"], "decided_on": "2026-04-08", "reason": "capacity cap reached"}
        await emit(
            settings, "headquarters", "ProjectRejected.v1", {**rejection, "approval_id": "ap-2"}, "ap-2"
        )
        await wait_until(
            lambda: _decided(client, one["case_id"], two["case_id"]), timeout=60, what="HQ's decisions"
        )
        moved = (await client.get(f"/cases/{one['case_id']}", headers=OFFICER)).json()
        assert (moved["status"], moved["current_step"], moved["allocated_parcel_id"]) == (
            "open",
            "land_use",
            "north-A01",
        )
        stopped = (await client.get(f"/cases/{two['case_id']}", headers=OFFICER)).json()
        assert stopped["status"] == "stopped" and stopped["steps"][0]["reason"] == "capacity cap reached"

        await wait_until(lambda: _invoiced(client, one["case_id"]), timeout=60, what="the opening invoice")
        [invoice] = (
            await client.get("/invoices", params={"case_id": one["case_id"]}, headers=OFFICER)
        ).json()
        assert [(ln["fee_code"], ln["discount"], ln["due"]) for ln in invoice["lines"]] == [
            ("infra", "30000.00", "70000.00"), ("reg", "1250.50", "0.00"),
        ]  # fmt: skip
        assert invoice["total_due"] == "70000.00"


async def _catalogue(client: httpx.AsyncClient) -> bool:
    return bool((await client.get("/public/procedures")).json()["steps"])


async def _one_case_each(client: httpx.AsyncClient) -> bool:
    return len(await cases_of(client, "lead-1")) == 1 and len(await cases_of(client, "lead-2")) == 1


async def _decided(client: httpx.AsyncClient, approved: str, rejected: str) -> bool:
    statuses = (
        (await first_step(client, approved))["status"],
        (await first_step(client, rejected))["status"],
    )
    return statuses == ("approved", "rejected")


async def _invoiced(client: httpx.AsyncClient, case_id: str) -> bool:
    invoices = (await client.get("/invoices", params={"case_id": case_id}, headers=OFFICER)).json()
    return len(invoices) == 1
