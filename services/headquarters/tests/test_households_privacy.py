"""Households of a requisition case: their personal data (the head of household's name and
identity number) is for HQ officials and the head only, sealed per household in its internal
event, never in plain text in the store, on the topic or in the logs; an erasure destroys the
household's key, so the data is unreadable everywhere (responses, rebuilt read models). On the
embedded backend and on Kafka + FerretDB."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import orjson
import pytest
from park_headquarters.settings import HeadquartersSettings
from park_shared.envelope import Envelope
from park_shared.personal_data import KEYS
from park_shared.settings import ParkSettings
from park_shared.testing.events import outbox_drained, read_topic

if TYPE_CHECKING:
    from conftest import Hq, StartHq

NAME, IDENTITY = "王建国", "330102198506120044"
OTHER_NAME, OTHER_IDENTITY = "李秀兰", "330102197901011230"
SECRETS = (NAME, IDENTITY, OTHER_NAME, OTHER_IDENTITY, "19850612")
CASE = {
    "case_id": "req-east",
    "parcel_ids": ["north-E01"],
    "collectives": [{"collective_id": "east", "name": "东村", "households": 2, "parcel_ids": ["north-E01"]}],
}
BASE = "/land-requisitions/req-east/households"


async def stored_text(hq: Hq) -> list[tuple[str, str]]:
    events = await hq.runtime.store.read_all(0, 100_000)
    return [(e.type, e.data.decode() + e.meta_json.decode()) for e in events]


async def on_topic(hq: Hq) -> list[Envelope]:
    """Everything on park.headquarters.events, read back by a fresh consumer group."""
    runtime = hq.runtime
    await outbox_drained(runtime, timeout=30)
    return await read_topic(
        runtime.settings,
        "headquarters",
        until=lambda seen: any(e.type.endswith("RequisitionOpened.v1") for e in seen),
    )


async def test_household_data_is_sealed_shown_to_officials_only_and_erased_everywhere(
    park_settings: ParkSettings, hq_on: StartHq, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with hq_on(HeadquartersSettings(**park_settings.model_dump())) as hq:
        await sealed_shown_and_erased(hq)
    assert "headquarters started" in caplog.text  # the service's own records are captured
    for secret in SECRETS:
        assert secret not in caplog.text, secret


async def sealed_shown_and_erased(hq: Hq) -> None:
    c = hq.client
    assert (await c.post("/land-requisitions", json=CASE, headers=hq.official)).status_code == 201
    person = {"collective_id": "east", "name": NAME, "identity_number": IDENTITY}
    registered = await c.post(BASE, json=person, headers=hq.official)
    assert registered.status_code == 201, registered.text
    household: dict[str, Any] = registered.json()
    household_id = household["household_id"]
    assert household_id.startswith("hh-") and NAME not in household_id
    assert (household["name"], household["identity_number"], household["erased"]) == (NAME, IDENTITY, False)
    other = {"collective_id": "east", "name": OTHER_NAME, "identity_number": OTHER_IDENTITY}
    assert (await c.post(BASE, json=other, headers=hq.head)).status_code == 201

    for who in (hq.planner_1, hq.foreign):
        assert (await c.get(BASE, headers=who)).status_code == 403
    case = await c.get("/land-requisitions/req-east", headers=hq.planner_1)
    assert case.status_code == 200 and all(s not in case.text for s in SECRETS)
    listed = (await c.get(BASE, headers=hq.official)).json()
    assert sorted(h["name"] for h in listed) == sorted([NAME, OTHER_NAME])

    stored = await stored_text(hq)
    assert any(household_id in text for _, text in stored)  # the pseudonym is stored
    token = orjson.loads((await hq.runtime.store.read_stream(f"household-{household_id}"))[0].data)[
        "personal"
    ]
    assert token.startswith("pd1.")
    for secret in SECRETS:
        assert all(secret not in text for _, text in stored), secret

    erased = await c.post(f"{BASE}/{household_id}/erasure", headers=hq.official)
    assert erased.status_code == 200, erased.text
    assert (erased.json()["name"], erased.json()["identity_number"], erased.json()["erased"]) == (
        None,
        None,
        True,
    )
    assert await hq.runtime.read_models.get(KEYS, household_id) is None
    assert await hq.application.vault.open(token) is None
    again = await c.post(f"{BASE}/{household_id}/erasure", headers=hq.official)
    assert again.status_code == 409 and "erased at" in again.json()["detail"]
    records = [t for k, t in await stored_text(hq) if k.endswith("PersonalDataErased.v1")]
    assert len(records) == 1 and household_id in records[0]

    runner = hq.runtime.projection_runner
    assert runner is not None
    await runner.rebuild()
    rebuilt = (await c.get(f"{BASE}/{household_id}", headers=hq.official)).json()
    assert (rebuilt["name"], rebuilt["erased"]) == (None, True)
    kept = (await c.get(BASE, headers=hq.official)).json()
    assert sorted(h["name"] or "-" for h in kept) == sorted(["-", OTHER_NAME])

    envelopes = await on_topic(hq)
    types = {e.type.split(".")[2] for e in envelopes}
    assert "RequisitionOpened" in types
    assert not types & {"HouseholdRegistered", "PersonalDataErased"}
    travelled = [e.data.decode() + str(e.subject) for e in envelopes]
    for secret in SECRETS:
        assert all(secret not in text for text in travelled), secret


async def test_bad_households_are_refused_without_echoing_them_and_nothing_is_stored(hq: Hq) -> None:
    c = hq.client
    assert (await c.post("/land-requisitions", json=CASE, headers=hq.official)).status_code == 201
    before = await hq.last_position()
    good = {"collective_id": "east", "name": NAME, "identity_number": IDENTITY}
    refusals: list[tuple[str, dict[str, Any], int, str | None]] = [
        (BASE, {**good, "identity_number": "330102198506120045"}, 422, "identity_number"),
        (BASE, {**good, "name": ""}, 422, "name"),
        (BASE, {**good, "collective_id": "west"}, 422, "collective_id"),
        ("/land-requisitions/nope/households", good, 404, None),
    ]
    for path, body, status, field in refusals:
        refused = await c.post(path, json=body, headers=hq.official)
        assert refused.status_code == status, (body, refused.text)
        if field is not None:
            assert refused.json()["field"] == field, refused.text
        assert "330102198506120045" not in refused.text
    assert (await c.post(BASE, json=good, headers=hq.planner_1)).status_code == 403
    assert await hq.last_position() == before

    for n in range(2):
        assert (await c.post(BASE, json=good, headers=hq.official)).status_code == 201, n
    before = await hq.last_position()
    third = await c.post(BASE, json=good, headers=hq.official)
    assert (third.status_code, third.json()["collective_id"]) == (409, "east")
    assert await hq.last_position() == before
    unknown = await c.post(f"{BASE}/hh-0000/erasure", headers=hq.official)
    assert unknown.status_code == 404
