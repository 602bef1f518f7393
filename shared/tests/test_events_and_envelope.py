"""Event types: versioned names, upcasting of old versions, JSON Schemas; the CloudEvents envelope."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

import orjson
import pytest
from park_shared.bus.port import Message
from park_shared.envelope import Envelope, InvalidEnvelope
from park_shared.events import (
    Event,
    EventMeta,
    EventRegistry,
    ForeignEvent,
    RecordedEvent,
    UnknownEventType,
    new_id,
)

registry = EventRegistry("investment")


@registry.event("LeadSigned", version=2)
class LeadSigned(Event):
    lead_id: str
    signed_amount: str
    currency: str


@registry.upcaster("park.investment.LeadSigned.v1", "park.investment.LeadSigned.v2")
def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    return {"lead_id": data["lead"], "signed_amount": data["amount"], "currency": "CNY"}


def test_an_event_type_name_carries_service_name_and_version() -> None:
    event = LeadSigned(lead_id="L1", signed_amount="10.00", currency="CNY")
    type_, data = registry.encode(event)
    assert type_ == "park.investment.LeadSigned.v2"
    assert registry.decode(type_, data) == event


def test_an_old_version_is_upcast_on_read() -> None:
    old = orjson.dumps({"lead": "L1", "amount": "99.50"})
    assert registry.decode("park.investment.LeadSigned.v1", old) == LeadSigned(
        lead_id="L1", signed_amount="99.50", currency="CNY"
    )


def test_an_unknown_type_is_refused_by_name() -> None:
    with pytest.raises(UnknownEventType, match=r"park.investment.LeadSigned.v3"):
        registry.decode("park.investment.LeadSigned.v3", b"{}")


def test_own_events_refuse_unknown_fields_foreign_ones_ignore_them() -> None:
    reader = EventRegistry("service-center")

    @reader.foreign("investment", "LeadSigned", 2)
    class SignedLead(ForeignEvent):
        lead_id: str

    data = b'{"lead_id": "L1", "signed_amount": "1.00", "currency": "CNY", "new_field": 1}'
    assert reader.decode("park.investment.LeadSigned.v2", data) == SignedLead(lead_id="L1")
    with pytest.raises(ValueError, match="new_field"):
        registry.decode("park.investment.LeadSigned.v2", data)


def test_every_registered_type_exports_its_json_schema() -> None:
    schemas = registry.json_schemas()
    assert set(schemas) == {"park.investment.LeadSigned.v2"}
    assert schemas["park.investment.LeadSigned.v2"]["required"] == ["lead_id", "signed_amount", "currency"]


def test_registering_two_models_under_one_type_is_refused() -> None:
    with pytest.raises(ValueError, match="registered twice"):

        @registry.event("LeadSigned", version=2)
        class Other(Event):
            pass


def recorded() -> RecordedEvent:
    meta = EventMeta(
        "evt-1",
        "2026-11-29T10:00:00+08:00",
        "corr-1",
        "cause-1",
        "inv:inv.officer:wang",
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
    )
    return RecordedEvent(
        42, "lead-7", 3, "park.investment.LeadSigned.v2", b'{"lead_id":"lead-7"}', meta.to_json()
    )


def test_an_event_travels_as_a_cloudevent_in_kafka_binary_mode() -> None:
    message = Envelope.of("investment", recorded()).to_message("park.investment.events")
    headers = {k: v.decode() for k, v in message.headers}

    assert message.key == "lead-7" and message.topic == "park.investment.events"
    assert message.value == b'{"lead_id":"lead-7"}'
    assert headers["ce_specversion"] == "1.0" and headers["ce_id"] == "evt-1"
    assert headers["ce_source"] == "/park/investment"
    assert headers["ce_type"] == "park.investment.LeadSigned.v2"
    assert headers["ce_subject"] == "lead-7" and headers["content-type"] == "application/json"
    assert headers["traceparent"] == "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
    assert headers["ce_correlationid"] == "corr-1" and headers["ce_causationid"] == "cause-1"


@pytest.mark.parametrize("traceparent", ["00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", None])
def test_an_envelope_carrying_another_traceparent_is_the_event_s_with_only_that_replaced(
    traceparent: str | None,
) -> None:
    event = recorded()
    carrying = Envelope.carrying("investment", event, event.meta, traceparent)
    assert carrying == dataclasses.replace(Envelope.of("investment", event), traceparent=traceparent)


def test_an_envelope_read_back_from_its_message_is_the_same() -> None:
    envelope = Envelope.of("investment", recorded())
    assert Envelope.from_message(envelope.to_message("t")) == envelope
    assert envelope.meta() == recorded().meta


def test_a_message_without_the_required_headers_is_refused_with_their_names() -> None:
    with pytest.raises(InvalidEnvelope, match="ce_id, ce_source, ce_type"):
        Envelope.from_message(Message("t", "k", b"{}", (("ce_specversion", b"1.0"),)))
    with pytest.raises(InvalidEnvelope, match=r"specversion 0\.3"):
        Envelope.from_message(
            Message(
                "t",
                "k",
                b"{}",
                (("ce_specversion", b"0.3"), ("ce_id", b"1"), ("ce_source", b"/x"), ("ce_type", b"y")),
            )
        )


def test_a_new_id_is_a_random_version_4_uuid_in_hex_as_uuid4_hex_gives() -> None:
    ids = [new_id() for _ in range(2000)]
    assert len(set(ids)) == len(ids)
    for id_ in ids:
        parsed = uuid.UUID(hex=id_)
        assert (parsed.version, parsed.variant, parsed.hex) == (4, uuid.RFC_4122, id_)
    # every bit outside the version and the variant varies
    fixed = ~((0xF000 << 64) | (0xC000 << 48)) & (2**128 - 1)
    ones = zeros = 0
    for id_ in ids:
        ones |= int(id_, 16) & fixed
        zeros |= ~int(id_, 16) & fixed
    assert ones == zeros == fixed
