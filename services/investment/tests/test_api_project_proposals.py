"""Related projects on the merchant platform over HTTP (/project-proposals): a landed enterprise's
batch of partners becomes merchant leads referred by it, through the same duplicate check; the
conversion per proposing enterprise counts leads signed; refusals store nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from park_investment.settings import InvestmentSettings
from park_shared.testing.apps import auth_header, wait_until
from park_shared.testing.events import emit

OFFICER = auth_header("inv", "inv.officer")
FINANCE = auth_header("inv", "inv.finance")
REWARD = {"rate_percent": "0.5", "fixed_amount": "10000.00", "cap": "500000.00"}


def at(day: date) -> Callable[[], datetime]:
    return lambda: datetime(day.year, day.month, day.day, 4, tzinfo=UTC)  # noon in the zone


async def to_negotiation(service: Any, lead_id: str) -> None:
    for stage in ("contacted", "negotiating"):
        moved = await service.client.post(f"/leads/{lead_id}/stage", json={"stage": stage}, headers=OFFICER)
        assert moved.status_code == 200, moved.text


async def sign(service: Any, lead_id: str) -> None:
    await to_negotiation(service, lead_id)
    agreement = {"signed_amount": "60000000.00"}
    signed = await service.client.post(f"/leads/{lead_id}/agreement", json=agreement, headers=OFFICER)
    assert signed.status_code == 200, signed.text


async def landed(service: Any, settings: InvestmentSettings, code: str) -> str:
    """A lead signed, its case opened and its enterprise commissioned at service-center: landed."""
    lead_id = str((await service.lead(code, company_name="闽江光学 Minjiang Optics")).json()["lead_id"])
    await sign(service, lead_id)
    await commission(service, settings, lead_id, code)
    return lead_id


async def commission(service: Any, settings: InvestmentSettings, lead_id: str, code: str) -> None:
    """A signed lead's case opened and its enterprise commissioned at service-center: landed."""
    case = {"case_id": f"case-{code}", "lead_id": lead_id, "credit_code": code}
    opened = {**case, "opened_on": "2026-03-05", "enterprise_name": "闽江光学", "green_channel": False}
    await emit(settings, "service-center", "CaseOpened.v1", {**opened, "park_id": "north"}, case["case_id"])
    done = {**case, "commissioned_on": "2026-06-30"}
    await emit(settings, "service-center", "EnterpriseCommissioned.v1", done, case["case_id"])

    async def is_landed() -> bool:
        lead = (await service.client.get(f"/leads/{lead_id}", headers=OFFICER)).json()
        return bool(lead["status"] == "landed")

    await wait_until(is_landed, timeout=30, what=f"{lead_id} landed")


def partner(name: str, code: str | None, **overrides: Any) -> dict[str, Any]:
    return {
        "company_name": name, "credit_code": code, "sector": "optical glass", "relation": "upstream",
        "estimated_investment": "80000000.00", "park_id": "south",
        **overrides,
    }  # fmt: skip


def proposal_body(proposer_code: str, referrer: str, *projects: dict[str, Any]) -> dict[str, Any]:
    return {"proposer_credit_code": proposer_code, "referrer_id": referrer, "projects": list(projects)}


async def proposing(
    service: Any, settings: InvestmentSettings, proposer_code: str, known: str
) -> tuple[str, str]:
    """A landed proposer, a lead already registered under the credit code `known`, and an
    enterprise referrer: (the proposer's lead id, the referrer's id)."""
    proposer = await landed(service, settings, proposer_code)
    await service.lead(known, company_name="Already Known Co")
    return proposer, await service.referrer("enterprise")


async def test_a_landed_enterprise_s_partners_become_merchant_leads_it_referred(
    service: Any, embedded: InvestmentSettings, new_code: Callable[[], str]
) -> None:
    proposer_code, fresh, taken = new_code(), new_code(), new_code()
    proposer, referrer = await proposing(service, embedded, proposer_code, taken)
    body = proposal_body(
        proposer_code, referrer,
        partner("福州玻璃 Fuzhou Glass", fresh),
        partner("Already Known Co", taken, relation="downstream"),
        partner("厦门镀膜 Xiamen Coating", None, relation="complementary", park_id="north"),
    )  # fmt: skip
    made = await service.client.post("/project-proposals", json=body, headers=OFFICER)
    assert made.status_code == 201, made.text
    proposal = made.json()
    assert (proposal["proposer_lead_id"], proposal["referrer_id"]) == (proposer, referrer)
    outcomes = [(p["outcome"], p["lead_id"]) for p in proposal["projects"]]
    assert outcomes == [("lead", f"lead-{fresh}"), ("duplicate", f"lead-{taken}"), ("pending", None)]
    lead = (await service.client.get(f"/leads/lead-{fresh}", headers=OFFICER)).json()
    assert (lead["platform"], lead["referrer_id"], lead["park_id"]) == ("merchant", referrer, "south")
    assert (lead["industry"], lead["planned_investment"]) == ("optical glass", "80000000.00")
    known = (await service.client.get(f"/leads/lead-{taken}", headers=OFFICER)).json()
    assert known["platform"] == "online"  # the duplicate stays the first registration's
    seen = await service.client.get(f"/project-proposals/{proposal['proposal_id']}", headers=OFFICER)
    assert seen.json() == proposal
    listed = await service.client.get(
        "/project-proposals", params={"proposer_lead_id": proposer}, headers=OFFICER
    )
    assert [p["proposal_id"] for p in listed.json()] == [proposal["proposal_id"]]

    await sign(service, f"lead-{fresh}")
    [row] = (await service.client.get("/project-proposals/conversion", headers=OFFICER)).json()
    assert row == {
        "proposer_lead_id": proposer, "company_name": "闽江光学 Minjiang Optics", "proposals": 1,
        "projects": 3, "leads_opened": 1, "duplicates": 1, "pending": 1, "signed": 1, "landed": 0,
    }  # fmt: skip
    assert (await service.client.get("/project-proposals/conversion", headers=FINANCE)).status_code == 403


