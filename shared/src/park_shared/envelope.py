"""CloudEvents 1.0 in Kafka binary mode: ce_* headers, key = aggregate id, JSON value."""

from __future__ import annotations

from dataclasses import dataclass

from park_shared.bus.port import Message
from park_shared.events import EventMeta, RecordedEvent

__all__ = ["Envelope", "InvalidEnvelope"]

REQUIRED = ("ce_id", "ce_source", "ce_type", "ce_specversion")


class InvalidEnvelope(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Envelope:
    """An event as it travels: the CloudEvents attributes, our extensions and the data."""

    id: str
    source: str
    type: str
    subject: str
    time: str
    data: bytes
    correlation_id: str
    causation_id: str
    actor: str = "system"
    traceparent: str | None = None
    sequence: int = 0

    @classmethod
    def of(cls, service: str, event: RecordedEvent) -> Envelope:
        meta = event.meta
        return cls.carrying(service, event, meta, meta.traceparent)

    @classmethod
    def carrying(cls, service: str, event: RecordedEvent, m: EventMeta, traceparent: str | None) -> Envelope:
        """`of(service, event)` given the event's metadata `m` (`event.meta`, read once), with
        `traceparent` in place of its own."""
        return cls(
            id=m.event_id,
            source=f"/park/{service}",
            type=event.type,
            subject=event.stream_id,
            time=m.occurred_at,
            data=event.data,
            correlation_id=m.correlation_id,
            causation_id=m.causation_id,
            actor=m.actor,
            traceparent=traceparent,
            sequence=event.version,
        )

    @property
    def service(self) -> str:
        return self.source.rsplit("/", 1)[-1]

    def to_message(self, topic: str) -> Message:
        headers = [
            ("ce_specversion", "1.0"),
            ("ce_id", self.id),
            ("ce_source", self.source),
            ("ce_type", self.type),
            ("ce_subject", self.subject),
            ("ce_time", self.time),
            ("ce_correlationid", self.correlation_id),
            ("ce_causationid", self.causation_id),
            ("ce_actor", self.actor),
            ("ce_sequence", str(self.sequence)),
            ("content-type", "application/json"),
        ]
        if self.traceparent:
            headers.append(("traceparent", self.traceparent))
        return Message(
            topic=topic,
            key=self.subject,
            value=self.data,
            headers=tuple((k, v.encode()) for k, v in headers),
        )

    @classmethod
    def from_message(cls, message: Message) -> Envelope:
        h = {k: v.decode(errors="replace") for k, v in message.headers}
        missing = [name for name in REQUIRED if not h.get(name)]
        if missing:
            raise InvalidEnvelope(f"missing CloudEvents headers: {', '.join(missing)}")
        if h["ce_specversion"] != "1.0":
            raise InvalidEnvelope(f"unsupported specversion {h['ce_specversion']}")
        return cls(
            id=h["ce_id"],
            source=h["ce_source"],
            type=h["ce_type"],
            subject=h.get("ce_subject", message.key),
            time=h.get("ce_time", ""),
            data=message.value,
            correlation_id=h.get("ce_correlationid", h["ce_id"]),
            causation_id=h.get("ce_causationid", h["ce_id"]),
            actor=h.get("ce_actor", "system"),
            traceparent=h.get("traceparent"),
            sequence=int(h.get("ce_sequence", "0") or 0),
        )

    def meta(self) -> EventMeta:
        return EventMeta(
            self.id, self.time, self.correlation_id, self.causation_id, self.actor, self.traceparent
        )
