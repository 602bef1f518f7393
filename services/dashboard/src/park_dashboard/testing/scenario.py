"""A small zone as the four services would describe it in events: two parks, policies, leads on
three platforms, cases with steps on time and late, offerings, infrastructure, parcels."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import orjson
from park_shared.backends import open_bus
from park_shared.envelope import Envelope
from park_shared.settings import ParkSettings

from park_dashboard.testing import (
    sample_hq,
    sample_law,
    sample_market,
    sample_resources,
    sample_service,
    sample_zone_investment,
)

__all__ = ["SampleEvent", "publish", "sample_zone"]


@dataclass(frozen=True)
class SampleEvent:
    service: str
    name: str
    """`EventName.vN`."""
    subject: str
    data: dict[str, Any]
    id: str = field(default_factory=lambda: uuid.uuid4().hex)

    @property
    def type(self) -> str:
        return f"park.{self.service}.{self.name}"

    def envelope(self) -> Envelope:
        return Envelope(
            id=self.id,
            source=f"/park/{self.service}",
            type=self.type,
            subject=self.subject,
            time=datetime.now(UTC).isoformat(),
            data=orjson.dumps(self.data),
            correlation_id=self.id,
            causation_id=self.id,
            actor=f"{self.service}:sample",
        )


def sample_zone(today: date) -> list[SampleEvent]:
    """The whole sample, in an order the services could have published it."""

    def day(n: int) -> str:
        return (today - timedelta(days=n)).isoformat()

    rows = [
        *sample_hq.events(day),
        *sample_zone_investment.events(day),
        *sample_service.events(day),
        *sample_market.events(day),
        *sample_law.events(day),
        *sample_resources.events(day),
    ]
    return [SampleEvent(service, name, subject, data) for service, name, subject, data in rows]


async def publish(settings: ParkSettings, events: Sequence[SampleEvent], *, times: int = 1) -> None:
    """Puts the events on their services' topics (as each service's relay would), in one go."""
    topics = sorted({settings.topic(e.service) for e in events})
    bus = await open_bus("sample-publisher", settings, topics)
    try:
        messages = [e.envelope().to_message(settings.topic(e.service)) for e in events for _ in range(times)]
        await bus.publish(messages)
    finally:
        await bus.close()
