"""A talent applicant's name and identity number never reach the event store, the topic, the
read models, the public statistics or the logs: only the pseudonymous person_key travels, and
the sealed details open for officers only until they are erased."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from typing import Any

import httpx
import orjson
import pytest
from park_service_center.app import create_app
from park_service_center.projections.names import TALENT_APPLICATIONS, TALENT_PERSONS
from park_service_center.settings import ServiceCenterSettings
from park_shared.settings import ParkSettings
from park_shared.testing.apps import auth_header, running_app
from park_shared.testing.events import read_published
from sc_testkit import application, apply, identity_number, publish_talent

NAME = "欧阳明 Ouyang Ming"
OTHER = "黄丽 Huang Li"


@dataclass
class OnBackend:
    """What the talent helpers drive: the app on one backend, its client and the roles' tokens."""

    app: Any
    client: httpx.AsyncClient
    settings: ServiceCenterSettings
    officer = auth_header("sc", "sc.officer")
    cashier = auth_header("sc", "sc.cashier")
    head = auth_header("sc", "sc.head")


async def test_a_persons_identity_goes_nowhere_but_its_sealed_token(
    park_settings: ParkSettings, clock: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """On each backend (real Kafka + FerretDB with PARK_REAL=1)."""
    caplog.set_level(logging.DEBUG)
    settings = ServiceCenterSettings(**park_settings.model_dump())
    app = create_app(settings, clock=clock)
    async with running_app(app) as client:
        await _apply_decide_pay_erase(OnBackend(app, client, settings), caplog)


async def _apply_decide_pay_erase(driver: Any, caplog: pytest.LogCaptureFixture) -> None:
    number = identity_number(77)
    await publish_talent(driver)
    person = {"name": NAME, "id_number": number}
    applied = await apply(driver, person=person)
    kept = await apply(driver, person={"name": OTHER, "id_number": identity_number(78)})
    ta = applied["application_id"]
    assert applied["person"]["name"] == NAME
    bad = await driver.client.post(
        "/talent-applications",
        json=application(person={"name": NAME, "id_number": number[:-1] + "Y"}),
        headers=driver.officer,
    )
    assert bad.status_code == 422 and number[:-1] not in bad.text
    for person in ({"name": "", "id_number": number}, {"name": NAME, "id_number": number + "0" * 40}):
        schema = await driver.client.post(
            "/talent-applications", json=application(person=person), headers=driver.officer
        )
        assert schema.status_code == 422 and number not in schema.text and "Ouyang" not in schema.text
    await driver.client.post(f"/talent-applications/{ta}/approve", headers=driver.officer)
    await driver.client.post(f"/talent-applications/{ta}/instalments/1/pay", headers=driver.cashier)
    public = (await driver.client.get("/public/talent-statistics")).text

    runtime = driver.app.state.runtime
    stored = await runtime.store.read_all(0, 10_000)
    texts = [r.data.decode() + r.meta.to_json().decode() for r in stored]
    assert any(applied["person_key"] in t for t in texts)  # the pseudonym travels
    published = Counter({"SubsidyApplied": 2, "ApplicationApproved": 1, "InstalmentPaid": 1})
    envelopes = await read_published(driver.settings, "service-center", published)
    on_topic = [e.data.decode() for e in envelopes]
    keys = {applied["person_key"], kept["person_key"]}
    assert {orjson.loads(t).get("person_key") for t in on_topic} == keys | {None}  # the pseudonyms travel
    assert not [e for e in envelopes if e.type.split(".")[-2] in ("PersonIdentified", "PersonalDataErased")]
    docs = [d for c in (TALENT_APPLICATIONS, TALENT_PERSONS) for d in await runtime.read_models.find(c)]
    assert len(docs) == 4 and {d["person_key"] for d in docs} == keys  # both applications, both persons
    rows = [(r["applications"], r["approved"], r["paid"]) for r in orjson.loads(public)]
    assert rows == [(2, 1, "50000.00")]  # the statistics count both applications
    assert "service-center started" in caplog.text  # the service's own records are captured
    for secret in (NAME, "Ouyang", number, number[:-4], OTHER, identity_number(78)):
        assert all(secret not in t for t in texts), secret
        assert all(secret not in t for t in on_topic), secret
        assert all(secret not in str(d) for d in docs), secret
        assert secret not in public and secret not in caplog.text, secret

    erased = await driver.client.post(f"/talent-applications/{ta}/person/erase", headers=driver.officer)
    assert erased.json()["person"]["name"] is None
    persons = await runtime.read_models.find(TALENT_PERSONS)
    assert {p["person_key"]: (p["personal"] is None, p["erased"]) for p in persons} == {
        applied["person_key"]: (True, True),
        kept["person_key"]: (False, False),
    }
    assert (await driver.client.get(f"/talent-applications/{ta}", headers=driver.head)).json()["person"] == {
        "name": None, "id_number_hint": None, "erased": True,
    }  # fmt: skip

    # the read models rebuilt from the store: the erased person stays unreadable, the other not
    runner = runtime.projection_runner
    assert runner is not None
    await runner.rebuild()
    rebuilt = (await driver.client.get(f"/talent-applications/{ta}", headers=driver.head)).json()
    assert (rebuilt["status"], rebuilt["person"]["name"], rebuilt["person"]["erased"]) == (
        "approved",
        None,
        True,
    )
    other = await driver.client.get(f"/talent-applications/{kept['application_id']}", headers=driver.head)
    assert other.json()["person"]["name"] == OTHER
    docs = [d for c in (TALENT_APPLICATIONS, TALENT_PERSONS) for d in await runtime.read_models.find(c)]
    assert len(docs) == 4 and {d["person_key"] for d in docs} == keys  # rebuilt, both of each
    assert all(secret not in str(d) for d in docs for secret in (NAME, OTHER, number))
