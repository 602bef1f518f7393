"""Reading one message: an observation, or why it is unreadable (pure)."""

from __future__ import annotations

import pytest
from park_dashboard.application.intake import Unreadable, observe
from park_dashboard.testing import SampleEvent
from park_shared.bus.port import Message

INV = "park.investment.events"
TOPICS = {INV: "investment", "park.headquarters.events": "headquarters"}
LOST = {"lead_id": "lead-1", "reason": "moved away", "stage": "contacted"}


def message(event: SampleEvent, topic: str = "park.investment.events", **changes: object) -> Message:
    base = event.envelope().to_message(topic)
    return Message(topic, base.key, changes.get("value", base.value), changes.get("headers", base.headers))  # type: ignore[arg-type]


def test_a_well_formed_event_is_observed_with_its_attributes_and_data() -> None:
    event = SampleEvent("investment", "LeadLost.v1", "lead-1", LOST)
    observed = observe(message(event), TOPICS)
    assert (observed.id, observed.type, observed.service, observed.subject) == (
        event.id,
        "park.investment.LeadLost.v1",
        "investment",
        "lead-1",
    )
    assert observed.data == LOST


def test_an_event_type_the_dashboard_does_not_read_is_still_observed_for_the_feed() -> None:
    event = SampleEvent("investment", "ReferrerRegistered.v1", "ref-1", {"anything": 1})
    assert observe(message(event), TOPICS).type == "park.investment.ReferrerRegistered.v1"


def lost(service: str = "investment", name: str = "LeadLost.v1", data: dict[str, str] = LOST) -> SampleEvent:
    """A LeadLost event as `service` would publish it (or a wrong name, or wrong data)."""
    return SampleEvent(service, name, "l", data)


@pytest.mark.parametrize(
    ("event", "topic", "value", "reason"),
    [
        (lost(), "park.headquarters.events", None, "not its owner"),
        (lost("headquarters"), INV, None, "not its owner"),
        (lost(), INV, b"{oops", "not JSON"),
        (lost(), INV, b"[1]", "JSON list"),
        (lost(data={"reason": "x"}), INV, None, "invalid park.investment.LeadLost.v1: lead_id (missing)"),
        (lost(name="LeadLost.v2"), INV, None, "unknown version of a read event"),
        (lost(name="lead lost"), INV, None, "not a park event type"),
    ],
)
def test_a_poison_message_is_unreadable_with_a_reason(
    event: SampleEvent, topic: str, value: bytes | None, reason: str
) -> None:
    changes = {"value": value} if value is not None else {}
    with pytest.raises(Unreadable) as refused:
        observe(message(event, topic, **changes), TOPICS)
    assert reason in refused.value.reason
    assert refused.value.event_id == event.id


def test_a_message_without_cloudevents_headers_is_unreadable() -> None:
    event = SampleEvent("investment", "LeadLost.v1", "lead-1", LOST)
    with pytest.raises(Unreadable, match="missing CloudEvents headers: ce_id"):
        observe(message(event, headers=(("ce_type", b"park.investment.LeadLost.v1"),)), TOPICS)