async def supply(service: Any, url: str, project: int, code: str) -> Any:
    body = {"credit_code": code}
    return await service.client.post(f"{url}/{project}/credit-code", json=body, headers=OFFICER)


async def test_a_pending_project_becomes_a_lead_when_its_credit_code_is_supplied(
    service: Any, embedded: InvestmentSettings, new_code: Callable[[], str]
) -> None:
    proposer_code, coating, taken = new_code(), new_code(), new_code()
    proposer, referrer = await proposing(service, embedded, proposer_code, taken)
    body = proposal_body(
        proposer_code, referrer,
        partner("厦门镀膜 Xiamen Coating", None, relation="complementary", park_id="north"),
        partner("Known Again Co", None),
        partner("福州玻璃 Fuzhou Glass", new_code()),
    )  # fmt: skip
    proposal = (await service.client.post("/project-proposals", json=body, headers=OFFICER)).json()
    url = f"/project-proposals/{proposal['proposal_id']}/projects"
    [row] = (await service.client.get("/project-proposals/conversion", headers=OFFICER)).json()
    assert (row["pending"], row["leads_opened"]) == (2, 1)

    supplied = await supply(service, url, 0, coating)
    assert supplied.status_code == 200, supplied.text
    first = supplied.json()["projects"][0]
    assert (first["credit_code"], first["outcome"]) == (coating, "lead")
    assert first["lead_id"] == f"lead-{coating}"
    lead = (await service.client.get(f"/leads/lead-{coating}", headers=OFFICER)).json()
    assert (lead["platform"], lead["referrer_id"], lead["park_id"]) == ("merchant", referrer, "north")
    duplicate = await supply(service, url, 1, taken)
    assert duplicate.json()["projects"][1]["outcome"] == "duplicate"
    assert duplicate.json()["projects"][1]["lead_id"] == f"lead-{taken}"
    [row] = (await service.client.get("/project-proposals/conversion", headers=OFFICER)).json()
    assert (row["proposer_lead_id"], row["pending"], row["leads_opened"], row["duplicates"]) == (
        proposer, 0, 2, 1,
    )  # fmt: skip

    before = await service.stored()
    again = await supply(service, url, 0, new_code())
    assert again.status_code == 409 and again.json()["credit_code"] == coating
    assert "not pending" in again.json()["detail"]
    named = await supply(service, url, 2, new_code())
    assert named.status_code == 409
    beyond = await supply(service, url, 3, new_code())
    assert (beyond.status_code, beyond.json()["field"]) == (422, "project")
    bad_code = await supply(service, url, 0, "nope")
    assert (bad_code.status_code, bad_code.json()["field"]) == (422, "credit_code")
    unknown = await supply(service, "/project-proposals/proposal-nope/projects", 0, new_code())
    assert unknown.status_code == 404 and unknown.json()["proposal_id"] == "proposal-nope"
    assert await service.stored() == before


