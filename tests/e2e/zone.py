"""The zone as a user drives it over HTTP: HQ's policies, investment's leads, the centre's cases,
industrial-co's works and offerings. Every helper goes through the services' public APIs only."""

from __future__ import annotations

import random
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import httpx
from park_shared.identifiers import ALPHABET, check_character
from park_shared.testing.servers import RunningServer

from .harness import Suite, eventually, ok

CATALOGUE = {
    "steps": [
        {
            "code": "project_approval", "name": "立项 project approval", "legal_basis": "核准办法",
            "required_documents": ["project proposal"], "working_days": 5, "green_channel_working_days": 2,
            "decided_by": "headquarters",
        },
        {
            "code": "land_use", "name": "用地 land use", "legal_basis": "土地管理法",
            "required_documents": ["land use application", "site plan"], "working_days": 3,
            "green_channel_working_days": 1, "decided_by": "service-center",
        },
    ]
}  # fmt: skip
FEES = {
    "items": [
        {
            "code": "infra",
            "name": "配套费 infrastructure",
            "amount": "10000.00",
            "phase": "before_production",
        },
        {
            "code": "plan_review",
            "name": "审图费 plan review",
            "amount": "3000.00",
            "phase": "before_production",
        },
        {"code": "mgmt", "name": "管理费 management", "amount": "2000.00", "phase": "after_production"},
    ]
}
PREFERENTIAL = {
    "rules": [
        {
            "fee_code": "infra",
            "discount_percent": "50",
            "waiver": False,
            "industries": ["electronics"],
            "parks": [],
        }
    ]
}
REWARD = {"rate_percent": "1", "fixed_amount": "500.00", "cap": "20000.00"}
LAND_USE_DOCUMENTS = ["land use application", "site plan"]


def credit_code() -> str:
    """A fresh, valid unified social credit code (GB 32100-2015 check character)."""
    division = "".join(random.choice("0123456789") for _ in range(6))  # 行政区划码: digits
    body = "91" + division + "".join(random.choice(ALPHABET) for _ in range(9))
    return body + str(check_character(body))


def uid() -> str:
    return uuid.uuid4().hex[:8]


