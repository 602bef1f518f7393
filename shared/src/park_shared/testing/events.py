"""Put another service's events on its topic, as that service would, for reaction tests."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import orjson

from park_shared.backends import open_bus
from park_shared.envelope import Envelope
from park_shared.settings import ParkSettings

__all__ = ["emit"]


async def emit(
    settings: ParkSettings,
    service: str,
    event_type: str,
    data: dict[str, Any],
    subject: str,
    *,
    event_id: str | None = None,
    times: int = 1,
) -> str:
    """Publishes one event (`times` deliveries of the same ce_id) on `service`'s topic."""
    envelope = Envelope(
        id=event_id or uuid.uuid4().hex,
        source=f"/park/{service}",
        type=f"park.{service}.{event_type}" if not event_type.startswith("park.") else event_type,
        subject=subject,
        time=datetime.now(UTC).isoformat(),
        data=orjson.dumps(data),
        correlation_id=uuid.uuid4().hex,
        causation_id=uuid.uuid4().hex,
        actor=f"{service}:test",
    )
    topic = settings.topic(service)
    bus = await open_bus(f"{service}-test-emitter", settings, [topic])
    try:
        await bus.publish([envelope.to_message(topic)] * times)
    finally:
        await bus.close()
    return envelope.id
