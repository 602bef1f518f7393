"""A private investor's register details are sealed under a key per investor; an erasure
destroys the key and records PersonalDataErased: the events stay, the name and hint are
unreadable everywhere (responses, rebuilt read models), and nothing personal reaches the store
in plain text, the topic or the logs."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from datetime import date
from typing import Any

import orjson
import pytest
from ic_testkit import FINANCE, Driver, StartDriver, credit_code, identity_number, open_offering
from park_industrial_co.application.investors import LEGACY_DIRECTORY, Investor, investor_id, vault
from park_industrial_co.settings import IndustrialCoSettings
from park_shared.backends import open_store
from park_shared.personal_data import KEYS
from park_shared.projections.port import Change
from park_shared.settings import ParkSettings
from park_shared.testing.apps import wait_until
from park_shared.testing.events import outbox_drained, read_published

NAME, NUMBER = "赵敏", identity_number(77)
HINT = "*" * 14 + NUMBER[-4:]
PERSON = {"type": "individual", "name": NAME, "identity_number": NUMBER}
FIRM = {"type": "sme", "name": "Zone Tools 8 Ltd", "credit_code": credit_code(8)}


async def _offering(d: Driver) -> str:
    return await open_offering(d, "Zone shares", "individual", "sme")


async def _subscribe(d: Driver, oid: str, investor: dict[str, str], pay: bool = True) -> str:
    placed = await d.post(f"/offerings/{oid}/subscriptions", {"investor": investor, "amount": "300.00"})
    assert placed.status_code == 201, placed.text
    if pay:
        sid = placed.json()["subscription_id"]
        await d.post(f"/offerings/{oid}/subscriptions/{sid}/payment", who=FINANCE)
    return str(placed.json()["investor_id"])


async def _stored(d: Driver) -> list[tuple[str, str]]:
    return [
        (r.type, r.data.decode() + r.meta_json.decode()) for r in await d.runtime.store.read_all(0, 10_000)
    ]


async def test_an_erased_investor_is_unreadable_everywhere_and_nothing_personal_travels(
    park_settings: ParkSettings, driver_for: StartDriver, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with driver_for(park_settings) as d:
        d.set_today(date(2026, 3, 2))
        oid = await _offering(d)
        person, firm = await _subscribe(d, oid, PERSON), await _subscribe(d, oid, FIRM)
        d.set_today(date(2026, 4, 1))
        assert (await d.post(f"/offerings/{oid}/close")).status_code == 200
        holders = {h["investor_id"]: h for h in (await d.get(f"/offerings/{oid}/register")).json()["holders"]}
        assert (holders[person]["name"], holders[person]["identifier_hint"]) == (NAME, HINT)
        token = orjson.loads((await d.runtime.store.read_stream(person))[0].data)["personal"]
        assert token.startswith("pd1.")
        assert all(s not in text for _, text in await _stored(d) for s in (NAME, NUMBER, HINT))

        erased = await d.post(f"/investors/{person}/erasure")
        assert erased.status_code == 200, erased.text
        body = erased.json()
        assert (body["erased"], body["name"], body["identifier_hint"]) == (True, None, None)
        assert await d.runtime.read_models.get(KEYS, person) is None
        assert await vault(d.runtime).open(token) is None
        holders = {h["investor_id"]: h for h in (await d.get(f"/offerings/{oid}/register")).json()["holders"]}
        assert (holders[person]["erased"], holders[person]["name"], holders[person]["identifier_hint"]) == (
            True,
            None,
            None,
        )
        assert (holders[firm]["erased"], holders[firm]["name"]) == (False, FIRM["name"])
        erasures = [text for kind, text in await _stored(d) if kind.endswith(".PersonalDataErased.v1")]
        assert len(erasures) == 1 and person in erasures[0]

        await outbox_drained(d.runtime)
        published = Counter({"OfferingOpened": 1, "SubscriptionPaid": 2, "OfferingClosed": 1})
        envelopes = await read_published(
            d.runtime.settings, "industrial-co", published, settle=0.2, timeout=60
        )
        types = {e.type.split(".")[2] for e in envelopes}
        assert "SubscriptionPaid" in types and not types & {"InvestorIdentified", "PersonalDataErased"}
        for secret in (NAME, NUMBER, HINT, "pd1.", person):
            assert all(secret not in e.data.decode() + str(e.subject) for e in envelopes), secret
        assert "industrial-co started" in caplog.text  # the service's own records are captured
        for secret in (NAME, NUMBER, HINT):
            assert secret not in caplog.text, secret


async def test_erasure_survives_a_rebuild_is_recorded_once_and_a_new_subscription_starts_afresh(
    driver: Driver, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    d = driver
    oid = await _offering(d)
    person, firm = await _subscribe(d, oid, PERSON, pay=False), await _subscribe(d, oid, FIRM, pay=False)
    old_token = orjson.loads((await d.runtime.store.read_stream(person))[0].data)["personal"]
    assert (await d.post(f"/investors/{person}/erasure", who=FINANCE)).status_code == 403
    assert (await d.post(f"/investors/{person}/erasure")).status_code == 200

    before = await d.runtime.store.last_position()
    again = await d.post(f"/investors/{person}/erasure")
    assert again.status_code == 409 and "erased at" in again.json()["detail"]
    enterprise = await d.post(f"/investors/{firm}/erasure")
    assert enterprise.status_code == 409 and "enterprise" in enterprise.json()["detail"]
    for unknown in ("inv-000000000000000000000000", oid, "nobody"):
        assert (await d.post(f"/investors/{unknown}/erasure")).status_code == 404, unknown
        assert (await d.get(f"/investors/{unknown}")).status_code == 404, unknown
    assert await d.runtime.store.last_position() == before

    assert (await d.post("/ops/replay")).status_code == 200
    shown = (await d.get(f"/investors/{person}", who=FINANCE)).json()
    assert (shown["erased"], shown["name"], shown["identifier_hint"]) == (True, None, None)
    assert (await d.get(f"/investors/{firm}")).json()["name"] == FIRM["name"]

    # the same person subscribes again (new consent): identified anew under a new key
    assert await _subscribe(d, await _offering(d), {**PERSON, "name": "赵 敏"}, pay=False) == person
    renewed = (await d.get(f"/investors/{person}")).json()
    assert (renewed["erased"], renewed["name"], renewed["identifier_hint"]) == (False, "赵 敏", HINT)
    assert await vault(d.runtime).open(old_token) is None
    assert "read models of industrial-co rebuilt" in caplog.text  # the replay's record is captured
    assert NAME not in caplog.text and NUMBER not in caplog.text


async def test_racing_erasures_record_one_erasure(driver: Driver) -> None:
    person = await _subscribe(driver, await _offering(driver), PERSON, pay=False)
    url = f"/investors/{person}/erasure"
    answers: list[Any] = await asyncio.gather(*(driver.post(url) for _ in range(3)))
    assert sorted(r.status_code for r in answers) == [200, 409, 409]
    events = await driver.runtime.store.read_stream(person)
    assert [e.type.split(".")[2] for e in events] == ["InvestorIdentified", "PersonalDataErased"]


async def test_the_old_plaintext_directory_is_sealed_into_events_and_emptied(
    embedded: IndustrialCoSettings, driver_for: StartDriver
) -> None:
    person = investor_id(embedded.ic_pseudonym_key.get_secret_value(), Investor("individual", NAME, NUMBER))
    legacy = {"investor_id": person, "investor_type": "individual", "name": NAME, "hint": HINT}
    _, read_models, close = await open_store("industrial-co", embedded)
    await read_models.commit(LEGACY_DIRECTORY, [Change(LEGACY_DIRECTORY, person, legacy, 1)], 0)
    await close()
    async with driver_for(embedded) as d:

        async def emptied() -> bool:
            return not await d.runtime.read_models.find(LEGACY_DIRECTORY)

        await wait_until(emptied, what="the old directory to be emptied")
        shown = (await d.get(f"/investors/{person}")).json()
        assert (shown["name"], shown["identifier_hint"], shown["erased"]) == (NAME, HINT, False)
        stored = await _stored(d)
        assert [kind.split(".")[2] for kind, _ in stored] == ["InvestorIdentified"]
        assert all(s not in stored[0][1] for s in (NAME, NUMBER, HINT))
        # the same person subscribing now is recognised under the migrated pseudonym
        d.set_today(date(2026, 3, 2))
        assert await _subscribe(d, await _offering(d), PERSON, pay=False) == person
