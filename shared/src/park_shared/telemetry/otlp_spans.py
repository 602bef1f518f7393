"""The spans of a provider whose only span processor is PARK_TELEMETRY=otlp's (telemetry/batching.py):
each ends straight into its OTLP bytes, written from its own slots, without the SDK's
`ReadableSpan` and without the loops of the provider's `SynchronousMultiSpanProcessor` (whose
only processor does nothing at a span's start and at `_on_ending`).

Whether a tracer's provider is such a one is decided once, when the tracer is made (`Direct`),
and each span checks only that the provider's processors are still that same tuple (a processor
added later makes a new one: from then on every span takes the SDK's path, its start included).
A span told what the plain path does not write (an event, a link added after its start, an
attribute the SDK bounds) ends as the suite's other spans do: its `ReadableSpan` handed to the
processors."""

from __future__ import annotations

from time import time_ns
from typing import TYPE_CHECKING, NamedTuple

from opentelemetry.sdk.trace import SpanProcessor, SynchronousMultiSpanProcessor

from park_shared.telemetry.batching import OtlpBatchSpanProcessor
from park_shared.telemetry.recording import RecordingSpan, logger

if TYPE_CHECKING:
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import Tracer
    from opentelemetry.sdk.util.instrumentation import InstrumentationScope

__all__ = ["Direct", "DirectSpan", "direct_of"]


class Direct(NamedTuple):
    """A tracer whose provider's only span processor is `processor`."""

    processors: tuple[SpanProcessor, ...]  # the provider's, as they were when decided
    processor: OtlpBatchSpanProcessor
    resource: Resource
    scope: InstrumentationScope | None


def direct_of(tracer: Tracer) -> Direct | None:
    """`Direct` when `tracer`'s provider has PARK_TELEMETRY=otlp's processor and no other."""
    multi = tracer.span_processor
    if type(multi) is not SynchronousMultiSpanProcessor:
        return None
    processors = multi._span_processors
    if len(processors) != 1 or type(processors[0]) is not OtlpBatchSpanProcessor:
        return None
    return Direct(processors, processors[0], tracer.resource, tracer._instrumentation_scope or None)


class DirectSpan(RecordingSpan):
    """A sampled span of a `Direct` tracer (the suite's `LeanTracer`)."""

    __slots__ = ()

    def end(self, end_time: int | None = None) -> None:
        if self._end_time is not None:
            logger.warning("Calling end() on an ended span.")
            return
        self._end_time = end_time if end_time is not None else time_ns()
        if self._record_end_metrics:
            self._record_end_metrics()
        direct: Direct = self._tracer._direct  # type: ignore[attr-defined]
        if (
            type(self._attributes) is dict
            and type(self._events) is tuple
            and type(self._links) is tuple
            and self._tracer.span_processor._span_processors is direct.processors
        ):
            direct.processor.on_recorded(self, direct.resource, direct.scope)
        else:
            self._hand_over()
