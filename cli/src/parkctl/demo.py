"""`parkctl demo`: a realistic scenario loaded through the services' public HTTP APIs only.

Two parks and their parcels; the four policy kinds published at headquarters; leads on the
three platforms (one duplicate refused); signed leads whose cases service-center opens by
itself; cases at different steps (one commissioned, one green-channel, one waiting for HQ's
approval, one rejected); invoices and payments; a reward; an open offering with subscriptions;
an infrastructure project under tender; a complaint, a coordination matter, a listing, a ticket.

Run it again at any time: what exists is found and skipped (409 means "there already"). What
the services allow only on a later day is done by a later run: the contract award (the day
after bidding closes) and its first milestone. The overdue step needs no run: the green-channel
case's land-use step promises one working day, the service-center's scheduler flags it once
that day has passed, and headquarters then opens a supervision case by itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import httpx
import typer
from park_shared.identifiers import check_character, identity_check_character
from park_shared.zone_clock import advance, days_ahead
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

__all__ = [
    "DEFAULT_URLS",
    "LEADS",
    "DemoError",
    "credit_code",
    "identity_number",
    "load_demo",
    "showing_day",
]

DEFAULT_URLS = {
    "dashboard": "http://127.0.0.1:8100",
    "headquarters": "http://127.0.0.1:8101",
    "service-center": "http://127.0.0.1:8102",
    "industrial-co": "http://127.0.0.1:8103",
    "investment": "http://127.0.0.1:8104",
}
ROLES = {
    "headquarters": ("hq", ["hq.official", "hq.planner", "hq.head"]),
    "service-center": ("sc", ["sc.officer", "sc.cashier", "sc.head"]),
    "industrial-co": ("ic", ["ic.manager", "ic.finance"]),
    "investment": ("inv", ["inv.officer", "inv.finance"]),
}
T = TypeVar("T")
Doc = dict[str, Any]


class DemoError(Exception):
    """Why the demo cannot go on, in words for the operator (never a traceback)."""


# -- identifiers with their check characters ---------------------------------------------------
def credit_code(division: str, organisation: str) -> str:
    """A unified social credit code (GB 32100-2015): 91 (an enterprise), a 6-digit division,
    a 9-character organisation code, and the MOD 31 check character."""
    body = f"91{division}{organisation}"
    return body + check_character(body)


def identity_number(body: str) -> str:
    """A resident identity number (GB 11643): 17 digits and the ISO 7064 MOD 11-2 check."""
    return body + identity_check_character(body)


# -- the scenario --------------------------------------------------------------------------------
PARK_NAMES = {"north": "北园 North Park", "south": "南园 South Park"}
PARCELS = [
    ("north", "A01", "industrial", 52_000),
    ("north", "A02", "industrial", 38_000),
    ("north", "B01", "commercial", 12_000),
    ("south", "C01", "industrial", 64_000),
    ("south", "C02", "industrial", 45_000),
    ("south", "P01", "public", 8_000),
]
# code, name, legal basis, required documents, working days, green-channel working days
STEPS = [
    ("project_approval", "立项审批 Project approval",
     "企业投资项目核准和备案管理条例 Regulation on enterprise investment projects",
     ["项目申请报告 project application", "营业执照 business licence"], 5, 3),
    ("land_use", "用地预审 Land-use pre-review", "土地管理法 Land Administration Law",
     ["用地申请 land-use application"], 8, 1),
    ("planning_permit", "建设工程规划许可 Planning permit", "城乡规划法 Urban and Rural Planning Law",
     ["总平面图 site plan", "建筑设计方案 design scheme"], 10, 5),
    ("environmental_assessment", "环境影响评价 Environmental assessment",
     "环境影响评价法 Environmental Impact Assessment Law", ["环评报告 EIA report"], 15, 7),
    ("construction_permit", "施工许可 Construction permit", "建筑法 Construction Law",
     ["施工合同 construction contract"], 7, 3),
    ("fire_safety", "消防设计审查 Fire safety review", "消防法 Fire Protection Law",
     ["消防设计文件 fire design"], 7, 3),
    ("completion_acceptance", "竣工验收 Completion acceptance",
     "建设工程质量管理条例 Regulation on construction quality", ["竣工报告 completion report"], 10, 5),
    ("commissioning", "投产备案 Commissioning filing", "园区投产备案办法 Zone commissioning filing rules",
     ["投产申报表 commissioning form"], 3, 1),
]  # fmt: skip
FEES = [
    ("infrastructure", "基础设施配套费 Infrastructure levy", "350000.00", "before_production"),
    ("planning_service", "规划服务费 Planning service", "20000.00", "before_production"),
    ("registration", "登记服务费 Registration", "2000.00", "before_production"),
    ("property", "物业管理费 Property management", "36000.00", "after_production"),
    ("sewage", "污水处理费 Sewage treatment", "12000.00", "after_production"),
]
IC, NE = "集成电路 integrated circuits", "新能源 new energy"


def _catalogue() -> dict[str, Any]:
    keys = ("code", "name", "legal_basis", "required_documents", "working_days", "green_channel_working_days")
    steps = [dict(zip(keys, step, strict=True)) for step in STEPS]
    for step in steps:
        step["decided_by"] = "headquarters" if step["code"] == "project_approval" else "service-center"
    return {"steps": steps}


def _policies() -> list[tuple[str, str, str, dict[str, Any]]]:
    items = [dict(zip(("code", "name", "amount", "phase"), fee, strict=True)) for fee in FEES]
    rules = [
        {"fee_code": "infrastructure", "discount_percent": "50", "industries": [NE], "parks": ["south"]},
        {"fee_code": "planning_service", "waiver": True, "industries": [IC], "parks": []},
    ]
    reward = {"rate_percent": "0.5", "fixed_amount": "20000.00", "cap": "500000.00"}
    return [
        ("demo-fee-schedule", "fee_schedule", "收费标准 Fee schedule", {"items": items}),
        ("demo-preferential", "preferential", "优惠政策 Preferential policy", {"rules": rules}),
        ("demo-reward", "reward", "奖励办法 Referral reward", reward),
        ("demo-procedures", "procedure_catalogue", "办事指南 Procedure catalogue", _catalogue()),
    ]


REFERRERS: dict[str, Doc] = {
    "hengli": {"kind": "enterprise", "name": "苏州恒力精工有限公司 Hengli Precision",
               "phone": "+86 512 6688 1001", "organisation": "苏州恒力精工有限公司"},
    "chen": {"kind": "overseas_chinese", "name": "陈志明 Chen Zhiming", "phone": "+65 6221 3080",
             "organisation": "新加坡苏州商会 Singapore Suzhou Chamber"},
    "wang": {"kind": "staff_relative", "name": "王芳 Wang Fang", "phone": "+86 139 1234 5678",
             "relation": "spouse of an HQ planner"},
}  # fmt: skip


@dataclass(frozen=True)
class DemoLead:
    key: str
    company: str
    organisation: str
    industry: str
    planned: str
    park: str
    platform: str
    referrer: str | None
    goal: str
    """new, contacted, negotiating or lost; for a signed lead, what becomes of its case."""
    signed: str | None = None

    @property
    def code(self) -> str:
        return credit_code("320500", self.organisation)

    @property
    def lead_id(self) -> str:
        return f"lead-{self.code}"

    def registration(self, referrer_id: str | None) -> Doc:
        return {
            "company_name": self.company,
            "credit_code": self.code,
            "industry": self.industry,
            "planned_investment": self.planned,
            "park_id": self.park,
            "platform": self.platform,
            "referrer_id": referrer_id,
        }


LEADS = [
    DemoLead("minghui", "江苏明辉精密机械有限公司", "MA1XDM001", "精密机械 precision machinery",
             "120000000.00", "north", "merchant", "hengli", "commissioned", "80000000.00"),
    DemoLead("xinyuan", "苏州芯源集成电路有限公司", "MA1XDM002", IC, "260000000.00", "south",
             "all_staff", "chen", "green", "250000000.00"),
    DemoLead("lvneng", "昆山绿能新能源科技有限公司", "MA1XDM003", NE, "90000000.00", "south",
             "online", None, "awaiting_hq", "60000000.00"),
    DemoLead("huafang", "常熟华纺纺织有限公司", "MA1XDM004", "纺织 textiles", "30000000.00", "north",
             "online", None, "rejected", "25000000.00"),
    DemoLead("yuanhang", "太仓远航物流有限公司", "MA1XDM005", "物流 logistics", "45000000.00", "north",
             "all_staff", "wang", "negotiating"),
    DemoLead("kangtai", "吴江康泰生物医药有限公司", "MA1XDM006", "生物医药 biomedicine", "70000000.00",
             "south", "online", None, "contacted"),
    DemoLead("hailian", "张家港海联新材料有限公司", "MA1XDM007", "新材料 new materials", "55000000.00",
             "north", "merchant", "hengli", "new"),
    DemoLead("xuri", "常州旭日光伏有限公司", "MA1XDM008", "光伏 photovoltaics", "40000000.00", "north",
             "online", None, "lost"),
]  # fmt: skip
DUPLICATE = {
    "company_name": "明辉精密机械(江苏)有限公司",
    "industry": "精密机械 precision machinery",
    "planned_investment": "100000000.00",
    "park_id": "south",
    "platform": "all_staff",
}
APPROVALS = {"minghui": "approve", "xinyuan": "approve", "huafang": "reject"}
REJECTION = {"reason": "高耗水项目不符合北园产业规划 water-intensive; outside the park's industrial plan"}
OFFERING_TITLE = "2026年第一期股份募集 Share offering 2026-I"
SUBSCRIBERS = [  # type, name, organisation code or identity number body, amount
    ("sme", "苏州东吴精密制造有限公司", "MA1XKC001", "2000000.00"),
    ("institution", "园区产业引导基金 Zone industry fund", "MA1XKC002", "5000000.00"),
    ("individual", "李明 Li Ming", "32050219800101123", "50000.00"),
]
LISTING = {
    "title": "南园集成电路产业链招商 South Park IC supply chain",
    "park_id": "south",
    "industry": IC,
    "summary": "封装测试、设备配套 packaging, testing and equipment suppliers",
    "parcel_ids": ["south-C01"],
}
PROJECT_NAME = "北园A区道路工程 North Park zone A roads"
BIDS = [
    ("苏州市政公司 Suzhou Municipal Co.", "16200000.00", 200),
    ("中建八局 CSCEC 8th Bureau", "15800000.00", 260),
    ("江苏路桥集团 Jiangsu Road & Bridge", "16900000.00", 180),
]


# -- HTTP ------------------------------------------------------------------------------------------
class Api:
    """One service, with a development token holding all its department's roles."""

    def __init__(self, name: str, url: str, token: str | None) -> None:
        self.name, self.url = name, url.rstrip("/")
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.client = httpx.Client(base_url=self.url, headers=headers, timeout=30)

    def response(self, method: str, path: str, body: object = None) -> httpx.Response:
        try:
            return self.client.request(method, path, json=body)
        except httpx.HTTPError as err:
            raise DemoError(f"{self.name} is not reachable at {self.url} ({err!r})") from None

    def call(self, method: str, path: str, body: object = None, *, skip: tuple[int, ...] = ()) -> Any:
        """The JSON answer; None when the status is one of `skip` (e.g. 409: there already)."""
        r = self.response(method, path, body)
        if r.status_code in skip:
            return None
        if r.status_code >= 400:
            raise DemoError(f"{self.name} refused {method} {path} ({r.status_code}): {detail(r)}")
        return r.json()

    def get(self, path: str) -> Any:
        return self.call("GET", path)

    def post(self, path: str, body: object = None, *, skip: tuple[int, ...] = (409,)) -> Any:
        return self.call("POST", path, {} if body is None else body, skip=skip)


