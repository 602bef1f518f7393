"""/policies and /public/policies: drafting, publication, supersession, revocation, as-of-date."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from park_shared.testing.apps import wait_until

if TYPE_CHECKING:
    from conftest import Hq


def fees(amount: str) -> dict[str, Any]:
    return {
        "items": [{"code": "F1", "name": "基础设施配套费", "amount": amount, "phase": "before_production"}]
    }


async def in_force_on(hq: Hq, day: object, public: bool = False) -> Any:
    path = "/public/policies/fee-schedule/in-force" if public else "/policies/fee-schedule/in-force"
    headers = {} if public else hq.official
    response = await hq.client.get(path, params={"on": str(day)}, headers=headers)
    return response.json()["version"] if response.status_code == 200 else response.status_code


async def test_the_version_in_force_on_a_date_across_a_supersession(hq: Hq) -> None:
    monday, c = hq.monday, hq.client
    body = {
        "policy_id": "fee-schedule",
        "kind": "fee_schedule",
        "title": "收费标准 2026",
        "terms": fees("100"),
    }
    created = await c.post("/policies", json=body, headers=hq.official)
    assert created.status_code == 201, created.text
    assert created.json()["versions"][0]["status"] == "drafted"
    assert (await c.post("/policies", json=body, headers=hq.official)).status_code == 409
    by_official = await c.post(
        "/policies/fee-schedule/versions/1/publish", json={"effective_from": str(monday)}, headers=hq.official
    )
    assert by_official.status_code == 403 and "hq.head" in by_official.json()["detail"]
    published = await c.post(
        "/policies/fee-schedule/versions/1/publish", json={"effective_from": str(monday)}, headers=hq.head
    )
    assert published.json()["versions"][0]["status"] == "published"
    await c.post(
        "/policies/fee-schedule/versions",
        json={"title": "收费标准 2026 修订", "terms": fees("80")},
        headers=hq.head,
    )
    later = monday + timedelta(days=10)
    await c.post(
        "/policies/fee-schedule/versions/2/publish", json={"effective_from": str(later)}, headers=hq.head
    )

    assert await in_force_on(hq, monday + timedelta(days=9)) == 1
    assert await in_force_on(hq, later) == 2
    assert await in_force_on(hq, later, public=True) == 2
    assert await in_force_on(hq, monday - timedelta(days=1)) == 404

    hq.set_today(later)  # the scheduler supersedes version 1 when version 2 takes effect

    async def superseded() -> bool:
        doc = (await c.get("/policies/fee-schedule", headers=hq.official)).json()
        return bool(doc["versions"][0]["status"] == "superseded")

    await wait_until(superseded, what="version 1 superseded")
    v1 = (await c.get("/policies/fee-schedule", headers=hq.official)).json()["versions"][0]
    assert (v1["superseded_by"], v1["effective_until"]) == (2, str(later))
    assert await in_force_on(hq, monday + timedelta(days=9), public=True) == 1
    assert await in_force_on(hq, later, public=True) == 2
    current = await c.get("/public/policies/fee-schedule/in-force")
    assert current.json()["terms"]["items"][0]["amount"] == "80.00"
    assert (await hq.event_types()).count("PolicySuperseded") == 1


async def test_bad_policies_and_dates_are_refused_and_nothing_is_stored(hq: Hq) -> None:
    c = hq.client
    base = {"policy_id": "fees", "kind": "fee_schedule", "title": "收费标准"}
    await c.post("/policies", json={**base, "terms": fees("100")}, headers=hq.head)
    await c.post(
        "/policies/fees/versions/1/publish",
        json={"effective_from": str(hq.monday + timedelta(days=5))},
        headers=hq.head,
    )
    await c.post("/policies/fees/versions", json={"title": "v2", "terms": fees("90")}, headers=hq.head)
    before = await hq.last_position()
    refusals = [
        ("/policies", {**base, "policy_id": "neg", "terms": fees("-1")}, "terms.items.0.amount"),
        (
            "/policies",
            {**base, "policy_id": "flt", "terms": {"items": [{**fees("1")["items"][0], "amount": 1.5}]}},
            "terms.items.0.amount",
        ),
        (
            "/policies",
            {
                **base,
                "policy_id": "cat",
                "kind": "procedure_catalogue",
                "terms": {
                    "steps": [
                        {
                            "code": "land",
                            "name": "用地",
                            "legal_basis": "土地管理法",
                            "working_days": 0,
                            "green_channel_working_days": 1,
                        }
                    ]
                },
            },
            "terms.steps.0.working_days",
        ),
        (
            "/policies",
            {**base, "policy_id": "rwd", "kind": "reward", "terms": {"rate_percent": "101"}},
            "terms.rate_percent",
        ),
        (
            "/policies",
            {**base, "policy_id": "cap", "kind": "reward", "terms": {"rate_percent": "1"}},
            "terms.cap",
        ),
        (
            "/policies/fees/versions/2/publish",
            {"effective_from": str(hq.monday + timedelta(days=4))},
            "effective_from",
        ),
        (
            "/policies/fees/versions/2/publish",
            {"effective_from": str(hq.monday - timedelta(days=1))},
            "effective_from",
        ),
        ("/policies/fees/versions/2/publish", {"effective_from": "tomorrow"}, "effective_from"),
    ]
    for path, body, field in refusals:
        refused = await c.post(path, json=body, headers=hq.head)
        assert (refused.status_code, refused.json().get("field")) == (422, field), (path, body, refused.text)
    assert await hq.last_position() == before


async def test_revocation_and_what_the_public_sees(hq: Hq) -> None:
    c = hq.client
    terms = {"rate_percent": "0.5", "cap": "500000"}
    await hq.draft_policy("reward", "reward", "全员招商奖励办法", terms)
    await hq.draft_policy("draft-only", "reward", "全员招商奖励办法", terms)
    calendars = ["working-calendar-2025", "working-calendar-2026"]  # adopted at start, published
    assert [p["policy_id"] for p in (await c.get("/public/policies")).json()] == calendars
    await c.post(
        "/policies/reward/versions/1/publish", json={"effective_from": str(hq.monday)}, headers=hq.head
    )
    public = (await c.get("/public/policies", params={"kind": "reward"})).json()
    assert [p["policy_id"] for p in public] == ["reward"]
    assert public[0]["versions"][0]["terms"] == {
        "rate_percent": "0.5",
        "fixed_amount": None,
        "cap": "500000.00",
    }
    assert (await c.get("/public/policies/draft-only")).status_code == 404
    in_force = (await c.get("/public/policies/in-force", params={"kind": "reward"})).json()
    assert [(p["policy_id"], p["version"]) for p in in_force] == [("reward", 1)]

    revoked = await c.post(
        "/policies/reward/versions/1/revoke", json={"reason": "与上位法冲突"}, headers=hq.head
    )
    assert (
        revoked.json()["versions"][0] | {"status": "revoked", "revocation_reason": "与上位法冲突"}
        == revoked.json()["versions"][0]
    )
    before = await hq.last_position()
    again = await c.post(
        "/policies/reward/versions/1/publish", json={"effective_from": str(hq.monday)}, headers=hq.head
    )
    assert again.status_code == 409 and "revoked" in again.json()["detail"]
    assert (
        await c.post("/policies/reward/versions/1/revoke", json={"reason": "x"}, headers=hq.head)
    ).status_code == 409
    assert (
        await c.post("/policies/reward/versions/9/revoke", json={"reason": "x"}, headers=hq.head)
    ).status_code == 404
    assert (
        await c.post("/policies/nope/versions/1/revoke", json={"reason": "x"}, headers=hq.head)
    ).status_code == 404
    assert await hq.last_position() == before
    assert (await c.get("/public/policies/reward/in-force")).status_code == 404
    assert (await c.get("/policies/in-force", params={"kind": "reward"}, headers=hq.official)).json() == []
    assert (await c.get("/policies", params={"kind": "reward"}, headers=hq.planner_1)).status_code == 200


async def test_a_draft_is_amended_until_published(hq: Hq) -> None:
    c = hq.client
    terms = {"rules": [{"fee_code": "F1", "discount_percent": "20"}]}
    await hq.draft_policy("pref", "preferential", "优惠政策", terms)
    amended = await c.put(
        "/policies/pref/versions/1",
        json={
            "title": "优惠政策（修订）",
            "terms": {"rules": [{"fee_code": "F1", "waiver": True, "parks": ["north"]}]},
        },
        headers=hq.official,
    )
    assert amended.status_code == 200, amended.text
    assert amended.json()["versions"][0]["terms"]["rules"][0]["discount_percent"] == "100"
    second = await c.post("/policies/pref/versions", json={"title": "x", "terms": terms}, headers=hq.official)
    assert second.status_code == 409 and "still a draft" in second.json()["detail"]
    assert (
        await c.post("/policies/none/versions", json={"title": "x", "terms": {}}, headers=hq.official)
    ).status_code == 404
    by_planner = await hq.draft_policy("pref", "preferential", "优惠政策", terms, headers=hq.planner_1)
    assert by_planner.status_code == 403


def talent(subsidy: str) -> dict[str, Any]:
    return {
        "categories": [
            {"code": "leading_talent", "name": "领军人才", "one_off_subsidy": subsidy,
             "housing_allowance_monthly": "5000", "housing_months": 36},
            {"code": "skilled_worker", "name": "技能人才", "one_off_subsidy": "5000"},
        ]
    }  # fmt: skip


async def test_the_talent_policy_is_a_kind_versioned_and_as_of_like_the_others(hq: Hq) -> None:
    monday, c = hq.monday, hq.client
    body = {"policy_id": "talent", "kind": "talent", "title": "人才引进政策", "terms": talent("100000")}
    assert (await c.post("/policies", json=body, headers=hq.official)).status_code == 201
    first = await c.post(
        "/policies/talent/versions/1/publish", json={"effective_from": str(monday)}, headers=hq.head
    )
    assert first.status_code == 200, first.text
    amended = {"title": "人才引进政策 修订", "terms": talent("120000")}
    await c.post("/policies/talent/versions", json=amended, headers=hq.head)
    later = monday + timedelta(days=10)
    await c.post("/policies/talent/versions/2/publish", json={"effective_from": str(later)}, headers=hq.head)

    async def subsidy_on(day: object) -> str:
        found = await c.get("/public/policies/talent/in-force", params={"on": str(day)})
        assert found.status_code == 200, found.text
        return str(found.json()["terms"]["categories"][0]["one_off_subsidy"])

    assert await subsidy_on(monday + timedelta(days=9)) == "100000.00"
    assert await subsidy_on(later) == "120000.00"
    listed = await c.get("/public/policies", params={"kind": "talent"})
    assert listed.status_code == 200 and {p["policy_id"] for p in listed.json()} == {"talent"}


async def test_bad_talent_terms_are_a_422_naming_the_category_field_and_store_nothing(hq: Hq) -> None:
    before = await hq.last_position()
    terms = talent("100000")
    terms["categories"][1] = {**terms["categories"][1], "housing_months": 12}
    refused = await c_post(hq, {"policy_id": "talent", "kind": "talent", "title": "人才", "terms": terms})
    assert (refused.status_code, refused.json()["field"]) == (422, "terms.categories.1.housing_months")
    body = {"policy_id": "talent", "kind": "talent", "title": "人才", "terms": talent("-5")}
    upside = await c_post(hq, body)
    assert (upside.status_code, upside.json()["field"]) == (422, "terms.categories.0.one_off_subsidy")
    good = talent("100000")
    nothing = {"code": "nothing", "name": "无", "one_off_subsidy": "0"}
    for wrong, field in (
        ({"categories": []}, "terms.categories"),
        ({"categories": [*good["categories"], good["categories"][0]]}, "terms.categories"),
        ({"categories": [*good["categories"], nothing]}, "terms.categories.2"),
    ):
        refused = await c_post(hq, {"policy_id": "talent", "kind": "talent", "title": "人才", "terms": wrong})
        assert (refused.status_code, refused.json()["field"]) == (422, field), (wrong, refused.json())
    assert await hq.last_position() == before
    assert (await hq.client.get("/policies/talent", headers=hq.official)).status_code == 404

    made = await c_post(hq, {"policy_id": "talent", "kind": "talent", "title": "人才", "terms": good})
    assert made.status_code == 201, made.text
    before = await hq.last_position()
    amended = await hq.client.put(  # amending the draft checks its terms as drafting does
        "/policies/talent/versions/1", json={"title": "人才 修订", "terms": talent("-1")}, headers=hq.head
    )
    assert (amended.status_code, amended.json()["field"]) == (422, "terms.categories.0.one_off_subsidy")
    assert await hq.last_position() == before


async def c_post(hq: Hq, body: dict[str, Any]) -> Any:
    return await hq.client.post("/policies", json=body, headers=hq.official)
