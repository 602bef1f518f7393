"""The dashboard in headless Chromium: it loads with the sample zone, shows a new event without a
reload, switches language, and leaves screenshots in test-artifacts/."""

from __future__ import annotations

import asyncio
import json
import re
import urllib.request
import uuid
from datetime import date

from park_dashboard.domain.bilingual import split
from park_dashboard.testing import sample_zone
from park_shared.testing.events import emit

from .cdp import Page
from .conftest import ARTIFACTS, Dashboard

LOADED = "document.querySelectorAll('#feed li.event').length > 0"


def _text(page: Page, selector: str) -> str:
    return str(page.evaluate(f"document.querySelector({selector!r})?.textContent ?? ''"))


def test_the_page_loads_with_the_sample_zone(dashboard: Dashboard, page: Page) -> None:
    page.open(f"{dashboard.url}/?lang=zh")
    page.wait_for(f"document.body.dataset.position === '{dashboard.sample_size}'", 10, "every sample event")
    assert _text(page, "h1") == "园区运行看板"
    assert _text(page, "#funnel g[data-stage='new']").startswith("登记12")
    assert _text(page, "#funnel g[data-stage='landed']").startswith("投产落地1")
    assert page.evaluate("document.querySelectorAll('#on-time [data-step]').length") == 8
    assert "50%" in _text(page, "#on-time [data-step='environmental_assessment']")
    assert "瑞拓精密机械有限公司" in _text(page, "#overdue")
    assert "绿源新材料股份公司" in _text(page, "#approvals")
    assert "63%" in _text(page, "#offerings") and "北园一号路" in _text(page, "#projects")
    assert page.evaluate("document.querySelector('#live').classList.contains('on')") is True
    page.screenshot(ARTIFACTS / "dashboard-laptop-zh.png")
    page.size(2560, 1440)
    page.wait_for(
        "getComputedStyle(document.querySelector('.grid')).gridTemplateColumns.split(' ').length === 4"
    )
    page.screenshot(ARTIFACTS / "dashboard-wall-zh.png", full_page=False)


def test_a_new_event_appears_within_seconds_without_a_reload(dashboard: Dashboard, page: Page) -> None:
    page.open(f"{dashboard.url}/?lang=en")
    page.wait_for(LOADED, 10, "the feed")
    page.evaluate("window.__sameDocument = 'yes'")
    lead = f"lead-{uuid.uuid4().hex[:6]}"
    data = {
        "lead_id": lead,
        "company_name": "Harbour Robotics Ltd",
        "credit_code": "913205000000009999",
        "industry": "robotics",
        "planned_investment": "88000000.00",
        "park_id": "south",
        "platform": "online",
        "referrer_id": None,
        "registered_on": date.today().isoformat(),
    }
    event_id = asyncio.run(emit(dashboard.settings, "investment", "LeadRegistered.v1", data, lead))
    page.wait_for(
        f"document.querySelector('[data-event-id=\"{event_id}\"]') !== null", 5, "the new event on the page"
    )
    assert _text(page, f"[data-event-id='{event_id}'] .name") == "Lead registered"
    assert _text(page, f"[data-event-id='{event_id}'] .subject") == "Harbour Robotics Ltd"
    assert _text(page, f"[data-event-id='{event_id}'] .src") == "Investment"
    page.wait_for(
        "document.querySelector(\"#funnel g[data-stage='new']\").textContent.startsWith('Registered13')", 5
    )
    assert page.evaluate("window.__sameDocument") == "yes"


def test_the_language_switch(dashboard: Dashboard, page: Page) -> None:
    page.open(f"{dashboard.url}/?lang=en")
    page.wait_for(LOADED, 10, "the feed")
    assert (_text(page, "h1"), page.evaluate("document.documentElement.lang")) == ("Zone dashboard", "en")
    assert _text(page, "#funnel g[data-stage='signed']").startswith("Signed")
    assert "Land use" in _text(page, "#on-time")
    page.screenshot(ARTIFACTS / "dashboard-laptop-en.png")
    page.evaluate("document.getElementById('lang').click()")
    assert (_text(page, "h1"), page.evaluate("document.documentElement.lang")) == ("园区运行看板", "zh-CN")
    assert _text(page, "#funnel g[data-stage='signed']").startswith("签约")
    assert page.evaluate("new URL(location.href).searchParams.get('lang')") == "zh"
    assert page.evaluate("document.getElementById('public-link').getAttribute('href')") == "/public?lang=zh"