def detail(r: httpx.Response) -> str:
    try:
        return str(r.json().get("detail", r.text))
    except ValueError:
        return r.text[:300]


@dataclass
class Demo:
    apis: dict[str, Api]
    console: Console
    today: date = date.min
    notes: list[str] = field(default_factory=list)
    cases: dict[str, str] = field(default_factory=dict)
    """Case id by lead key."""

    @property
    def hq(self) -> Api:
        return self.apis["headquarters"]

    @property
    def sc(self) -> Api:
        return self.apis["service-center"]

    @property
    def ic(self) -> Api:
        return self.apis["industrial-co"]

    @property
    def inv(self) -> Api:
        return self.apis["investment"]


def wait_for(what: str, check: Callable[[], T | None], timeout: float = 60.0) -> T:
    """Polls `check` until it returns something truthy; DemoError naming `what` otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise DemoError(f"timed out after {timeout:.0f}s waiting for {what}; see `parkctl status`")
        time.sleep(0.1)


def _settled(demo: Demo) -> bool:
    for api in demo.apis.values():
        body = api.get("/ops/status")
        consumers = body.get("consumers", [])
        if body.get("outbox_backlog", 0) or any(c.get("lag") not in (0, None) for c in consumers):
            return False
    return True


def settle(demo: Demo) -> None:
    """Until every outbox is published and every consumer has read everything."""
    wait_for("the services to read each other's events", partial(_settled, demo))


def _first(items: list[Doc], **match: object) -> Doc | None:
    return next((i for i in items if all(i.get(k) == v for k, v in match.items())), None)


# -- headquarters --------------------------------------------------------------------------------
def _parks_and_parcels(demo: Demo) -> None:
    for park_id, name in PARK_NAMES.items():
        demo.hq.call("PUT", f"/parks/{park_id}", {"name": name})
    for park, code, use, area in PARCELS:
        title = f"{park}-{code}-title"  # land the zone holds already: requisitioned, so planned
        demo.hq.post("/parcels/held", {"park_id": park, "code": code, "title_reference": title})
        demo.hq.post("/parcels", {"park_id": park, "code": code, "planned_use": use, "area_m2": area})


def _in_force_downstream(demo: Demo) -> object:
    on = demo.today.isoformat()
    reward = demo.inv.call("GET", f"/reward-policies/in-force?on={on}", skip=(404,))
    return reward and demo.sc.get("/public/procedures")["steps"]


def _publish_policies(demo: Demo) -> None:
    for policy_id, kind, title, terms in _policies():
        demo.hq.post("/policies", {"policy_id": policy_id, "kind": kind, "title": title, "terms": terms})
        if demo.hq.get(f"/policies/{policy_id}")["versions"][0]["status"] == "drafted":
            body = {"effective_from": demo.today.isoformat()}
            demo.hq.post(f"/policies/{policy_id}/versions/1/publish", body)
    wait_for("the policies at service-center and investment", partial(_in_force_downstream, demo))
    settle(demo)


def _administration(demo: Demo) -> None:
    if not demo.hq.get("/supervision-cases?cause=complaint"):
        text = "投诉: 晒图等了三天 a complaint: blueprint copies took three days"
        demo.hq.post("/supervision-cases", {"unit": "service-center", "description": text})
    if not demo.hq.get("/coordination-matters"):
        parties = [
            {"kind": "other_park", "name": "南园 South Park"},
            {"kind": "township", "name": "沙溪镇 Shaxi township"},
            {"kind": "government_department", "name": "市水务局 City water bureau"},
        ]
        agenda = ["管网走向 route of the main", "费用分摊 sharing the cost"]
        title = "两园区污水管网衔接 Linking the two parks' sewage networks"
        demo.hq.post("/coordination-matters", {"title": title, "parties": parties, "agenda": agenda})


# -- industrial-co ---------------------------------------------------------------------------------
def _offering(demo: Demo) -> None:
    terms = {
        "title": OFFERING_TITLE,
        "target_amount": "50000000.00",
        "unit_price": "2.50",
        "min_subscription": "10000.00",
        "max_subscription": "10000000.00",
        "opens_on": demo.today.isoformat(),
        "closes_on": (demo.today + timedelta(days=30)).isoformat(),
        "admitted_investor_types": ["sme", "individual", "institution"],
    }
    offering = _first(demo.ic.get("/offerings"), title=OFFERING_TITLE) or demo.ic.post("/offerings", terms)
    path = f"/offerings/{offering['offering_id']}"
    if offering["status"] == "drafted":
        demo.ic.post(f"{path}/open")
    for kind, name, identifier, amount in SUBSCRIBERS:
        investor = {"type": kind, "name": name}
        if kind == "individual":
            investor["identity_number"] = identity_number(identifier)
        else:
            investor["credit_code"] = credit_code("320500", identifier)
        demo.ic.post(f"{path}/subscriptions", {"investor": investor, "amount": amount})
    for subscription in demo.ic.get(f"{path}/subscriptions")[:2]:
        demo.ic.post(f"{path}/subscriptions/{subscription['subscription_id']}/payment")


def _parcels_known(demo: Demo, wanted: set[str]) -> bool:
    return wanted <= {p["parcel_id"] for p in demo.ic.get("/parcels")}


def _project(demo: Demo) -> None:
    parcels = ["north-A01", "north-A02"]
    wait_for("the parcels at industrial-co", partial(_parcels_known, demo, set(parcels)))
    body = {"name": PROJECT_NAME, "kind": "road", "parcel_ids": parcels, "budget": "18000000.00"}
    found = _first(demo.ic.get("/infrastructure-projects"), name=PROJECT_NAME)
    project = found or demo.ic.post("/infrastructure-projects", body)
    path = f"/infrastructure-projects/{project['project_id']}"
    if project["status"] == "planned":
        demo.ic.post(f"{path}/tender", {"bids_until": demo.today.isoformat(), "max_duration_days": 240})
    if not demo.ic.get(f"{path}/bids")["bids"]:
        for contractor, amount, days in BIDS:
            demo.ic.post(f"{path}/bids", {"contractor": contractor, "amount": amount, "duration_days": days})
    _award(demo, path, demo.ic.get(f"{path}/bids"))


def _award(demo: Demo, path: str, tender: Doc) -> None:
    """The suggested (lowest compliant) bid wins, the day after bidding closes, not before."""
    if tender["awarded_bid_id"] is None and not demo.ic.post(
        f"{path}/award", {"bid_id": tender["suggested_bid_id"]}
    ):
        after = date.fromisoformat(tender["bids_until"]) + timedelta(days=1)
        demo.notes.append(
            f"bidding for the road contract runs until {tender['bids_until']}: `parkctl demo` on {after} "
            "or later awards it and reaches its first milestone"
        )
        return
    if not demo.ic.get(path)["milestones"]:
        demo.ic.post(f"{path}/milestones", {"milestone": "路基完成 roadbed done", "progress_percent": 35})


# -- investment ------------------------------------------------------------------------------------
def _referrers(demo: Demo) -> dict[str, str]:
    known = {r["name"]: r["referrer_id"] for r in demo.inv.get("/referrers")}
    return {
        key: known.get(body["name"]) or demo.inv.post("/referrers", body)["referrer_id"]
        for key, body in REFERRERS.items()
    }


def _leads(demo: Demo) -> None:
    referrers = _referrers(demo)
    for lead in LEADS:
        if demo.inv.call("GET", f"/leads/{lead.lead_id}", skip=(404,)) is None:
            referrer = referrers[lead.referrer] if lead.referrer else None
            demo.inv.post("/leads", lead.registration(referrer))
    if not any(p["refused"] for p in demo.inv.get("/duplicates")["prevented"]):
        _duplicate(demo, {**DUPLICATE, "credit_code": LEADS[0].code, "referrer_id": referrers["wang"]})
    for lead in LEADS:
        _advance(demo, lead)


def _duplicate(demo: Demo, body: Doc) -> None:
    """A second registration of a credit code: refused with 409, the first referrer keeps it."""
    r = demo.inv.response("POST", "/leads", body)
    if r.status_code != 409:
        raise DemoError(f"investment should refuse a second lead for {body['credit_code']}: {r.status_code}")
    demo.console.print(f"[yellow]duplicate refused (409), as it should be:[/yellow] {detail(r)}")


def _advance(demo: Demo, lead: DemoLead) -> None:
    path = f"/leads/{lead.lead_id}"
    if lead.goal == "lost":
        if demo.inv.get(path)["status"] not in ("lost", "landed"):
            demo.inv.post(f"{path}/loss", {"reason": "选择了其他园区 chose another zone"})
        return
    stages = ("contacted", "negotiating")[: {"new": 0, "contacted": 1}.get(lead.goal, 2)]
    for stage in stages:
        if demo.inv.get(path)["status"] in ("new", "contacted"):
            demo.inv.post(f"{path}/stage", {"stage": stage})
    if lead.signed and demo.inv.get(path)["status"] == "negotiating":
        agreement = {"signed_amount": lead.signed, "green_channel": lead.goal == "green"}
        demo.inv.post(f"{path}/agreement", agreement)


# -- service-center and headquarters' approvals ------------------------------------------------------
def _case_of(demo: Demo, lead: DemoLead) -> str | None:
    cases = demo.sc.get(f"/cases?lead_id={lead.lead_id}")
    return str(cases[0]["case_id"]) if cases else None


def _approval_of(demo: Demo, case_id: str) -> Doc | None:
    return _first(demo.hq.get("/project-approvals"), case_id=case_id)


def _decided(demo: Demo, case_id: str) -> bool:
    case = _case(demo, case_id)
    return bool(case["current_step"] != "project_approval" or case["status"] == "stopped")


def _case(demo: Demo, case_id: str) -> Doc:
    case: Doc = demo.sc.get(f"/cases/{case_id}")
    return case


def _cases_and_approvals(demo: Demo) -> None:
    for lead in LEADS:
        if lead.signed:
            what = f"the case of {lead.company} at service-center"
            demo.cases[lead.key] = wait_for(what, partial(_case_of, demo, lead))
    for key, decision in APPROVALS.items():
        case_id = demo.cases[key]
        approval = wait_for("the approval request at headquarters", partial(_approval_of, demo, case_id))
        if approval["status"] == "pending":
            body = REJECTION if decision == "reject" else {}
            demo.hq.post(f"/project-approvals/{approval['approval_id']}/{decision}", body)
        wait_for("headquarters' decision at service-center", partial(_decided, demo, case_id))


def drive(demo: Demo, case_id: str, stop_at: str | None) -> Doc:
    """Submits, accepts and approves the centre's steps in order; leaves `stop_at` accepted."""
    while True:
        case = _case(demo, case_id)
        step = _first(case["steps"], code=case["current_step"])
        if case["status"] != "open" or step is None or step["decided_by"] == "headquarters":
            return case
        path = f"/cases/{case_id}/steps/{step['code']}"
        if step["status"] in ("pending", "returned"):
            demo.sc.post(f"{path}/submit", {"documents": step["required_documents"] or ["申请表 form"]})
        elif step["status"] == "submitted":
            demo.sc.post(f"{path}/accept")
        elif step["code"] == stop_at:
            return case
        else:
            demo.sc.post(f"{path}/approve")


