"""Reading one message: an observation, or why it is unreadable (pure)."""

from __future__ import annotations

import pytest
from park_dashboard.application.intake import Unreadable, observe
from park_dashboard.testing import SampleEvent
from park_shared.bus.port import Message

TOPICS = {"park.investment.events": "investment", "park.headquarters.events": "headquarters"}
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


@pytest.mark.parametrize(
    ("event", "topic", "value", "reason"),
    [
        (
            SampleEvent("investment", "LeadLost.v1", "l", LOST),
            "park.headquarters.events",
            None,
            "not its owner",
        ),
        (
            SampleEvent("headquarters", "LeadLost.v1", "l", LOST),
            "park.investment.events",
            None,
            "not its owner",
        ),
        (SampleEvent("investment", "LeadLost.v1", "l", LOST), "park.investment.events", b"{oops", "not JSON"),
        (SampleEvent("investment", "LeadLost.v1", "l", LOST), "park.investment.events", b"[1]", "JSON list"),
        (
            SampleEvent("investment", "LeadLost.v1", "l", {"reason": "x"}),
            "park.investment.events",
            None,
            "invalid park.investment.LeadLost.v1: lead_id (missing)",
        ),
        (
            SampleEvent("investment", "LeadLost.v2", "l", LOST),
            "park.investment.events",
            None,
            "unknown version of a read event",
        ),
        (
            SampleEvent("investment", "lead lost", "l", LOST),
            "park.investment.events",
            None,
            "not a park event type",
        ),
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