def test_the_public_transparency_page(dashboard: Dashboard, page: Page) -> None:
    page.open(f"{dashboard.url}/public?lang=zh")
    assert _text(page, "h1") == "园区政务公开"
    assert page.evaluate("document.querySelectorAll('#catalogue tbody tr').length") == 8
    assert "《环境影响评价法》" in _text(page, "#catalogue")
    assert "新材料产业优惠政策(2025修订)" in _text(page, "#policies")
    assert page.evaluate("document.querySelectorAll('#policies [data-status=superseded]').length") == 1
    assert "67%" in _text(page, "#performance")
    assert "north-A02" in _text(page, "#parcels-on-offer")
    assert "北园新材料产业招商" in _text(page, "#opportunities")
    page.screenshot(ARTIFACTS / "public-zh.png")
    page.evaluate("document.getElementById('lang-switch').click()")
    page.wait_for("document.documentElement.lang === 'en'", 10, "the English page")
    assert _text(page, "h1") == "Open government affairs of the zone"
    assert "North Park new materials" in _text(page, "#opportunities")
    page.screenshot(ARTIFACTS / "public-en.png")


CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+")


def _untranslated(dashboard: Dashboard) -> tuple[set[str], set[str]]:
    """Names the sample zone gives in one language only (registered company names: Chinese), and
    the ids of the feed's subjects that nothing names (shown as they are)."""
    texts = {
        str(v)
        for e in sample_zone(date(2026, 3, 2))
        for k, v in e.data.items()
        if k in ("company_name", "enterprise_name") and isinstance(v, str)
    }
    with urllib.request.urlopen(f"{dashboard.url}/api/feed", timeout=10) as response:
        items = json.load(response)["items"]
    texts |= {i["subject_name"] for i in items if i["subject_name"]}  # and an earlier test's lead
    names = {t for t in texts if split(t)[0] == split(t)[1]}
    return names, {i["subject"] for i in items if not i["subject_name"]}


def test_each_language_shows_that_language_only(dashboard: Dashboard, page: Page) -> None:
    """A screenshot per language; no text of the other language on it but the language switch,
    the names that have no translation and the ids nothing names."""
    names, ids = _untranslated(dashboard)
    for lang in ("zh", "en"):
        page.open(f"{dashboard.url}/?lang={lang}")
        page.wait_for(LOADED, 10, "the feed")
        page.wait_for("document.querySelector('#parcels').textContent.length > 0", 10, "the panels")
        page.screenshot(ARTIFACTS / f"dashboard-one-language-{lang}.png")
        text = str(page.evaluate("document.body.innerText"))
        for known in sorted(names | ids, key=len, reverse=True):
            text = text.replace(known, " ")
        if lang == "en":
            assert set(CJK.findall(text)) == {"中文"}, set(CJK.findall(text))  # the switch
        else:
            words = set(re.findall(r"[A-Za-z]{2,}", text))
            assert words == {"EN"}, words  # the switch
        shown = str(page.evaluate("document.querySelector('#feed time').getAttribute('datetime')"))
        assert shown.endswith("+08:00")  # the zone's time


def test_the_land_and_the_people_and_shared_resources(dashboard: Dashboard, page: Page) -> None:
    """Issue #19's requisition cases and parcels by state, issue #20's vacancies, talent
    subsidies, shared facilities and related projects, in each language (the public page's
    regulations are server-rendered: services/dashboard/tests/test_law_and_land.py)."""
    page.open(f"{dashboard.url}/?lang=zh")
    page.wait_for(LOADED, 10, "the feed")
    page.wait_for("document.querySelector('#proposals tbody') !== null", 10, "the resources panel")
    assert "支付补偿中" in _text(page, "#requisitions [data-stage='paying']")
    assert "已完成" in _text(page, "#requisitions [data-stage='complete']")
    assert "2 / 0 / " in _text(page, "#parcels")  # north: 2 to requisition, none requisitioned
    limits = "#requisitions [data-requisition='req-north-2'] [data-limits]"
    assert "时限(工作日):签约 60 · 付款 20 · 安置 60 · 政策处理 15" in _text(page, limits)
    assert "领军人才" in _text(page, "#talent") and "北园" in _text(page, "#vacancies")
    assert "检测实验室" in _text(page, "#facilities")
    assert "50%" in _text(page, "#proposals [data-proposer='lead-1']")
    page.evaluate("document.getElementById('lang').click()")  # no navigation: one live stream per tab
    assert "paying compensation" in _text(page, "#requisitions [data-stage='paying']")
    assert "time limits (working days): agreements 60 · payment 20" in _text(page, limits)
    assert "Leading talent" in _text(page, "#talent") and "Testing laboratory" in _text(page, "#facilities")
    assert "New materials" in _text(page, "#vacancies")
