"""The page and its files, the public transparency page, the AsyncAPI document."""

from __future__ import annotations

import pytest

from .conftest import Dashboard


async def test_the_page_and_its_own_files_are_served(dashboard: Dashboard) -> None:
    page = await dashboard.client.get("/")
    assert page.status_code == 200 and 'src="/static/app.js"' in page.text
    assert "://" not in page.text  # nothing from a CDN or any other host
    for name in ("app.js", "charts.js", "i18n.js", "style.css"):
        served = await dashboard.client.get(f"/static/{name}")
        assert served.status_code == 200 and "://" not in served.text
    assert (await dashboard.client.get("/static/favicon.svg")).headers["content-type"] == "image/svg+xml"
    missing = await dashboard.client.get("/static/../settings.py")
    assert missing.status_code == 404


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        ("zh", ["园区政务公开", "办事指南", "《环境影响评价法》", "现行有效", "已被替代", "67%"]),
        ("en", ["Open government affairs of the zone", "Procedure catalogue", "in force", "superseded"]),
    ],
)
async def test_the_public_page_shows_policies_catalogue_and_on_time_performance(
    dashboard: Dashboard, lang: str, texts: list[str]
) -> None:
    await dashboard.shows_sample_zone()
    page = await dashboard.client.get(f"/public?lang={lang}")
    assert page.status_code == 200
    for text in texts:
        assert text in page.text
    public = (await dashboard.client.get("/api/public")).json()
    assert [s["code"] for s in public["catalogue"]][:2] == ["project_approval", "land_use"]
    assert public["catalogue_policy"]["policy_id"] == "catalogue"
    assert (await dashboard.client.get("/public?lang=fr")).status_code == 422


def _resolve(document: dict[str, object], ref: str) -> object:
    node: object = document
    for part in ref.removeprefix("#/").split("/"):
        assert isinstance(node, dict) and part in node, f"unresolved $ref {ref}"
        node = node[part]
    return node


def _refs(node: object) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in _refs(value)]
    return []


async def test_the_asyncapi_document_names_topics_messages_producers_and_consumers(
    dashboard: Dashboard,
) -> None:
    document = (await dashboard.client.get("/asyncapi.json")).json()
    assert document["asyncapi"] == "3.0.0"
    assert {c["address"] for c in document["channels"].values()} == {
        "park.headquarters.events",
        "park.service-center.events",
        "park.industrial-co.events",
        "park.investment.events",
    }
    for ref in _refs(document):
        _resolve(document, ref)
    signed = document["components"]["messages"]["park.investment.LeadSigned.v1"]
    assert signed["x-producer"] == "investment"
    assert {"service-center", "dashboard"} <= set(signed["x-consumers"])
    payload = _resolve(document, signed["payload"]["$ref"])
    assert isinstance(payload, dict) and "signed_amount" in payload["required"]
    headers = document["components"]["schemas"]["CloudEventsHeaders"]
    assert {"ce_id", "ce_source", "ce_type", "ce_subject", "ce_time"} <= set(headers["required"])
    receive = document["operations"]["service-center.receive.investment"]
    assert receive["action"] == "receive" and receive["channel"] == {"$ref": "#/channels/investment"}
