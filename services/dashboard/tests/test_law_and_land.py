"""Issue #19 on the dashboard: the management regulations in force on a day (the public page and
its JSON view, `?on=`), each linking HQ's text; the land requisition cases with their stage,
amounts agreed and paid, and the parcels by state from to_requisition to allocated."""

from __future__ import annotations

from datetime import date, timedelta

from park_dashboard.testing import SampleEvent, publish, sample_zone

from .conftest import Dashboard

ON = date(2026, 3, 2)


def _day(n: int) -> str:
    return (ON - timedelta(days=n)).isoformat()


def _section(page: str) -> str:
    start = page.index('id="regulations-in-force"')
    return page[start : page.index("</div>", start)]


async def _regulations(dashboard: Dashboard, on: str) -> dict[str, dict[str, object]]:
    view = (await dashboard.client.get(f"/api/public?on={on}")).json()
    assert view["regulations_on"] == on
    return {r["regulation_id"]: r for r in view["regulations"]}


async def test_the_regulations_in_force_today_with_their_latest_version(dashboard: Dashboard) -> None:
    await dashboard.shows_sample_zone(ON)
    found = await _regulations(dashboard, ON.isoformat())
    assert sorted(found) == ["env-protection", "foreign-fees"]  # repealed and future ones aside
    env = found["env-protection"]
    assert (env["version"], env["articles"], env["effective_from"]) == (2, 14, _day(20))
    assert env["kind"] == "construction_environmental_protection"
    assert env["title_zh"] == "建设工程环境保护管理办法"
    assert env["title_en"] == "Environmental protection of construction projects"
    hq = dashboard.context.settings.headquarters_url
    assert env["link"] == f"{hq}/public/regulations/env-protection?on={ON.isoformat()}"
    assert env["article_numbers"] == list(range(1, 15))


async def test_without_a_day_the_zones_today(dashboard: Dashboard) -> None:
    today = dashboard.runtime.today()
    await dashboard.shows_sample_zone(today)
    view = (await dashboard.client.get("/api/public")).json()
    assert view["regulations_on"] == today.isoformat()
    assert sorted(r["regulation_id"] for r in view["regulations"]) == ["env-protection", "foreign-fees"]


async def test_as_of_another_day_the_version_then_in_force(dashboard: Dashboard) -> None:
    await dashboard.shows_sample_zone(ON)
    before = await _regulations(dashboard, _day(30))
    assert sorted(before) == ["env-protection", "foreign-fees", "old-planning"]  # not yet repealed
    assert (before["env-protection"]["version"], before["env-protection"]["articles"]) == (1, 12)
    assert before["env-protection"]["link"].endswith(f"?on={_day(30)}")
    on_repeal = await _regulations(dashboard, _day(10))
    assert "old-planning" not in on_repeal  # nothing from the day of repeal
    assert "old-planning" in await _regulations(dashboard, _day(11))
    later = await _regulations(dashboard, _day(-10))
    assert sorted(later) == ["env-protection", "foreign-fees", "off-budget"]  # took effect that day
    assert await _regulations(dashboard, _day(500)) == {}


async def test_the_public_page_lists_them_in_each_language_linking_hqs_articles(dashboard: Dashboard) -> None:
    await dashboard.shows_sample_zone(ON)
    zh = (await dashboard.client.get(f"/public?lang=zh&on={ON.isoformat()}")).text
    section = _section(zh)
    assert "建设工程环境保护管理办法" in section and "外商投资企业行政性收费管理办法" in section
    assert "城市规划建设管理暂行办法" not in section  # repealed
    hq = dashboard.context.settings.headquarters_url
    assert f'href="{hq}/public/regulations/env-protection?on={ON.isoformat()}"' in section
    assert f'href="{hq}/public/regulations/env-protection?on={ON.isoformat()}#article-1">14</a>' in section
    en = (await dashboard.client.get(f"/public?lang=en&on={_day(30)}")).text
    section = _section(en)
    assert "Interim measures on urban planning and construction" in section  # in force that day
    assert ">12</a>" in section and "建设" not in section


async def test_the_public_page_refuses_a_day_that_is_not_a_date(dashboard: Dashboard) -> None:
    response = await dashboard.client.get("/api/public?on=yesterday")
    assert response.status_code == 422
    assert "on" in response.text


