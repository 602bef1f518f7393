"""A subscription racing an erasure of the same investor: its details, sealed under the key the
erasure destroys, are refused inside the investor's decision, so none is recorded under a
destroyed key; the subscription itself stands, its investor erased. The race is forced: the
whole erasure runs between the seal and the record."""

from __future__ import annotations

from datetime import date
from typing import Any

import orjson
import pytest
from ic_testkit import Driver, identity_number, open_offering
from park_industrial_co.application import investors
from park_shared.personal_data import PersonalDataVault
from park_shared.personal_data.vault import key_id_of

NUMBER = identity_number(91)
PERSON = {"type": "individual", "name": "钱多多", "identity_number": NUMBER}


async def offering(d: Driver, title: str) -> str:
    return await open_offering(d, title, "individual")


async def subscribe(d: Driver, oid: str) -> Any:
    return await d.post(f"/offerings/{oid}/subscriptions", {"investor": PERSON, "amount": "300.00"})


async def test_a_subscription_sealed_before_an_erasure_is_not_recorded_under_the_destroyed_key(
    driver: Driver, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = driver
    d.set_today(date(2026, 3, 2))
    first = await subscribe(d, await offering(d, "一期"))
    person = first.json()["investor_id"]
    second_offering = await offering(d, "二期")
    sealed: list[str] = []

    class ErasedRightAfterTheSeal(PersonalDataVault):
        async def seal(self, subject_id: str, fields: Any) -> str:
            token = await super().seal(subject_id, fields)
            if not sealed:
                sealed.append(token)
                erased = await d.post(f"/investors/{subject_id}/erasure")
                assert erased.status_code == 200, erased.text
            return token

    monkeypatch.setattr(
        investors, "vault", lambda runtime: ErasedRightAfterTheSeal(runtime.read_models, runtime.settings)
    )
    placed = await subscribe(d, second_offering)
    assert placed.status_code == 201, placed.text  # the subscription stands

    events = [(r.type.split(".")[2], orjson.loads(r.data)) for r in await d.runtime.store.read_stream(person)]
    assert [name for name, _ in events] == ["InvestorIdentified", "PersonalDataErased"]  # none after it
    assert events[1][1]["key_id"] == key_id_of(sealed[0]) == key_id_of(events[0][1]["personal"])
    assert not await investors.vault(d.runtime).has_key(person)
    shown = (await d.get(f"/investors/{person}")).json()
    assert (shown["erased"], shown["name"]) == (True, None)


async def test_a_subscription_after_the_erasure_is_identified_anew_under_a_new_key(driver: Driver) -> None:
    d = driver
    d.set_today(date(2026, 3, 2))
    person = (await subscribe(d, await offering(d, "一期"))).json()["investor_id"]
    assert (await d.post(f"/investors/{person}/erasure")).status_code == 200
    assert (await subscribe(d, await offering(d, "二期"))).status_code == 201
    records = await d.runtime.store.read_stream(person)
    assert [r.type.split(".")[2] for r in records] == [
        "InvestorIdentified",
        "PersonalDataErased",
        "InvestorIdentified",
    ]
    shown = (await d.get(f"/investors/{person}")).json()
    assert (shown["erased"], shown["name"]) == (False, "钱多多")