@dataclass
class Zone:
    """A running suite plus the ids of the baseline policies HQ published at its start."""

    suite: Suite
    policies: dict[str, str] = field(default_factory=dict)
    kafka: RunningServer | None = None
    """A broker of this suite's own, when a test may stop and restart it."""

    # -- clients by role ---------------------------------------------------------------
    @property
    def hq(self) -> httpx.Client:
        return self.suite.client("headquarters", "hq.head")

    @property
    def hq_official(self) -> httpx.Client:
        return self.suite.client("headquarters", "hq.official")

    @property
    def hq_planner(self) -> httpx.Client:
        return self.suite.client("headquarters", "hq.planner", level=1)

    def sc(self, key: str = "service-center") -> httpx.Client:
        return self.suite.client(key, "sc.officer")

    @property
    def inv(self) -> httpx.Client:
        return self.suite.client("investment", "inv.officer")

    @property
    def inv_finance(self) -> httpx.Client:
        return self.suite.client("investment", "inv.finance")

    @property
    def ic(self) -> httpx.Client:
        return self.suite.client("industrial-co", "ic.manager")

    @property
    def ic_finance(self) -> httpx.Client:
        return self.suite.client("industrial-co", "ic.finance")

    def today(self) -> date:
        assert self.suite.clock is not None, "this suite runs on the wall clock"
        return self.suite.clock.today()

    # -- headquarters ------------------------------------------------------------------
    def publish(self, kind: str, terms: dict[str, Any], title: str | None = None) -> str:
        """Drafts a policy and publishes version 1 from HQ's today; returns its id."""
        draft = ok(
            self.hq.post("/policies", json={"kind": kind, "title": title or kind, "terms": terms}), 201
        )
        policy_id: str = draft["policy_id"]
        effective = draft["versions"][0]["drafted_on"]
        published = ok(
            self.hq.post(f"/policies/{policy_id}/versions/1/publish", json={"effective_from": effective})
        )
        assert published["versions"][0]["status"] == "published", published
        return policy_id

    def publish_baseline(self) -> None:
        """The four policy kinds; waits until the centre has the catalogue (a lead signed
        before would find no steps) and investment the reward policy, when they run."""
        for kind, terms in (
            ("procedure_catalogue", CATALOGUE),
            ("fee_schedule", FEES),
            ("preferential", PREFERENTIAL),
            ("reward", REWARD),
        ):
            self.policies[kind] = self.publish(kind, terms, f"baseline {kind}")
        centres = [k for k, p in self.suite.services.items() if p.name == "service-center"]
        for key in centres:
            eventually(
                lambda key=key: self._holds_the_baseline(key), timeout=60,
                what=f"{key} to hold HQ's catalogue (and this year's calendar, when HQ has it)",
            )  # fmt: skip
        if "investment" in self.suite.services:
            eventually(self._reward_known, timeout=60, what="investment to hold HQ's reward policy")
        self.settled()

    def _holds_the_baseline(self, key: str) -> bool:
        procedures = ok(self.sc(key).get("/public/procedures"))
        calendar = ok(self.hq.get("/public/calendar", params={"year": self.today().year}))
        provisional_at_hq = calendar["years"][0]["provisional"]
        return bool(
            procedures["policy_id"] == self.policies["procedure_catalogue"]
            and procedures["calendar_provisional"] == provisional_at_hq
        )

    def _reward_known(self) -> bool:
        r = self.inv.get("/reward-policies")
        return r.status_code == 200 and any(v["policy_id"] == self.policies["reward"] for v in r.json())

    # -- investment --------------------------------------------------------------------
    def new_lead(
        self,
        *,
        platform: str = "online",
        referrer_id: str | None = None,
        industry: str = "electronics",
        park_id: str = "north",
        name: str | None = None,
        code: str | None = None,
    ) -> str:
        body = {
            "company_name": name or f"E2E {uid()} Technology Co., Ltd.",
            "credit_code": code or credit_code(),
            "industry": industry,
            "planned_investment": "2000000.00",
            "park_id": park_id,
            "platform": platform,
            "referrer_id": referrer_id,
        }
        lead_id: str = ok(self.inv.post("/leads", json=body), 201)["lead_id"]
        return lead_id

    def sign(self, lead_id: str, amount: str = "1000000.00", **agreement: Any) -> dict[str, Any]:
        for stage in ("contacted", "negotiating"):
            ok(self.inv.post(f"/leads/{lead_id}/stage", json={"stage": stage}))
        signed: dict[str, Any] = ok(
            self.inv.post(f"/leads/{lead_id}/agreement", json={"signed_amount": amount, **agreement})
        )
        assert "signed" in signed["reached"], signed  # (or registered already: the centre is quick)
        return signed

    def negotiating(self, count: int, **lead: Any) -> list[str]:
        """`count` fresh leads brought to negotiation, ready for a burst of signings (prepared
        over a few connections at once: on FerretDB each command takes a few hundred ms)."""
        url, headers = self.suite["investment"].url, dict(self.inv.headers)

        def prepare(_: int) -> str:
            with httpx.Client(base_url=url, headers=headers, timeout=60) as client:
                body = {
                    "company_name": f"E2E {uid()} Industry Co., Ltd.", "credit_code": credit_code(),
                    "industry": lead.get("industry", "electronics"), "planned_investment": "900000.00",
                    "park_id": "north", "platform": "online",
                }  # fmt: skip
                lead_id: str = ok(client.post("/leads", json=body), 201)["lead_id"]
                for stage in ("contacted", "negotiating"):
                    ok(client.post(f"/leads/{lead_id}/stage", json={"stage": stage}))
                return lead_id

        with ThreadPoolExecutor(4) as pool:
            return list(pool.map(prepare, range(count)))

    def signed_lead(self, **lead: Any) -> str:
        lead_id = self.new_lead(**lead)
        self.sign(lead_id)
        return lead_id

    def referrer(self, kind: str = "staff") -> str:
        body = {"kind": kind, "name": f"Referrer {uid()}", "phone": "13800138000"}
        referrer_id: str = ok(self.inv.post("/referrers", json=body), 201)["referrer_id"]
        return referrer_id

    def lead(self, lead_id: str) -> dict[str, Any]:
        found: dict[str, Any] = ok(self.inv.get(f"/leads/{lead_id}"))
        return found

    def all_registered(self, leads: list[str], timeout: float = 60) -> dict[str, str]:
        """Waits until every lead is registered; returns lead id -> case id."""

        def registered() -> dict[str, str] | None:
            docs = ok(self.inv.get("/leads", params={"status": "registered"}))
            found = {d["lead_id"]: d["case_id"] for d in docs if d["lead_id"] in leads}
            return found if len(found) == len(leads) else None

        found: dict[str, str] = eventually(registered, timeout=timeout, what=f"{len(leads)} leads registered")
        return found

    # -- service-center ----------------------------------------------------------------
    def cases_of(self, lead_id: str, key: str = "service-center") -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = ok(self.sc(key).get("/cases", params={"lead_id": lead_id}))
        return found

    def case_of(self, lead_id: str, timeout: float = 30) -> dict[str, Any]:
        """The one case the centre opened for a signed lead (waits for it)."""
        cases: list[dict[str, Any]] = eventually(
            lambda: self.cases_of(lead_id), timeout=timeout, what=f"a case for {lead_id}"
        )
        assert len(cases) == 1, cases
        return cases[0]

    def case(self, case_id: str) -> dict[str, Any]:
        found: dict[str, Any] = ok(self.sc().get(f"/cases/{case_id}"))
        return found

    def step(self, case_id: str, code: str) -> dict[str, Any]:
        return next(s for s in self.case(case_id)["steps"] if s["code"] == code)

    def invoices(self, case_id: str, key: str = "service-center") -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = ok(self.sc(key).get("/invoices", params={"case_id": case_id}))
        return found

    def one_case_and_invoice_each(self, leads: list[str], key: str = "service-center") -> dict[str, str]:
        """Asserts that each lead has exactly one case, registered at investment under that case,
        and each case exactly one (before-production) invoice; returns lead id -> case id."""
        registered = self.all_registered(leads)
        cases: dict[str, list[str]] = {lead_id: [] for lead_id in leads}
        for case in ok(self.sc(key).get("/cases")):
            if case["lead_id"] in cases:
                cases[case["lead_id"]].append(case["case_id"])
        assert all(len(found) == 1 for found in cases.values()), {
            k: v for k, v in cases.items() if len(v) != 1
        }
        assert {lead_id: found[0] for lead_id, found in cases.items()} == registered

        def invoiced() -> dict[str, list[str]] | None:
            by_case: dict[str, list[str]] = {case_id: [] for case_id in registered.values()}
            for invoice in ok(self.sc(key).get("/invoices")):
                if invoice["case_id"] in by_case:
                    by_case[invoice["case_id"]].append(invoice["phase"])
            return by_case if all(by_case.values()) else None

        by_case = eventually(invoiced, timeout=60, what="an invoice for every case")
        assert all(phases == ["before_production"] for phases in by_case.values()), by_case
        return registered

    def pass_land_use(self, case_id: str) -> None:
        base = f"/cases/{case_id}/steps/land_use"
        ok(self.sc().post(f"{base}/submit", json={"documents": LAND_USE_DOCUMENTS}))
        ok(self.sc().post(f"{base}/accept"))
        ok(self.sc().post(f"{base}/approve"))

    def approve(self, case_id: str, parcel_id: str | None = None) -> dict[str, Any]:
        """HQ approves the project (立项) the centre asked for, once the request has arrived."""
        approval_id = eventually(
            lambda: ok(self.hq_official.get(f"/project-approvals/apr-{case_id}"))["approval_id"],
            what=f"HQ to receive the approval request of {case_id}",
        )
        decided: dict[str, Any] = ok(
            self.hq_official.post(f"/project-approvals/{approval_id}/approve", json={"parcel_id": parcel_id})
        )
        return decided

    def step_is(self, case_id: str, code: str, status: str) -> bool:
        return bool(self.step(case_id, code)["status"] == status)

    # -- the whole suite ---------------------------------------------------------------
    def settled(self, timeout: float = 60) -> None:
        """Every outbox published and every consumer caught up (what `parkctl status` shows as
        lag 0 and backlog 0): whatever was sent has been handled."""

        def quiet() -> bool:
            for process in self.suite.services.values():
                if not process.running or process.name == "dashboard":
                    continue
                status = process.ops_status()
                if status["outbox_backlog"] or any(c["lag"] != 0 for c in status["consumers"]):
                    return False
            return True

        # twice in a row: a reaction's own events may be on their way between two probes
        eventually(lambda: quiet() and quiet(), timeout=timeout, what="every outbox and consumer to settle")


def money(value: str | Decimal) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))
