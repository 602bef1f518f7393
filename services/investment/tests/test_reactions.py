"""service-center's and headquarters' events, each delivered twice, on each backend: the
lead goes registered then landed, and ONE reward is granted by the reward policy version
in force on the signing date, although HQ published a newer version before the landing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import httpx
from park_investment.app import create_app
from park_investment.settings import InvestmentSettings
from park_shared.runtime import Runtime
from park_shared.settings import ParkSettings
from park_shared.testing.apps import auth_header, running_app, runtime_of, wait_until
from park_shared.testing.events import emit

OFFICER = auth_header("inv", "inv.officer")
FINANCE = auth_header("inv", "inv.finance")
TIMEOUT = 30.0


def at(day: date) -> Callable[[], datetime]:
    return lambda: datetime(day.year, day.month, day.day, 4, tzinfo=UTC)  # noon in Shanghai


def policy(version: int, effective_from: str, terms: dict[str, Any], kind: str = "reward") -> dict[str, Any]:
    return {
        "policy_id": f"{kind}-policy",
        "version": version,
        "kind": kind,
        "title": "全员招商奖励办法",
        "effective_from": effective_from,
        "terms": terms,
        "published_at": "2025-01-01T09:00:00+08:00",
    }


V1 = {"rate_percent": "0.5", "fixed_amount": "10000.00", "cap": "500000.00"}
V2 = {"rate_percent": "2", "fixed_amount": None, "cap": "5000000.00"}


async def _signed_lead(client: httpx.AsyncClient, code: str) -> str:
    referrer = await client.post(
        "/referrers", json={"kind": "staff", "name": "王芳", "phone": "13800001111"}, headers=OFFICER
    )
    body = {
        "company_name": "北辰新材料有限公司",
        "credit_code": code,
        "industry": "new materials",
        "planned_investment": "90000000.00",
        "park_id": "south",
        "platform": "all_staff",
        "referrer_id": referrer.json()["referrer_id"],
    }
    lead_id = (await client.post("/leads", json=body, headers=OFFICER)).json()["lead_id"]
    for stage in ("contacted", "negotiating"):
        await client.post(f"/leads/{lead_id}/stage", json={"stage": stage}, headers=OFFICER)
    agreement = {"signed_amount": "80000000.00", "preferred_parcel_id": "south-B02"}
    signed = await client.post(f"/leads/{lead_id}/agreement", json=agreement, headers=OFFICER)
    assert signed.status_code == 200, signed.text
    assert signed.json()["signed_on"] == "2025-03-01"
    return str(lead_id)


async def _handled(runtime: Runtime, count: int, what: str) -> None:
    await wait_until(lambda: sum(c.handled for c in runtime.consumers) >= count, timeout=TIMEOUT, what=what)


async def _lead(client: httpx.AsyncClient, lead_id: str) -> dict[str, Any]:
    doc: dict[str, Any] = (await client.get(f"/leads/{lead_id}", headers=OFFICER)).json()
    return doc


async def test_case_opened_and_commissioned_twice_grant_one_reward_by_the_policy_at_signing(
    park_settings: ParkSettings, new_code: Callable[[], str]
) -> None:
    settings = InvestmentSettings(**park_settings.model_dump())
    app = create_app(settings)
    async with running_app(app) as client:
        runtime = runtime_of(app)
        runtime.clock = at(date(2025, 3, 1))
        await emit(
            settings, "headquarters", "PolicyPublished.v1", policy(1, "2024-01-01", V1), "policy-r", times=2
        )
        fees = policy(1, "2024-01-01", {"items": []}, kind="fee_schedule")
        await emit(settings, "headquarters", "PolicyPublished.v1", fees, "policy-f", times=2)
        await _handled(runtime, 4, "the reward policy v1")
        lead_id = await _signed_lead(client, new_code())

        opened = {"case_id": "case-77", "lead_id": lead_id, "credit_code": "x", "opened_on": "2025-03-05"}
        opened |= {"enterprise_name": "北辰新材料", "green_channel": False, "park_id": "south"}
        await emit(settings, "service-center", "CaseOpened.v1", opened, "case-77", times=2)
        await _handled(runtime, 6, "the case opened twice")
        assert (await _lead(client, lead_id))["status"] == "registered"

        newer = policy(2, "2025-05-01", V2)
        superseded = {
            "policy_id": "reward-policy",
            "version": 1,
            "superseded_by": 2,
            "effective_until": "2025-04-30",
        }
        await emit(settings, "headquarters", "PolicyPublished.v1", newer, "policy-r", times=2)
        await emit(settings, "headquarters", "PolicySuperseded.v1", superseded, "policy-r", times=2)
        await _handled(runtime, 10, "the reward policy v2")
        runtime.clock = at(date(2025, 9, 1))
        today = await client.get("/reward-policies/in-force", params={"on": "2025-09-01"}, headers=FINANCE)
        assert today.json()["version"] == 2

        done = {"case_id": "case-77", "lead_id": lead_id, "credit_code": "x", "commissioned_on": "2025-08-30"}
        await emit(settings, "service-center", "EnterpriseCommissioned.v1", done, "case-77", times=2)
        await _handled(runtime, 12, "the enterprise commissioned twice")

        lead = await _lead(client, lead_id)
        assert (lead["status"], lead["case_id"], lead["landed_on"]) == ("landed", "case-77", "2025-08-30")
        rewards = (await client.get("/rewards", headers=FINANCE)).json()
        assert len(rewards) == 1
        reward = rewards[0]
        # v1, in force on 2025-03-01: 0.5 % x 80 000 000 + 10 000 = 410 000 (v2 would give 1 600 000)
        assert (reward["amount"], reward["policy_version"], reward["lead_id"]) == ("410000.00", 1, lead_id)
        assert reward["granted_on"] == "2025-09-01"
        types = [e.type for e in await runtime.store.read_all(0, 10_000)]
        for name in (
            "RewardGranted",
            "LeadLanded",
            "LeadRegisteredForService",
            "RewardPolicyVersionRecorded",
        ):
            expected = 2 if name == "RewardPolicyVersionRecorded" else 1
            assert types.count(f"park.investment.{name}.v1") == expected, name

        payout = {"amount": "410000.00", "paid_on": "2025-09-10"}
        paid = await client.post(f"/rewards/{reward['reward_id']}/payouts", json=payout, headers=FINANCE)
        assert paid.status_code == 201, paid.text
        assert (paid.json()["status"], paid.json()["outstanding"]) == ("paid", "0.00")
        before = await runtime.store.last_position()
        again = await client.post(f"/rewards/{reward['reward_id']}/payouts", json=payout, headers=FINANCE)
        assert again.status_code == 409
        assert await runtime.store.last_position() == before
