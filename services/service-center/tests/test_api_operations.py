"""The OpenAPI document, and read models rebuilt from this service's own store alone."""

from typing import Any


async def test_every_resource_is_in_the_openapi_document(driver: Any) -> None:
    paths = (await driver.client.get("/openapi.json")).json()["paths"]
    for path in (
        "/cases", "/cases/{case_id}", "/cases/{case_id}/seal", "/cases/{case_id}/commission",
        "/cases/{case_id}/balance", "/cases/{case_id}/steps/{step_code}/submit",
        "/cases/{case_id}/steps/{step_code}/reopen", "/invoices", "/invoices/{invoice_id}/payments",
        "/invoices/{invoice_id}/waivers", "/tickets", "/tickets/{ticket_id}/assign",
        "/public/procedures", "/public/performance", "/jobs", "/jobs/{vacancy_id}/fills",
        "/jobs/{vacancy_id}/close", "/public/jobs", "/talent-applications",
        "/talent-applications/{application_id}/approve", "/talent-applications/{application_id}/reject",
        "/talent-applications/{application_id}/instalments/{number}/pay",
        "/talent-applications/{application_id}/person/erase", "/public/talent-statistics",
    ):  # fmt: skip
        assert path in paths, path


async def test_read_models_rebuild_from_the_recorded_policy_and_case_events(driver: Any) -> None:
    case_id = (await driver.open_walk_in())["case_id"]
    procedures = (await driver.client.get("/public/procedures")).json()
    cases = (await driver.client.get("/cases", headers=driver.officer)).json()
    runtime = driver.app.state.runtime
    applied = await runtime.projection_runner.rebuild()
    assert applied > 0
    assert (await driver.client.get("/public/procedures")).json() == procedures
    assert (await driver.client.get("/cases", headers=driver.officer)).json() == cases
    assert [c["case_id"] for c in cases] == [case_id]