async def test_each_requisition_case_with_its_stage_and_amounts(dashboard: Dashboard) -> None:
    await dashboard.shows_sample_zone(ON)
    market = (await dashboard.client.get("/api/market")).json()
    cases = {c["case_id"]: c for c in market["requisitions"]}
    assert [c["case_id"] for c in market["requisitions"]] == ["req-north-2", "req-south-1"]  # open first
    north = cases["req-north-2"]
    assert north["stage"] == "paying"
    counts = (north["collectives"], north["households"], north["agreements_signed"], north["paid"])
    assert counts == (2, 65, 2, 1)
    assert (north["agreed_amount"], north["paid_amount"]) == ("5000000.00", "3000000.00")
    assert (north["issues_open"], north["issues_closed"], north["completed_on"]) == (1, 0, None)
    assert north["parcel_ids"] == ["north-A06", "north-A07"]
    assert north["time_limits"] == {"agreements": 60, "payment": 20, "resettlement": 60, "issue": 15}
    assert (north["overdue_stages"], cases["req-south-1"]["time_limits"]) == ([], {})  # opened without
    south = cases["req-south-1"]
    assert south["stage"] == "complete"
    assert (south["agreed_amount"], south["paid_amount"]) == ("4500000.00", "4500000.00")
    assert (south["households_resettled"], south["issues_open"], south["issues_closed"]) == (30, 0, 1)
    assert south["completed_on"] == _day(210)  # the issue closed after the payment
    assert "dongcun 村集体" not in str(market)  # collectives counted, not named


async def test_a_case_moves_through_its_stages(dashboard: Dashboard) -> None:
    from park_dashboard.application.queries.market import requisition_view

    case = {"case_id": "c", "parcel_ids": ["north-X"], "opened_on": "2026-01-01", "issues": {}}
    one = {"households": 3}
    assert requisition_view({**case, "collectives": {"a": one, "b": one}}).stage == "opened"
    signed = {**one, "agreed": "10.00", "signed_on": "2026-01-02"}
    assert requisition_view({**case, "collectives": {"a": signed, "b": one}}).stage == "signing"
    assert requisition_view({**case, "collectives": {"a": signed, "b": signed}}).stage == "paying"
    paid = {**signed, "paid": "10.00", "paid_on": "2026-01-03"}
    issue = {"i": {"raised_on": "2026-01-02", "closed_on": None}}
    both_paid = {**case, "collectives": {"a": paid, "b": paid}}
    assert requisition_view({**both_paid, "issues": issue}).stage == "issues_open"
    assert requisition_view(both_paid).stage == "complete"


async def test_a_refusal_citing_an_article_links_it_on_the_public_page(dashboard: Dashboard) -> None:
    await dashboard.shows_sample_zone(ON)
    case = {
        "case_id": "case-9", "lead_id": None, "enterprise_name": "闽江光学 Minjiang Optics",
        "park_id": "north", "green_channel": False, "opened_on": _day(12),
    }  # fmt: skip
    accepted = {
        "case_id": "case-9", "step_code": "environmental_assessment", "on": _day(10), "deadline": _day(-18),
    }  # fmt: skip
    refused = {
        "case_id": "case-9", "step_code": "environmental_assessment", "on": _day(5),
        "reason": "emissions above the limit",
        "citation": {"regulation_id": "env-protection", "article": 13, "version": 2},
    }  # fmt: skip
    extra = [
        SampleEvent("service-center", "CaseOpened.v1", "case-9", case),
        SampleEvent("service-center", "StepAccepted.v1", "case-9", accepted),
        SampleEvent("service-center", "StepRejected.v1", "case-9", refused),
    ]
    await publish(dashboard.context.settings, extra)
    await dashboard.seen(len(sample_zone(ON)) + len(extra))
    view = (await dashboard.client.get("/api/public")).json()
    [refusal] = view["refusals"]  # the sample's refusals cite nothing
    assert (refusal["regulation_id"], refusal["article"], refusal["version"]) == ("env-protection", 13, 2)
    hq = dashboard.context.settings.headquarters_url
    assert refusal["link"] == f"{hq}/public/regulations/env-protection?on={_day(5)}#article-13"
    assert refusal["title_zh"] == "建设工程环境保护管理办法" and refusal["refused_on"] == _day(5)
    zh = (await dashboard.client.get("/public?lang=zh")).text
    cited = zh[zh.index('id="cited-refusals"') :]
    assert f'href="{hq}/public/regulations/env-protection?on={_day(5)}#article-13"' in cited
    assert "建设工程环境保护管理办法 · 第13条" in cited and "环评" in cited
    en = (await dashboard.client.get("/public?lang=en")).text
    assert "Environmental protection of construction projects · Article 13" in en


