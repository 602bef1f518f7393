"""What the gate calls incompatible: each rule on two versions of a small event."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Literal

import pytest
from park_shared.events import Event, EventRegistry, ForeignEvent
from parkctl.contracts import Catalog, reading_mismatches
from parkctl.contracts.cli import main
from parkctl.contracts.compat import breaking_changes, compare
from parkctl.contracts.schemas import reading_schema, wire_schema
from parkctl.contracts.snapshot import explain
from pydantic import BaseModel


class Line(BaseModel):
    fee_code: str
    amount: Decimal


class Signed(Event):
    lead_id: str
    signed_amount: Decimal
    signed_on: date
    platform: Literal["online", "merchant"]
    lines: tuple[Line, ...] = ()


def schema_of(model: type[BaseModel]) -> dict[str, object]:
    return wire_schema(model)


def test_adding_an_optional_field_passes() -> None:
    class Added(Signed):
        note: str | None = None
        tags: tuple[str, ...] = ()

    assert compare(schema_of(Signed), schema_of(Added)) == []


def test_a_removed_field_fails() -> None:
    class Removed(Event):
        lead_id: str
        signed_on: date
        platform: Literal["online", "merchant"]
        lines: tuple[Line, ...] = ()

    assert compare(schema_of(Signed), schema_of(Removed)) == ["field 'signed_amount' removed"]


def test_a_changed_type_fails() -> None:
    class Retyped(Signed):
        signed_amount: int  # type: ignore[assignment]

    assert compare(schema_of(Signed), schema_of(Retyped)) == [
        "field 'signed_amount' changed type from string to integer"
    ]


def test_a_new_required_field_fails() -> None:
    class Demanding(Signed):
        park_id: str

    assert compare(schema_of(Signed), schema_of(Demanding)) == ["new required field 'park_id' (string)"]


def test_changes_inside_list_items_and_new_enum_values_fail() -> None:
    class OtherLine(BaseModel):
        fee_code: int
        amount: Decimal

    class Changed(Signed):
        platform: Literal["online", "merchant", "all_staff"]  # type: ignore[assignment]
        lines: tuple[OtherLine, ...] = ()  # type: ignore[assignment]

    changes = compare(schema_of(Signed), schema_of(Changed))
    assert "field 'platform' allows new values: all_staff" in changes
    assert "field 'lines[].fee_code' changed type from string to integer" in changes


def test_a_nullable_or_optional_field_is_a_change_for_its_readers() -> None:
    class Loosened(Event):
        lead_id: str
        signed_amount: Decimal | None
        signed_on: date | None = None
        platform: Literal["online", "merchant"]
        lines: tuple[Line, ...] = ()

    assert compare(schema_of(Signed), schema_of(Loosened)) == [
        "field 'signed_amount' changed type from string to null|string",
        "field 'signed_on' changed type from string(date) to null|string(date)",
        "field 'signed_on' is no longer required",
    ]


def test_the_message_names_the_event_and_the_change() -> None:
    class Removed(Event):
        lead_id: str

    problems = breaking_changes(
        {
            "park.investment.LeadSigned.v1": schema_of(Signed),
            "park.investment.LeadLost.v1": schema_of(Removed),
        },
        {"park.investment.LeadSigned.v1": schema_of(Removed)},
    )
    message = explain(problems)
    assert "park.investment.LeadSigned.v1: field 'signed_amount' removed" in message
    assert "park.investment.LeadLost.v1: the event type is gone" in message
    assert "park-contracts snapshot" in message


def test_a_reading_that_needs_more_than_the_producer_promises_is_named() -> None:
    class Reading(ForeignEvent):
        lead_id: str
        signed_amount: Decimal
        signed_on: str
        referrer_id: str

    assert reading_mismatches(reading_schema(Reading), schema_of(Signed)) == [
        "reads required field 'referrer_id' that the producer does not publish"
    ]

    class Strict(ForeignEvent):
        platform: Literal["online"]

    assert reading_mismatches(reading_schema(Strict), schema_of(Signed)) == [
        "reads 'platform' as one of ['online'] but the producer may write merchant"
    ]


def _catalog(model: type[Event]) -> Catalog:
    registry = EventRegistry("investment")
    registry.add("park.investment.LeadSigned.v1", model)
    return Catalog.of({"investment": registry})


def test_the_refresh_command_and_the_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Removed(Event):
        lead_id: str

    monkeypatch.setattr("parkctl.contracts.cli.load_catalog", lambda: _catalog(Signed))
    assert main(["snapshot", "--dir", str(tmp_path), "--asyncapi", str(tmp_path / "asyncapi.json")]) == 0
    saved = json.loads((tmp_path / "schemas.json").read_text())
    assert list(saved["events"]) == ["park.investment.LeadSigned.v1"]
    assert json.loads((tmp_path / "asyncapi.json").read_text())["asyncapi"] == "3.0.0"
    assert main(["check", "--snapshot", str(tmp_path / "schemas.json")]) == 0
    monkeypatch.setattr("parkctl.contracts.cli.load_catalog", lambda: _catalog(Removed))
    assert main(["check", "--snapshot", str(tmp_path / "schemas.json")]) == 1
