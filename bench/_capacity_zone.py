"""The workload of bench/capacity.py: one simulated day of a large zone, through the services'
own commands over HTTP (the same calls as the e2e zone helpers), at the domain's ratios below.

Per enterprise that comes to the zone in a year (a lead at investment):
  registered and contacted (every lead); negotiating (NEGOTIATE of them, a day later); signed
  (SIGN of those, a week later: investment's LeadSigned opens a case at service-center, which
  raises its invoice and asks HQ for the project approval).
Per walk-in case (CASES_PER_ENTERPRISE per enterprise): opened at service-center; a day later
  HQ approves the project (立项); the day after, land use and the construction permit are each
  submitted, accepted and approved, and the case is sealed — except LATE of them, left
  undecided until the overdue scan flags them and HQ opens a supervision case.
Per month: one share offering at industrial-co, SUBSCRIBERS subscriptions, closed."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx
from _suite_http import gather_bounded, new_code

NEGOTIATE = 0.6
SIGN = 2 / 3  # of those negotiating: 40 % of all leads
CASES_PER_ENTERPRISE = 5
LATE = 0.1
SUBSCRIBERS = 20
STEPS = ("land_use", "construction_permit")  # after HQ's project approval (bench/_suite_http.py)


@dataclass
class Zone:
    clients: dict[str, httpx.AsyncClient]
    workers: int
    rng: random.Random = field(default_factory=lambda: random.Random(23))
    sent: Counter[str] = field(default_factory=Counter)
    refused: Counter[str] = field(default_factory=Counter)
    contacted: list[str] = field(default_factory=list)
    negotiating: list[list[str]] = field(default_factory=list)  # by day, signed a week later
    opened: list[str] = field(default_factory=list)  # HQ approves their project the next day
    approved: list[str] = field(default_factory=list)  # their other steps pass the day after
    totals: Counter[str] = field(default_factory=Counter)
    pending_close: str | None = None  # yesterday's offering: its window has ended today

    async def post(self, service: str, path: str, body: dict[str, Any] | None = None) -> Any:
        for attempt in range(3):
            try:
                r = await self.clients[service].post(path, json=body)
            except httpx.TransportError:
                if attempt == 2:
                    raise
                continue
            self.sent[service] += 1
            if r.status_code >= 400:
                self.refused[f"{service} {r.status_code}"] += 1
                if r.status_code >= 500 or r.status_code in (401, 403, 422):
                    raise RuntimeError(f"POST {path}: {r.status_code} {r.text[:300]}")
                return None
            return r.json()
        return None

    async def day(self, today: date, leads: int, cases: int, offering: bool) -> None:
        """One day: yesterday's work goes on, today's arrivals come in."""
        await self.close_offering()
        jobs = [*self._progress(), *self._arrivals(today, leads, cases)]
        self.rng.shuffle(jobs)
        await gather_bounded(jobs, self.workers)
        if offering:
            await self.offering(today)

    def _progress(self) -> list[Any]:
        jobs: list[Any] = []
        for lead in self.contacted:
            if self.rng.random() < NEGOTIATE:
                jobs.append(lambda lead=lead: self._stage(lead, "negotiating"))
        self.contacted = []
        if len(self.negotiating) >= 7:
            for lead in self.negotiating.pop(0):
                if self.rng.random() < SIGN:
                    jobs.append(lambda lead=lead: self._sign(lead))
        for case in self.approved:
            jobs.append(lambda case=case: self._pass_steps(case))
        self.approved = []
        for case in self.opened:
            if self.rng.random() >= LATE:
                jobs.append(lambda case=case: self._approve(case))
        self.opened = []
        return jobs

    def _arrivals(self, today: date, leads: int, cases: int) -> list[Any]:
        self.negotiating.append([])
        return [self._lead for _ in range(leads)] + [self._walk_in for _ in range(cases)]

    async def _lead(self) -> None:
        code = new_code()
        body = {"company_name": f"容量{code}有限公司", "credit_code": code, "industry": "electronics",
                "planned_investment": "30000000.00", "park_id": self.rng.choice(["north", "south"]),
                "platform": "online"}  # fmt: skip
        created = await self.post("investment", "/leads", body)
        if created:
            self.totals["leads"] += 1
            await self.post("investment", f"/leads/{created['lead_id']}/stage", {"stage": "contacted"})
            self.contacted.append(created["lead_id"])

    async def _stage(self, lead: str, stage: str) -> None:
        if await self.post("investment", f"/leads/{lead}/stage", {"stage": stage}):
            self.negotiating[-1].append(lead)

    async def _sign(self, lead: str) -> None:
        if await self.post("investment", f"/leads/{lead}/agreement", {"signed_amount": "25000000.00"}):
            self.totals["signed leads"] += 1

    async def _walk_in(self) -> None:
        body = {"enterprise_name": f"办件{new_code()}有限公司", "credit_code": new_code(),
                "project": "a plant", "planned_investment": "8000000.00",
                "park_id": self.rng.choice(["north", "south"]), "industry": "machinery"}  # fmt: skip
        case = await self.post("service-center", "/cases", body)
        if case:
            self.totals["walk-in cases"] += 1
            self.opened.append(case["case_id"])

    async def _approve(self, case: str) -> None:
        if await self.post("headquarters", f"/project-approvals/apr-{case}/approve", {}):
            self.approved.append(case)

    async def _pass_steps(self, case: str) -> None:
        for code in STEPS:
            base = f"/cases/{case}/steps/{code}"
            await self.post("service-center", f"{base}/submit", {"documents": ["application"]})
            await self.post("service-center", f"{base}/accept")
            await self.post("service-center", f"{base}/approve")
        if await self.post("service-center", f"/cases/{case}/seal"):
            self.totals["sealed cases"] += 1

    async def offering(self, today: date) -> None:
        body = {"title": f"实业股份 {today:%Y-%m}", "target_amount": "100000000.00", "unit_price": "10.00",
                "min_subscription": "1000.00", "max_subscription": "5000000.00",
                "opens_on": today.isoformat(), "closes_on": today.isoformat(),
                "admitted_investor_types": ["sme", "institution"]}  # fmt: skip
        offer = await self.post("industrial-co", "/offerings", body)
        if not offer:
            return
        oid = offer["offering_id"]
        await self.post("industrial-co", f"/offerings/{oid}/open")

        async def subscribe() -> None:
            investor = {"type": "sme", "name": f"sme {new_code()}", "credit_code": new_code()}
            amount = f"{self.rng.randint(1, 500) * 1000}.00"
            await self.post("industrial-co", f"/offerings/{oid}/subscriptions",
                            {"investor": investor, "amount": amount})  # fmt: skip

        await gather_bounded([subscribe for _ in range(SUBSCRIBERS)], self.workers)
        self.totals["offerings"] += 1
        self.pending_close = oid

    async def close_offering(self) -> None:
        if self.pending_close:
            await self.post("industrial-co", f"/offerings/{self.pending_close}/close")
            self.pending_close = None
