"""/regulations and /public/regulations: drafting, amending, publishing, repealing, as of a date."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from conftest import Hq


def article(number: int, zh: str = "条文", en: str = "text") -> dict[str, Any]:
    return {"number": number, "text_zh": zh, "text_en": en}


FEES = {
    "regulation_id": "fee-regulation",
    "kind": "foreign_enterprise_fees",
    "title_zh": "外商投资企业行政性收费管理办法",
    "title_en": "Administrative fees of foreign-invested enterprises",
    "articles": [article(1, "总则", "General"), article(2, "基础设施配套费", "Infrastructure fee")],
}


async def test_a_regulation_is_drafted_published_amended_and_read_as_of_any_date(hq: Hq) -> None:
    c, monday = hq.client, hq.monday
    drafted = await c.post("/regulations", json=FEES, headers=hq.head)
    assert drafted.status_code == 201, drafted.text
    assert drafted.json()["versions"][0]["status"] == "drafted"
    assert drafted.json()["in_force"] is None
    assert (await c.get("/public/regulations")).json() == []  # a draft is not public

    published = await c.post(
        "/regulations/fee-regulation/versions/1/publish",
        json={"effective_from": str(monday)},
        headers=hq.head,
    )
    assert published.status_code == 200, published.text
    assert published.json()["in_force"]["version"] == 1

    amended = await c.post(
        "/regulations/fee-regulation/amendments",
        json={
            "articles": [article(2, "配套费减半", "Fee halved"), article(3, "附则", "Final")],
            "removed": [1],
        },
        headers=hq.head,
    )
    assert amended.status_code == 201, amended.text
    v2 = amended.json()["versions"][1]
    assert (v2["version"], v2["status"], [a["number"] for a in v2["articles"]]) == (2, "drafted", [2, 3])
    later = monday + timedelta(days=30)
    await c.post(
        "/regulations/fee-regulation/versions/2/publish", json={"effective_from": str(later)}, headers=hq.head
    )

    async def version_on(day: object, public: bool) -> Any:
        if public:
            found = await c.get("/public/regulations/fee-regulation", params={"on": str(day)})
            return found.json()["version"] if found.status_code == 200 else found.status_code
        one = (
            await c.get("/regulations/fee-regulation", params={"on": str(day)}, headers=hq.official)
        ).json()
        return one["in_force"]["version"] if one["in_force"] else None

    for public in (False, True):
        assert await version_on(monday - timedelta(days=1), public) in (None, 404)
        assert await version_on(monday, public) == 1
        assert await version_on(later - timedelta(days=1), public) == 1
        assert await version_on(later, public) == 2

    on_later = (await c.get("/public/regulations", params={"on": str(later)})).json()
    assert [(r["regulation_id"], r["version"]) for r in on_later] == [("fee-regulation", 2)]
    assert on_later[0]["articles"][0]["text_zh"] == "配套费减半"
    assert on_later[0]["articles"][0]["anchor"].endswith(f"fee-regulation?on={later}#article-2")
    assert (await c.get("/public/regulations", params={"on": str(monday - timedelta(days=1))})).json() == []
    listed = (await c.get("/regulations", headers=hq.planner_1)).json()
    assert [v["status"] for v in listed[0]["versions"]] == ["superseded", "published"]
    assert (
        await c.get("/regulations", params={"kind": "off_budget_funds"}, headers=hq.official)
    ).json() == []

    repealed = await c.post(
        "/regulations/fee-regulation/repeal",
        json={"reason": "被新办法取代", "repealed_on": str(later + timedelta(days=10))},
        headers=hq.head,
    )
    assert repealed.status_code == 200, repealed.text
    assert await version_on(later + timedelta(days=9), True) == 2
    assert await version_on(later + timedelta(days=10), True) == 404
    in_force_after = {"on": str(later + timedelta(days=10))}
    assert (await c.get("/regulations", params=in_force_after, headers=hq.official)).json() == []
    types = await hq.event_types()
    assert [t for t in types if t.startswith("Regulation")] == [
        "RegulationDrafted",
        "RegulationPublished",
        "RegulationAmendmentDrafted",
        "RegulationPublished",
        "RegulationRepealed",
    ]


async def test_bad_regulation_commands_are_refused_and_nothing_is_stored(hq: Hq) -> None:
    c, monday = hq.client, hq.monday
    await c.post("/regulations", json=FEES, headers=hq.head)
    before = await hq.last_position()
    twice = await c.post(
        "/regulations",
        json={**FEES, "regulation_id": "twice", "articles": [article(1), article(1)]},
        headers=hq.head,
    )
    assert (twice.status_code, twice.json()["field"]) == (422, "articles"), twice.text
    bad_kind = await c.post(
        "/regulations", json={**FEES, "regulation_id": "kk", "kind": "Fees!"}, headers=hq.head
    )
    assert (bad_kind.status_code, bad_kind.json()["field"]) == (422, "kind"), bad_kind.text
    assert (await c.post("/regulations", json=FEES, headers=hq.head)).status_code == 409
    by_official = await c.post("/regulations", json={**FEES, "regulation_id": "x1"}, headers=hq.official)
    assert by_official.status_code == 403 and "hq.head" in by_official.json()["detail"]
    assert (await c.get("/regulations")).status_code == 401
    assert (await c.get("/regulations", headers=hq.foreign)).status_code == 403

    still_draft = await c.post(
        "/regulations/fee-regulation/amendments", json={"removed": [2]}, headers=hq.head
    )
    assert still_draft.status_code == 409 and "still a draft" in still_draft.json()["detail"]
    unknown_version = await c.post(
        "/regulations/fee-regulation/versions/7/publish",
        json={"effective_from": str(monday)},
        headers=hq.head,
    )
    assert unknown_version.status_code == 404
    unknown = await c.post(
        "/regulations/nope/versions/1/publish", json={"effective_from": str(monday)}, headers=hq.head
    )
    assert unknown.status_code == 404 and "there is no regulation 'nope'" in unknown.json()["detail"]
    never_published = await c.post(
        "/regulations/fee-regulation/repeal", json={"reason": "x"}, headers=hq.head
    )
    assert never_published.status_code == 409
    assert (await c.get("/regulations/nope", headers=hq.official)).status_code == 404
    assert (await c.get("/public/regulations/fee-regulation")).status_code == 404  # a draft
    yesterday = {"effective_from": str(monday - timedelta(days=1))}
    past = await c.post("/regulations/fee-regulation/versions/1/publish", json=yesterday, headers=hq.head)
    assert (past.status_code, past.json()["field"]) == (422, "effective_from"), past.text
    assert await hq.last_position() == before

    await c.post(
        "/regulations/fee-regulation/versions/1/publish",
        json={"effective_from": str(monday)},
        headers=hq.head,
    )
    before = await hq.last_position()
    again = await c.post(
        "/regulations/fee-regulation/versions/1/publish",
        json={"effective_from": str(monday)},
        headers=hq.head,
    )
    assert again.status_code == 409
    no_change = await c.post("/regulations/fee-regulation/amendments", json={}, headers=hq.head)
    assert (no_change.status_code, no_change.json()["field"]) == (422, "articles")
    no_article = await c.post(
        "/regulations/fee-regulation/amendments", json={"removed": [9]}, headers=hq.head
    )
    assert (no_article.status_code, no_article.json()["field"]) == (422, "removed")
    late = {"reason": "x", "repealed_on": str(monday - timedelta(days=1))}
    repealed_late = await c.post("/regulations/fee-regulation/repeal", json=late, headers=hq.head)
    assert (repealed_late.status_code, repealed_late.json()["field"]) == (422, "repealed_on")
    assert await hq.last_position() == before

    await c.post("/regulations/fee-regulation/repeal", json={"reason": "废止"}, headers=hq.head)
    before = await hq.last_position()
    amend_repealed = await c.post(
        "/regulations/fee-regulation/amendments", json={"articles": [article(3)]}, headers=hq.head
    )
    assert amend_repealed.status_code == 409 and "repealed" in amend_repealed.json()["detail"]
    repealed_on = str(hq.monday)
    assert amend_repealed.json()["repealed_on"] == repealed_on
    repeal_again = await c.post("/regulations/fee-regulation/repeal", json={"reason": "x"}, headers=hq.head)
    assert (repeal_again.status_code, repeal_again.json()["repealed_on"]) == (409, repealed_on)
    publish_repealed = await c.post(
        "/regulations/fee-regulation/versions/2/publish",
        json={"effective_from": repealed_on},
        headers=hq.head,
    )
    assert (publish_repealed.status_code, publish_repealed.json()["repealed_on"]) == (409, repealed_on)
    assert await hq.last_position() == before


def fee_schedule(**item: Any) -> dict[str, Any]:
    base = {"code": "F1", "name": "基础设施配套费", "amount": "100", "phase": "before_production"}
    domestic = {"code": "F2", "name": "管理费", "amount": "10", "phase": "after_production"}
    return {"items": [domestic, {**base, **item}]}


async def test_a_fee_for_foreign_invested_enterprises_cites_an_article_in_force(hq: Hq) -> None:
    c, monday = hq.client, hq.monday
    from_day = monday + timedelta(days=10)
    await c.post("/regulations", json=FEES, headers=hq.head)
    await c.post(
        "/regulations/fee-regulation/versions/1/publish",
        json={"effective_from": str(from_day)},
        headers=hq.head,
    )
    other = {**FEES, "regulation_id": "env", "kind": "construction_environmental_protection"}
    await c.post("/regulations", json=other, headers=hq.head)
    await c.post("/regulations/env/versions/1/publish", json={"effective_from": str(monday)}, headers=hq.head)
    draft = {
        "policy_id": "fees",
        "kind": "fee_schedule",
        "title": "收费标准",
        "terms": fee_schedule(applies_to_foreign_invested=True),
    }
    drafted = await c.post("/policies", json=draft, headers=hq.official)
    assert drafted.status_code == 201, drafted.text  # a draft may still lack its basis
    publish = "/policies/fees/versions/1/publish"
    field = "terms.items[1].legal_basis"

    async def refused_with(terms: dict[str, Any], effective_from: object) -> str:
        amended = await c.put(
            "/policies/fees/versions/1", json={"title": "收费标准", "terms": terms}, headers=hq.head
        )
        assert amended.status_code == 200, amended.text
        before = await hq.last_position()
        refused = await c.post(publish, json={"effective_from": str(effective_from)}, headers=hq.head)
        assert (refused.status_code, refused.json().get("field")) == (422, field), refused.text
        assert await hq.last_position() == before
        return str(refused.json()["detail"])

    def basis(regulation_id: str, number: int) -> dict[str, Any]:
        return fee_schedule(
            applies_to_foreign_invested=True, legal_basis={"regulation_id": regulation_id, "article": number}
        )

    assert "foreign-invested" in await refused_with(fee_schedule(applies_to_foreign_invested=True), from_day)
    assert "no article 9" in await refused_with(basis("fee-regulation", 9), from_day)
    assert "not in force" in await refused_with(basis("fee-regulation", 2), from_day - timedelta(days=1))
    assert "not foreign_enterprise_fees" in await refused_with(basis("env", 2), from_day)
    assert "no regulation 'nope'" in await refused_with(basis("nope", 2), from_day)

    await c.put(
        "/policies/fees/versions/1",
        json={"title": "收费标准", "terms": basis("fee-regulation", 2)},
        headers=hq.head,
    )
    published = await c.post(publish, json={"effective_from": str(from_day)}, headers=hq.head)
    assert published.status_code == 200, published.text
    in_force = (await c.get("/public/policies/fees/in-force", params={"on": str(from_day)})).json()
    assert in_force["terms"]["items"][1]["legal_basis"] == {
        "regulation_id": "fee-regulation",
        "article": 2,
        "version": 1,
    }
    assert in_force["terms"]["items"][0]["legal_basis"] is None
    [cited] = in_force["citations"]  # the public page links the article that allows the fee
    assert cited == {
        "item_code": "F1",
        "regulation_id": "fee-regulation",
        "article": 2,
        "version": 1,
        "link": f"/public/regulations/fee-regulation?on={from_day}#article-2",
    }
    article = await c.get(cited["link"].split("#")[0])
    assert [a["anchor"] for a in article.json()["articles"]][1] == cited["link"]
    records = await hq.runtime.store.read_all(0, 100_000)
    event = next(
        r for r in records if r.type.split(".")[2] == "PolicyPublished" and r.stream_id == "policy-fees"
    )
    assert b'"legal_basis":{"regulation_id":"fee-regulation","article":2,"version":1}' in event.data
