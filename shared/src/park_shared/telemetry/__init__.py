"""OpenTelemetry for the suite: one tracer provider per process, chosen by PARK_TELEMETRY, and
the W3C traceparent carried from an HTTP command through the store, the outbox and the bus to
the next service (see README, "Observability").

The trace of one command: the FastAPI server span → `command <Command>` (the handler) →
`store append` (PyMongo's spans inside); the stored events carry the command span's
traceparent; the outbox relay's `publish <type>` span is its child and the message carries
the publish span's traceparent → the consumer's `handle <type>` (and aiokafka's `receive`)
→ `command <Reaction>` → `store append`, and so on through the suite."""

from park_shared.telemetry.context import (
    current_traceparent,
    span_from,
    traceparent_of,
    tracer,
    tracing_enabled,
)
from park_shared.telemetry.setup import instrument_app, memory_exporter, setup_telemetry

__all__ = [
    "current_traceparent",
    "instrument_app",
    "memory_exporter",
    "setup_telemetry",
    "span_from",
    "traceparent_of",
    "tracer",
    "tracing_enabled",
]