def _steps(demo: Demo) -> None:
    done = drive(demo, demo.cases["minghui"], None)
    if done["status"] == "open":
        demo.sc.post(f"/cases/{done['case_id']}/seal")
    if _case(demo, done["case_id"])["status"] == "sealed":
        demo.sc.post(f"/cases/{done['case_id']}/commission")
    green = drive(demo, demo.cases["xinyuan"], "land_use")
    step = _first(green["steps"], code="land_use")
    flagged = showing_day(date.fromisoformat(step["deadline"])) if step and step["deadline"] else None
    if step and flagged and not step["overdue"] and demo.today < flagged:
        demo.notes.append(
            f"the green-channel land-use step of {green['enterprise_name']} is due on {step['deadline']}; "
            f"from {flagged} service-center flags it overdue by itself and headquarters supervises it"
        )
    if not demo.sc.get("/tickets"):
        ticket = {"kind": "blueprint", "description": "晒图 5 套 five blueprint copies"}
        demo.sc.post("/tickets", {**ticket, "case_id": done["case_id"]})


def _invoice_of(demo: Demo, case_id: str) -> Doc | None:
    return _first(demo.sc.get(f"/invoices?case_id={case_id}"), phase="before_production")


def _fees(demo: Demo) -> None:
    """The commissioned enterprise paid its before-production fees; the green one a deposit."""
    for key, amount in (("minghui", None), ("xinyuan", "100000.00")):
        invoice = wait_for("the invoices", partial(_invoice_of, demo, demo.cases[key]))
        if not Decimal(invoice["paid"]) and Decimal(invoice["balance"]):
            payment = {"amount": amount or invoice["balance"]}
            demo.sc.post(f"/invoices/{invoice['invoice_id']}/payments", payment)


