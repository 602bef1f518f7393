"""Async HTTP for the suite benchmark: clients with development tokens, the suite's policies,
and leads prepared up to negotiation."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import httpx
from park_shared.identifiers import ALPHABET, check_character
from park_shared.testing.apps import auth_header

ROLES = {
    "headquarters": ("hq", ("hq.official", "hq.planner", "hq.head")),
    "service-center": ("sc", ("sc.officer", "sc.cashier", "sc.head")),
    "industrial-co": ("ic", ("ic.manager", "ic.finance")),
    "investment": ("inv", ("inv.officer", "inv.finance")),
}
STEPS = [
    {"code": "project_approval", "name": "立项审批", "legal_basis": "企业投资项目核准和备案管理条例",
     "working_days": 5, "green_channel_working_days": 3, "decided_by": "headquarters"},
    {"code": "land_use", "name": "用地预审", "legal_basis": "土地管理法", "working_days": 8,
     "green_channel_working_days": 3},
    {"code": "construction_permit", "name": "施工许可", "legal_basis": "建筑法", "working_days": 7,
     "green_channel_working_days": 3},
]  # fmt: skip
LEAD = {"industry": "装备制造", "planned_investment": "50000000.00", "park_id": "north", "platform": "online"}
FEES = [
    {"code": "infrastructure", "name": "基础设施配套费", "amount": "350000.00", "phase": "before_production"}
]


TIMEOUT = httpx.Timeout(60.0, pool=None)  # an overloaded run queues for a connection, never fails on it


def client(suite: Any, name: str) -> httpx.AsyncClient:
    department, roles = ROLES.get(name, ("", ()))
    headers = auth_header(department, *roles, level=3) if department else {}
    # idle connections are dropped before uvicorn's 5 s keep-alive ends them under a request
    limits = httpx.Limits(max_connections=256, max_keepalive_connections=256, keepalive_expiry=2.0)
    return httpx.AsyncClient(
        base_url=suite.services[name].url, headers=headers, timeout=TIMEOUT, limits=limits
    )


async def ok(response: Awaitable[httpx.Response], *allowed: int) -> Any:
    r = await response
    if r.status_code >= 400 and r.status_code not in allowed:
        raise RuntimeError(f"{r.request.method} {r.request.url}: {r.status_code} {r.text[:300]}")
    return r.json()


async def publish_policies(suite: Any, today: date) -> None:
    """The procedure catalogue and the fee schedule: a signed lead's case needs the first,
    its invoice the second (realistic work for the service-center per signing)."""
    async with client(suite, "headquarters") as hq, client(suite, "service-center") as sc:
        for kind, terms in (("procedure_catalogue", {"steps": STEPS}), ("fee_schedule", {"items": FEES})):
            policy_id = f"bench-{kind.replace('_', '-')}"
            body = {"policy_id": policy_id, "kind": kind, "title": kind, "terms": terms}
            await ok(hq.post("/policies", json=body), 409)
            publish = {"effective_from": today.isoformat()}
            await ok(hq.post(f"/policies/{policy_id}/versions/1/publish", json=publish), 409)
        deadline = time.monotonic() + 60
        while not (await ok(sc.get("/public/procedures")))["steps"]:
            if time.monotonic() > deadline:
                raise RuntimeError("the catalogue never reached the service-center")
            await asyncio.sleep(0.2)


async def post_retrying(http: httpx.AsyncClient, path: str, body: dict[str, Any], attempts: int = 3) -> None:
    """POST, retrying a dropped connection; after a retry, 409 means the first attempt landed."""
    for attempt in range(attempts):
        try:
            r = await http.post(path, json=body)
        except httpx.TransportError:
            if attempt == attempts - 1:
                raise
            continue
        if r.status_code < 400 or (attempt and r.status_code == 409):
            return
        raise RuntimeError(f"POST {path}: {r.status_code} {r.text[:300]}")


def new_code() -> str:
    """A fresh unified social credit code with its GB 32100 check character."""
    body = "91320500" + "".join(ALPHABET[b % 31] for b in uuid.uuid4().bytes[:9])
    return body + check_character(body)


async def negotiating_leads(suite: Any, n: int, workers: int = 16) -> list[str]:
    """n leads registered and moved to negotiation, ready to be signed; their ids."""
    leads: list[str] = []
    async with client(suite, "investment") as inv:

        async def one() -> None:
            code = new_code()
            body = {**LEAD, "company_name": f"基准{code}有限公司", "credit_code": code}
            lead_id = f"lead-{code}"  # investment's id for the credit code
            await post_retrying(inv, "/leads", body)
            for stage in ("contacted", "negotiating"):
                await post_retrying(inv, f"/leads/{lead_id}/stage", {"stage": stage})
            leads.append(lead_id)

        await gather_bounded([one for _ in range(n)], workers)
    return leads


async def gather_bounded(jobs: list[Callable[[], Awaitable[None]]], workers: int) -> None:
    queue = list(reversed(jobs))

    async def worker() -> None:
        while queue:
            await queue.pop()()

    await asyncio.gather(*(worker() for _ in range(workers)))
