"""The published contract: exactly the industrial-co events of docs/events.md with exactly
their fields, JSON Schemas for every event, the OpenAPI paths, and settings that refuse the
development pseudonym key in production."""

from __future__ import annotations

import pytest
from ic_testkit import Driver
from park_industrial_co.contract import contract
from park_industrial_co.settings import IndustrialCoSettings
from pydantic import ValidationError

CONTRACT = {
    "OfferingOpened": ["offering_id", "title", "target_amount", "unit_price", "opens_on", "closes_on"],
    "SubscriptionPaid": ["offering_id", "subscription_id", "investor_type", "amount"],
    "ProjectPlanned": ["project_id", "name", "kind", "parcel_ids", "budget", "planned_on"],
    "OfferingClosed": [
        "offering_id", "title", "target_amount", "raised_amount", "shares_issued", "holders", "closed_on",
    ],
    "ProjectMilestoneReached": ["project_id", "milestone", "progress_percent", "on"],
    "InfrastructureCompleted": ["project_id", "kind", "parcel_ids", "completed_on"],
    "FacilityRegistered": [
        "facility_id", "kind", "name", "capacity", "hours", "fee_code", "per_unit_hour", "registered_on",
    ],
    "FacilityBooked": [
        "facility_id", "booking_id", "enterprise_id", "park_id", "units", "start", "end", "fee_code",
        "schedule_version", "fee", "booked_at",
    ],
    "BookingCancelled": ["facility_id", "booking_id", "enterprise_id", "cancelled_at", "fee_kept"],
    "LandCompensationPaid": ["payment_id", "case_id", "collective_id", "amount", "paid_on"],
}  # fmt: skip
PUBLIC_EVENTS = contract().publishes
public_types = contract().published_types
registry = contract().registry()


def test_the_published_events_are_the_contracts_with_its_fields() -> None:
    assert {e.__name__: list(e.model_fields) for e in PUBLIC_EVENTS} == CONTRACT
    assert public_types() == {f"park.industrial-co.{name}.v1" for name in CONTRACT}
    schemas = registry.json_schemas()
    assert "park.headquarters.ParcelRegistered.v1" in schemas
    assert all(schemas[t]["type"] == "object" for t in public_types())


async def test_the_openapi_names_every_resource(driver: Driver) -> None:
    paths = (await driver.client.get("/openapi.json")).json()["paths"]
    for path in (
        "/offerings",
        "/offerings/{offering_id}/subscriptions",
        "/offerings/{offering_id}/register",
        "/infrastructure-projects",
        "/infrastructure-projects/{project_id}/award",
        "/infrastructure-projects/{project_id}/payments",
        "/ledger",
        "/parcels",
        "/shared-facilities",
        "/shared-facilities/{facility_id}/bookings/{booking_id}/cancel",
        "/land-compensations/{case_id}/payments",
    ):
        assert path in paths


def test_production_refuses_the_development_pseudonym_key() -> None:
    jwks = {"ic": "https://keys.invalid/ic/jwks.json"}
    with pytest.raises(ValidationError, match="IC_PSEUDONYM_KEY"):
        IndustrialCoSettings(park_env="production", park_jwks=jwks)
    settings = IndustrialCoSettings(park_env="production", park_jwks=jwks, ic_pseudonym_key="k" * 40)
    assert settings.ic_pseudonym_key.get_secret_value() == "k" * 40