def _reward_of(demo: Demo, lead: DemoLead) -> Doc | None:
    return _first(demo.inv.get("/rewards"), lead_id=lead.lead_id)


def _reward_and_listing(demo: Demo) -> None:
    reward = wait_for("the referral reward at investment", partial(_reward_of, demo, LEADS[0]))
    if not reward["payouts"]:
        demo.inv.post(f"/rewards/{reward['reward_id']}/payouts", {"amount": "200000.00"})
    if not demo.inv.get("/listings")["opportunities"]:
        demo.inv.post("/listings", LISTING)
    settle(demo)


def showing_day(green_deadline: date) -> date:
    """The day the demo's zone moves to after its first load: the day after the green-channel
    land-use step's deadline (one working day on HQ's calendar), when service-center flags it.
    Nothing else has passed its promise by then (the next shortest, HQ's approval, is due five
    working days after its request), whatever weekday or holiday the demo starts on."""
    return green_deadline + timedelta(days=1)


def _green_deadline(demo: Demo) -> date | None:
    case_id = demo.cases.get("xinyuan")
    step = _first(_case(demo, case_id)["steps"], code="land_use") if case_id else None
    return date.fromisoformat(step["deadline"]) if step and step.get("deadline") else None


def _move_clock(demo: Demo, zone_clock: Path) -> None:
    deadline = _green_deadline(demo)
    if deadline is None:
        raise DemoError("the green-channel case has no land-use deadline to wait for")
    later = showing_day(deadline)
    days = (later - demo.today).days
    demo.console.print(f"the zone clock moves {days} day(s) ahead, to {later} ({zone_clock}) ...")
    advance(zone_clock, days)