async def test_a_proposal_from_an_enterprise_not_landed_or_otherwise_wrong_stores_nothing(
    service: Any, embedded: InvestmentSettings, new_code: Callable[[], str]
) -> None:
    proposer_code, signed_only, fresh = new_code(), new_code(), new_code()
    await landed(service, embedded, proposer_code)
    lead_id = str((await service.lead(signed_only)).json()["lead_id"])
    await sign(service, lead_id)
    enterprise, staff = await service.referrer("enterprise"), await service.referrer("staff")
    glass = partner("Glass Co", fresh)
    good = proposal_body(proposer_code, enterprise, glass)
    before = await service.stored()
    not_landed = await service.client.post(
        "/project-proposals", json={**good, "proposer_credit_code": signed_only}, headers=OFFICER
    )
    assert not_landed.status_code == 409
    assert (not_landed.json()["proposer_lead_id"], not_landed.json()["proposer_status"]) == (
        lead_id,
        "signed",
    )
    assert "not landed" in not_landed.json()["detail"]
    cases = [
        ({"proposer_credit_code": new_code()}, "proposer_credit_code"),  # no lead holds it
        ({"referrer_id": staff}, "referrer_id"),  # a merchant lead's referrer is an enterprise
        ({"referrer_id": "ref-nobody"}, "referrer_id"),
        ({"projects": [glass, partner("Lens Co", None, park_id="east")]}, "projects.1.park_id"),
        ({"projects": [glass, partner("glass co", None)]}, "projects.1.company_name"),
        ({"projects": [{**glass, "estimated_investment": "0"}]}, "projects.0.estimated_investment"),
        ({"projects": []}, "projects"),
    ]  # fmt: skip
    for change, field in cases:
        refused = await service.client.post("/project-proposals", json={**good, **change}, headers=OFFICER)
        assert (refused.status_code, refused.json().get("field")) == (422, field), (change, refused.json())
    assert await service.stored() == before
    assert (await service.client.get(f"/leads/lead-{fresh}", headers=OFFICER)).status_code == 404
    missing = await service.client.get("/project-proposals/proposal-nope", headers=OFFICER)
    assert missing.status_code == 404 and missing.json()["proposal_id"] == "proposal-nope"


async def test_the_reward_policy_decides_whether_the_proposer_is_rewarded_for_a_landed_partner(
    service: Any, embedded: InvestmentSettings, new_code: Callable[[], str]
) -> None:
    """A proposal's leads are referred by the proposing enterprise: when one lands, the reward
    policy in force on its signing day decides the proposer's reward; none in force, none."""
    service.runtime.clock = at(date(2026, 3, 2))
    proposer_code, early, later = new_code(), new_code(), new_code()
    proposer = await landed(service, embedded, proposer_code)
    referrer = await service.referrer("enterprise")
    body = proposal_body(
        proposer_code, referrer, partner("早签玻璃 Early Glass", early), partner("晚签镜片 Later Lens", later)
    )
    made = await service.client.post("/project-proposals", json=body, headers=OFFICER)
    assert made.status_code == 201, made.text
    await sign(service, f"lead-{early}")  # 2 March: no reward policy in force

    terms = {
        "policy_id": "reward-policy", "version": 1, "kind": "reward", "title": "商企招商奖励办法",
        "effective_from": "2026-03-03", "terms": REWARD, "published_at": "2026-03-02T09:00:00+08:00",
    }  # fmt: skip
    await emit(embedded, "headquarters", "PolicyPublished.v1", terms, "policy-reward-policy")

    async def in_force() -> bool:
        seen = await service.client.get(
            "/reward-policies/in-force", params={"on": "2026-03-03"}, headers=FINANCE
        )
        return seen.status_code == 200

    await wait_until(in_force, timeout=30, what="the reward policy recorded")
    service.runtime.clock = at(date(2026, 3, 3))
    await sign(service, f"lead-{later}")  # in force: 0.5 % x 60 000 000 + 10 000
    for code in (early, later):
        await commission(service, embedded, f"lead-{code}", code)

    rewards = (await service.client.get("/rewards", headers=FINANCE)).json()
    assert [(r["lead_id"], r["referrer_id"], r["amount"], r["policy_version"]) for r in rewards] == [
        (f"lead-{later}", referrer, "310000.00", 1)
    ]
    [row] = (await service.client.get("/project-proposals/conversion", headers=OFFICER)).json()
    assert (row["proposer_lead_id"], row["signed"], row["landed"]) == (proposer, 2, 2)


async def test_a_referrer_erased_refers_no_proposal_nor_a_credit_code_supplied_later(
    service: Any, embedded: InvestmentSettings, new_code: Callable[[], str]
) -> None:
    proposer_code, fresh = new_code(), new_code()
    await landed(service, embedded, proposer_code)
    referrer = await service.referrer("enterprise")
    body = proposal_body(proposer_code, referrer, partner("镀膜 Coating Co", None))
    made = await service.client.post("/project-proposals", json=body, headers=OFFICER)
    assert made.status_code == 201, made.text
    erased = await service.client.post(f"/referrers/{referrer}/erasure", headers=OFFICER)
    assert erased.status_code == 200, erased.text
    before = await service.stored()
    again = await service.client.post("/project-proposals", json=body, headers=OFFICER)
    assert again.status_code == 409 and "erased" in again.json()["detail"]
    url = f"/project-proposals/{made.json()['proposal_id']}/projects"
    later = await supply(service, url, 0, fresh)
    assert later.status_code == 409 and "erased" in later.json()["detail"]
    assert await service.stored() == before
    assert (await service.client.get(f"/leads/lead-{fresh}", headers=OFFICER)).status_code == 404
    seen = await service.client.get(f"/project-proposals/{made.json()['proposal_id']}", headers=OFFICER)
    assert [(p["outcome"], p["credit_code"]) for p in seen.json()["projects"]] == [("pending", None)]
