"""The public page (政务公开) shows the online platform's listings, as investment's
/public/listings has them: serviced parcels not yet allocated, published opportunities (not the
withdrawn). Each language's page shows that language only (names without translation aside)."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

from .conftest import Dashboard

ON = date(2026, 3, 2)
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+")


def _section(page: str, element: str) -> str:
    start = page.index(f'id="{element}"')
    return page[start : page.index("</div>", start)]


def _visible(page: str) -> str:
    body = page[page.index("<body") :]
    return unescape(re.sub(r"<[^>]+>", " ", body))


async def test_the_public_page_lists_parcels_on_offer_and_opportunities(dashboard: Dashboard) -> None:
    await dashboard.shows_sample_zone(ON)
    zh = (await dashboard.client.get("/public?lang=zh")).text
    parcels = _section(zh, "parcels-on-offer")
    assert "north-A02" in parcels and "south-B01" in parcels and "north-A01" not in parcels  # allocated
    assert "北园" in parcels and "工业" in parcels
    opportunities = _section(zh, "opportunities")
    assert "北园新材料产业招商" in opportunities and "配套齐全的标准厂房" in opportunities
    assert "旧招商项目" not in opportunities  # withdrawn
    en = (await dashboard.client.get("/public?lang=en")).text
    opportunities = _section(en, "opportunities")
    assert "North Park new materials" in opportunities
    assert "serviced standard factory buildings" in opportunities
    assert "An old listing" not in opportunities


async def test_each_language_page_shows_that_language_only(dashboard: Dashboard) -> None:
    await dashboard.shows_sample_zone(ON)
    en = _visible((await dashboard.client.get("/public?lang=en")).text)
    assert set(CJK.findall(en)) == {"中文"}  # the language switch
    zh = _visible((await dashboard.client.get("/public?lang=zh")).text)
    words = set(re.findall(r"[A-Za-z]{2,}", re.sub(r"\b[a-z]+-[A-Z]\d+\b", " ", zh)))
    assert words == {"English"}, words  # the language switch; versions (v1) and parcel ids (north-A02) aside