PHASES: list[tuple[str, Callable[[Demo], None]]] = [
    ("headquarters: parks and parcels", _parks_and_parcels),
    ("headquarters: the four policies", _publish_policies),
    ("headquarters: a complaint, a coordination matter", _administration),
    ("industrial-co: an open offering", _offering),
    ("industrial-co: an infrastructure project", _project),
    ("investment: leads on three platforms", _leads),
    ("service-center: cases; headquarters: approvals", _cases_and_approvals),
    ("service-center: steps, seal, commissioning", _steps),
    ("service-center: invoices and payments", _fees),
    ("investment: a reward paid, a listing", _reward_and_listing),
]


# -- the command ---------------------------------------------------------------------------------
def _connect(console: Console, urls: dict[str, str]) -> Demo:
    from park_shared.auth import mint_token
    from park_shared.keys import dev_signing_key
    from park_shared.settings import ParkSettings

    keys_dir = ParkSettings().park_keys_dir
    apis = {}
    for name, url in urls.items():
        dept, roles = ROLES.get(name, ("", []))
        extra: dict[str, object] = {"level": 3} if dept == "hq" else {}
        token = (
            mint_token(dev_signing_key(dept, keys_dir), roles, "parkctl-demo", extra=extra) if dept else None
        )
        apis[name] = Api(name, url, token)
    down = [f"{a.name} ({a.url})" for a in apis.values() if not _healthy(a)]
    if down:
        raise DemoError(f"not running: {', '.join(down)}; start the suite with `parkctl up`")
    return Demo(apis, console)