def _hq(type_: str, key: str, data: dict[str, object]) -> SampleEvent:
    return SampleEvent("headquarters", type_, key, data)


async def test_land_held_by_hqs_word_is_requisitioned_even_without_a_case(dashboard: Dashboard) -> None:
    """HQ's ParcelRequisitioned (a held parcel with its title, no case) and RequisitionCompleted
    (a case settled by HQ's reckoning, whatever the dashboard saw of its payments)."""
    opened = {
        "case_id": "req-x", "parcel_ids": ["north-X1"], "opened_on": _day(30),
        "collectives": [{"collective_id": "west", "households": 4}],
        "time_limits": {"agreements": 60, "payment": 20, "resettlement": 60, "issue": 15},
    }  # fmt: skip
    held = {
        "parcel_id": "north-H1", "park_id": "north", "code": "H1", "case_id": None,
        "title_reference": "闽国用(2026)第001号", "requisitioned_on": _day(40),
    }  # fmt: skip
    events = [
        _hq("RequisitionOpened.v1", "req-x", opened),
        _hq("ParcelRequisitioned.v1", "north-H1", held),
        _hq("ParcelRequisitioned.v1", "north-X1", {**held, "parcel_id": "north-X1", "case_id": "req-x",
            "title_reference": None, "requisitioned_on": _day(2)}),
    ]  # fmt: skip
    await publish(dashboard.context.settings, events)
    await dashboard.seen(len(events))
    market = (await dashboard.client.get("/api/market")).json()
    assert market["parcels"]["north"]["requisitioned"] == 2  # held, and the case's (HQ's word)
    assert market["parcels"]["north"]["to_requisition"] == 0
    [case] = market["requisitions"]
    assert (case["stage"], case["completed_on"]) == ("opened", None)  # no agreement seen yet
    assert case["time_limits"] == {"agreements": 60, "payment": 20, "resettlement": 60, "issue": 15}

    completed = {"case_id": "req-x", "parcel_ids": ["north-X1"], "completed_on": _day(2)}
    signed = {"case_id": "req-x", "collective_id": "west", "amount": "100.00", "signed_on": _day(5)}
    later = [
        _hq("RequisitionCompleted.v1", "req-x", completed),
        _hq("AgreementSigned.v1", "req-x", signed),  # an older event read late changes nothing
    ]
    await publish(dashboard.context.settings, later)
    await dashboard.seen(len(events) + len(later))
    market = (await dashboard.client.get("/api/market")).json()
    [case] = market["requisitions"]
    assert (case["stage"], case["completed_on"]) == ("complete", _day(2))
    assert market["parcels"]["north"] == {
        "to_requisition": 0, "requisitioned": 2, "planned": 0, "serviced": 0, "allocated": 0,
    }  # fmt: skip


async def test_an_overdue_requisition_stage_under_supervision_shows_on_its_case(dashboard: Dashboard) -> None:
    opened = {
        "case_id": "req-late", "parcel_ids": ["south-L1"], "opened_on": _day(90),
        "collectives": [{"collective_id": "east", "households": 2}], "time_limits": {"agreements": 5},
    }  # fmt: skip
    supervision = {
        "supervision_id": "sup-1", "cause": "overdue", "unit": "headquarters", "case_id": "req-late",
        "step_code": "requisition-agreements", "opened_on": _day(1),
    }  # fmt: skip
    other = {**supervision, "supervision_id": "sup-2", "case_id": "case-1", "step_code": "land_use"}
    closed = {**supervision, "supervision_id": "sup-3", "step_code": "requisition-payment"}
    events = [
        _hq("RequisitionOpened.v1", "req-late", opened),
        _hq("SupervisionCaseOpened.v1", "sup-1", supervision),
        _hq("SupervisionCaseOpened.v1", "sup-2", other),
        _hq("SupervisionCaseOpened.v1", "sup-3", closed),
        _hq("SupervisionCaseClosed.v1", "sup-3", {"supervision_id": "sup-3", "closed_on": _day(0)}),
    ]
    await publish(dashboard.context.settings, events)
    await dashboard.seen(len(events))
    [case] = (await dashboard.client.get("/api/market")).json()["requisitions"]
    assert (case["overdue_stages"], case["time_limits"]) == (["agreements"], {"agreements": 5})
