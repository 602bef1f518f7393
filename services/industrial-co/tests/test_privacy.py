"""Investors' identity numbers never reach events, the topic, read models, responses or logs;
individuals' names reach events and read models only sealed (only the pseudonymous investor id
travels)."""

from __future__ import annotations

import logging
from collections import Counter
from datetime import date

import pytest
from ic_testkit import FINANCE, Driver, StartDriver, identity_number, open_offering
from park_industrial_co.application.investors import Investor, investor_id
from park_industrial_co.projections.investors import INVESTORS
from park_industrial_co.projections.offerings import OFFERINGS, SUBSCRIPTIONS
from park_industrial_co.projections.register import SHAREHOLDERS
from park_shared.settings import ParkSettings
from park_shared.testing.events import read_published


def test_the_pseudonym_is_keyed_stable_and_reveals_nothing() -> None:
    person = Investor("individual", "Wang Fang", identity_number(5))
    assert investor_id("key-1", person) == investor_id(
        "key-1", Investor("individual", "W. Fang", identity_number(5))
    )
    assert investor_id("key-1", person) != investor_id("key-2", person)
    assert identity_number(5) not in investor_id("key-1", person) and identity_number(5) not in repr(person)


async def test_an_identity_number_goes_nowhere(
    park_settings: ParkSettings, driver_for: StartDriver, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with driver_for(park_settings) as d:
        d.set_today(date(2026, 3, 2))
        await _subscribe_close_and_check(d, caplog)


async def _subscribe_close_and_check(d: Driver, caplog: pytest.LogCaptureFixture) -> None:
    number, name = identity_number(42), "Zhao Min"
    oid = await open_offering(d, "Shares", "individual")
    investor = {"type": "individual", "name": name, "identity_number": number}
    placed = await d.post(f"/offerings/{oid}/subscriptions", {"investor": investor, "amount": "500.00"})
    sid = placed.json()["subscription_id"]
    bad = await d.post(
        f"/offerings/{oid}/subscriptions",
        {"investor": {**investor, "identity_number": number[:-1] + "0"}, "amount": "5"},
    )
    assert bad.status_code == 422
    await d.post(f"/offerings/{oid}/subscriptions/{sid}/payment", who=FINANCE)
    responses = [placed.text, bad.text]
    for url in (
        f"/offerings/{oid}/subscriptions",
        f"/offerings/{oid}/subscriptions/{sid}",
        f"/offerings/{oid}/register",
    ):
        responses.append((await d.get(url)).text)
    d.set_today(date(2026, 4, 1))
    await d.post(f"/offerings/{oid}/close")
    responses.append((await d.get(f"/offerings/{oid}/register")).text)
    assert name in responses[-1]

    stored = await d.runtime.store.read_all(0, 10_000)
    assert stored and all(number not in r.data.decode() + r.meta.to_json().decode() for r in stored)
    assert all(name not in r.data.decode() for r in stored)
    published = Counter({"OfferingOpened": 1, "SubscriptionPaid": 1, "OfferingClosed": 1})
    envelopes = await read_published(d.runtime.settings, "industrial-co", published, settle=0.2, timeout=60)
    assert any(sid in e.data.decode() for e in envelopes if e.type.endswith(".SubscriptionPaid.v1"))
    assert all(number not in e.data.decode() and name not in e.data.decode() for e in envelopes)
    docs = [
        doc
        for c in (OFFERINGS, SUBSCRIPTIONS, SHAREHOLDERS, INVESTORS)
        for doc in await d.runtime.read_models.find(c)
    ]
    investor = placed.json()["investor_id"]
    for collection in (SUBSCRIPTIONS, SHAREHOLDERS, INVESTORS):  # the investor's records are there
        assert [doc["investor_id"] for doc in await d.runtime.read_models.find(collection)] == [investor]
    assert docs and all(number not in str(doc) and name not in str(doc) for doc in docs)
    assert all(number not in text for text in responses)
    assert "industrial-co started" in caplog.text  # the service's own records are captured
    assert number not in caplog.text