def _healthy(api: Api) -> bool:
    try:
        return api.client.get("/health", timeout=3).status_code == 200
    except httpx.HTTPError:
        return False


@contextmanager
def _progress(console: Console) -> Iterator[Progress]:
    columns = (TextColumn("{task.description:<50}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console) as progress:
        yield progress


def load_demo(
    console: Console,
    urls: dict[str, str] | None = None,
    zone_clock: Path | None = None,
    *,
    move_clock: bool | None = None,
) -> None:
    """Loads (or completes) the demo scenario, then prints what the dashboard shows. With the
    suite's `zone_clock` file, a first load (the clock not moved yet, or `move_clock`) then
    moves the zone to the day after the green-channel step's deadline and loads again: the
    award and its milestone, and that step flagged overdue and supervised."""
    demo: Demo | None = None
    if move_clock is None:
        move_clock = zone_clock is not None and days_ahead(zone_clock) == 0
    try:
        demo = _connect(console, {**DEFAULT_URLS, **(urls or {})})
        _load(demo, console)
        if zone_clock is not None and move_clock:
            _move_clock(demo, zone_clock)
            demo.notes.clear()
            _load(demo, console)
            _wait_for_overdue(demo)
        _report(demo)
    except DemoError as err:
        console.print(f"[red]error:[/red] {err}")
        raise typer.Exit(2) from None
    finally:
        for api in demo.apis.values() if demo else ():
            api.client.close()


def _load(demo: Demo, console: Console) -> None:
    demo.today = date.fromisoformat(demo.sc.get("/public/procedures")["on"])
    with _progress(console) as progress:
        task = progress.add_task("demo", total=len(PHASES))
        for title, phase in PHASES:
            progress.update(task, description=title)
            phase(demo)
            progress.advance(task)


def _wait_for_overdue(demo: Demo, timeout: float = 90.0) -> None:
    """service-center's scheduler flags a passed deadline within its scan interval, then
    headquarters opens a supervision case: waits until the dashboard shows it."""
    deadline = time.monotonic() + timeout
    with demo.console.status("waiting for service-center to flag the overdue step ..."):
        while time.monotonic() < deadline:
            if demo.apis["dashboard"].get("/api/summary")["service"]["overdue"]:
                return
            time.sleep(1.0)
    demo.notes.append(f"no overdue step shown after {timeout:.0f} s; the scheduler scans every 30 s")


def _report(demo: Demo) -> None:
    s = demo.apis["dashboard"].get("/api/summary")
    inv, svc, adm, mkt = s["investment"], s["service"], s["administration"], s["market"]
    rows = {
        "招商 investment": f"{inv['leads']} leads, {inv['duplicates_prevented']} duplicate(s) refused, "
        f"{inv['rewards_granted']} reward(s) granted",
        "服务 service": f"{svc['open_cases']} open case(s), {svc['green_channel_open']} in the green "
        f"channel, {len(svc['overdue'])} step(s) overdue",
        "行政 administration": f"{len(adm['policies_in_force'])} policies in force, "
        f"{len(adm['approvals_waiting'])} approval(s) waiting, {adm['approvals_decided']} decided",
        "经营 market": f"{len(mkt['offerings'])} offering(s), {len(mkt['projects'])} project(s) under way",
    }
    table = Table("screen", "what it shows", title=f"the demo, on {s['today']}")
    for screen, shown in rows.items():
        table.add_row(screen, shown)
    demo.console.print(table)
    for note in demo.notes:
        demo.console.print(f"[cyan]later:[/cyan] {note}")
