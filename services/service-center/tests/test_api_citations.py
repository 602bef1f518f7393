"""Issue #19: an environmental-assessment step's refusal cites the environmental regulation's
article, checked against HQ's regulations as service-center recorded them from HQ's events (the
version in force on the refusal's day), and the citation travels in StepRejected. A missing,
unknown, repealed or wrong-kind regulation, or an article the version in force does not have:
422 naming `citation` or `citation.article`, and nothing stored changes."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from park_service_center.domain.case_events import StepRejected
from park_service_center.domain.regulation import (
    Citation,
    RecordedRegulationVersion,
    RegulationRecord,
    cite,
)
from park_shared.errors import Invalid
from park_shared.testing.apps import wait_until
from park_shared.testing.events import emit

from .conftest import CATALOGUE, THURSDAY, Driver, policy

ENVIRONMENTAL = {
    "code": "environmental_assessment", "name": "环评", "legal_basis": "环境影响评价法",
    "required_documents": ["EIA report"], "working_days": 10, "green_channel_working_days": 5,
    "decided_by": "service-center",
}  # fmt: skip
KIND = "construction_environmental_protection"


def _regulation(rid: str, kind: str, version: int, articles: int, since: str) -> dict[str, Any]:
    return {
        "regulation_id": rid, "version": version, "kind": kind, "title_zh": "办法", "title_en": "Measures",
        "articles": [{"number": n, "text_zh": "条", "text_en": "Art."} for n in range(1, articles + 1)],
        "effective_from": since, "published_at": f"{since}T09:00:00+08:00",
        "superseded_version": version - 1 if version > 1 else None,
    }  # fmt: skip


async def _zone_with_regulations(driver: Driver) -> None:
    """A catalogue whose second step is the environmental assessment, an environmental
    regulation amended from 12 to 14 articles, a fee regulation, a repealed environmental one."""
    steps = [CATALOGUE["steps"][0], ENVIRONMENTAL]
    catalogue = {
        **policy("catalogue-env", "procedure_catalogue", {"steps": steps}),
        "effective_from": "2026-02-01",
    }
    await emit(driver.settings, "headquarters", "PolicyPublished.v1", catalogue, "policy-catalogue-env")
    for data in (
        _regulation("env", KIND, 1, 12, "2026-01-01"),
        _regulation("env", KIND, 2, 14, "2026-03-01"),
        _regulation("fees", "foreign_enterprise_fees", 1, 9, "2026-01-01"),
        _regulation("env-old", KIND, 1, 20, "2025-01-01"),
    ):
        await emit(
            driver.settings, "headquarters", "RegulationPublished.v1", data, data["regulation_id"], times=2
        )
    repeal = {"regulation_id": "env-old", "repealed_on": "2026-03-15", "reason": "replaced"}
    await emit(driver.settings, "headquarters", "RegulationRepealed.v1", repeal, "env-old")

    async def recorded() -> bool:
        models = await driver.app.state.application.read_models()
        old = await models.get("sc_regulations", "env-old")
        env = await models.get("sc_regulations", "env")
        catalogue = (await driver.client.get("/public/procedures")).json()
        codes = [s["code"] for s in catalogue["steps"]]
        return bool(
            old
            and old["repealed_on"]
            and env
            and len(env["versions"]) == 2
            and ENVIRONMENTAL["code"] in codes
        )

    await wait_until(recorded, timeout=20, what="HQ's regulations and the new catalogue recorded")


async def _accepted_environmental_step(driver: Driver) -> str:
    await _zone_with_regulations(driver)
    case_id = (await driver.open_walk_in())["case_id"]
    await driver.hq_decides(case_id)
    code = ENVIRONMENTAL["code"]
    assert (await driver.step(case_id, code, "submit", {"documents": ["EIA report"]})).status_code == 200
    assert (await driver.step(case_id, code, "accept")).status_code == 200
    return case_id


async def _rejected_events(driver: Driver, case_id: str) -> list[StepRejected]:
    events = await driver.app.state.runtime.store.read_stream(case_id)
    registry = driver.app.state.runtime.registry
    decoded = [registry.decode(e.type, e.data) for e in events]
    return [e for e in decoded if isinstance(e, StepRejected)]


async def test_a_refusal_citing_an_article_in_force_carries_it_in_the_event(driver: Driver) -> None:
    case_id = await _accepted_environmental_step(driver)
    body = {
        "reason": "排放超标 emissions above the limit",
        "citation": {"regulation_id": "env", "article": 13},
    }
    response = await driver.step(case_id, "environmental_assessment", "reject", body)
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "stopped"
    [rejected] = await _rejected_events(driver, case_id)
    assert rejected.citation == Citation(regulation_id="env", article=13, version=2)  # in force on 2026-04-02


@pytest.mark.parametrize(
    ("citation", "field", "words"),
    [
        (None, "citation", "environmental regulation"),
        ({"regulation_id": "no-such", "article": 1}, "citation", "no regulation 'no-such'"),
        ({"regulation_id": "env", "article": 15}, "citation.article", "has no article 15"),
        ({"regulation_id": "env-old", "article": 3}, "citation", "repealed on 2026-03-15"),
        ({"regulation_id": "fees", "article": 3}, "citation", "not construction_environmental_protection"),
    ],
)
async def test_a_refusal_without_a_good_citation_is_refused_and_nothing_changes(
    driver: Driver, citation: dict[str, Any] | None, field: str, words: str
) -> None:
    case_id = await _accepted_environmental_step(driver)
    before = await driver.position()
    body: dict[str, Any] = {"reason": "排放超标 emissions above the limit"}
    if citation is not None:
        body["citation"] = citation
    response = await driver.step(case_id, "environmental_assessment", "reject", body)
    assert response.status_code == 422, response.text
    detail = response.json()
    assert detail["field"] == field and words in detail["detail"], detail
    assert await driver.position() == before
    assert await _rejected_events(driver, case_id) == []
    case = (await driver.client.get(f"/cases/{case_id}", headers=driver.officer)).json()
    assert case["steps"][1]["status"] == "accepted"


async def test_other_steps_refuse_without_a_citation(driver: Driver) -> None:
    case_id = (await driver.open_walk_in())["case_id"]
    await driver.hq_decides(case_id)
    await driver.step(case_id, "land_use", "submit", {"documents": ["application", "site plan"]})
    await driver.step(case_id, "land_use", "accept")
    rejected = await driver.step(case_id, "land_use", "reject", {"reason": "conflicts with the zoning plan"})
    assert rejected.status_code == 200 and rejected.json()["status"] == "stopped"
    [event] = await _rejected_events(driver, case_id)
    assert event.citation is None


def test_the_version_in_force_on_the_day_decides_which_articles_exist() -> None:
    record = RegulationRecord(
        regulation_id="env",
        kind=KIND,
        versions={
            1: RecordedRegulationVersion(version=1, effective_from=date(2026, 1, 1), articles=(1, 2, 3)),
            2: RecordedRegulationVersion(version=2, effective_from=date(2026, 3, 1), articles=(1, 2, 3, 4)),
        },
    )
    four = Citation(regulation_id="env", article=4)
    assert cite(record, four, THURSDAY, kind=KIND).version == 2
    with pytest.raises(Invalid) as refused:
        cite(record, four, date(2026, 2, 1), kind=KIND)  # version 1 then: three articles
    assert refused.value.field == "citation.article"
    with pytest.raises(Invalid, match="not yet in force"):
        cite(record, four, date(2025, 12, 31), kind=KIND)
