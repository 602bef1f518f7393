"""The outbox relay's publish, traced: one span per event in the trace of the command that
stored it (its stored traceparent), whose own traceparent the message carries, so that the
consuming service continues that trace. The batch the relay sends is one span of its own
(the parent of aiokafka's send spans); each event's span links to it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from opentelemetry import trace
from opentelemetry.trace import Link, SpanKind, Status, StatusCode

from park_shared.bus.port import Message
from park_shared.envelope import Envelope
from park_shared.events import RecordedEvent
from park_shared.telemetry.context import (
    CurrentSpan,
    parent_context,
    traceparent_of,
    tracer,
    tracing_enabled,
)

__all__ = ["published_messages"]


@contextmanager
def published_messages(service: str, topic: str, events: Sequence[RecordedEvent]) -> Iterator[list[Message]]:
    """The messages of `events`; while tracing, each in a publish span that ends when the
    block does (after the broker's acknowledgement), with the error if the block fails."""
    if not tracing_enabled():
        yield [Envelope.of(service, e).to_message(topic) for e in events]
        return
    spans: list[trace.Span] = []
    with CurrentSpan(
        tracer().start_span(
            f"outbox relay {topic}", kind=SpanKind.INTERNAL, attributes={"park.events": len(events)}
        )
    ) as batch:
        try:
            links = [Link(batch.get_span_context())]
            messages = []
            for event in events:
                meta = event.meta
                span = tracer().start_span(
                    f"publish {event.type}",
                    context=parent_context(meta.traceparent),  # none stored: a child of the batch
                    kind=SpanKind.PRODUCER,
                    links=links,
                    attributes={
                        "messaging.destination.name": topic,
                        "messaging.message.id": meta.event_id,
                        "park.stream_id": event.stream_id,
                        "park.position": event.position,
                    },
                )
                spans.append(span)
                envelope = Envelope.carrying(service, event, meta, traceparent_of(span))
                messages.append(envelope.to_message(topic))
            yield messages
        except BaseException as exc:
            _end(spans, exc)
            raise
        _end(spans, None)


def _end(spans: list[trace.Span], exc: BaseException | None) -> None:
    """The publish spans ended, the last first, with the error (any) that left the block
    recorded on each (as an ExitStack of them ended them)."""
    for span in reversed(spans):
        if exc is not None:
            span.record_exception(exc)
            span.set_status(Status(StatusCode.ERROR, f"{type(exc).__name__}: {exc}"))
        span.end()
