"""The suite's own spans, started by a leaner path than the OpenTelemetry SDK's.

The SDK's `Tracer.start_span` spends most of its time on what these spans never need: each
attribute value checked and copied one by one under a lock, the trace flags built anew, the
sampling decision compared by enum membership. `LeanTracer` is the SDK tracer of the process's
provider (same sampler, id generator, span processors, resource, limits and scope) whose
`start_span` takes the same steps with plain values (the decision of a parent-based sampler
telemetry/sampling.py knows written out: the parent's, or for a new trace its trace id's low
bits under the root's bound; any other sampler asked). A sampled span is the suite's own
`RecordingSpan` (telemetry/recording.py), which keeps plainly valid attributes as they are and
anything else through the SDK's own checks; what the processors and exporters receive when it
ends is the SDK's `ReadableSpan` with the fields the SDK's span would have given them
(shared/tests/test_lean_spans.py compares the two paths field by field). When the provider's
only processor is PARK_TELEMETRY=otlp's (decided once per tracer, with the sampler), a span is
started by the shorter steps of telemetry/otlp_spans.py (a sampled one a `DirectSpan`, ended
by them too)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from random import getrandbits
from types import MethodType

from opentelemetry import trace as trace_api
from opentelemetry.context import Context, get_current
from opentelemetry.sdk.trace import Tracer
from opentelemetry.sdk.trace._tracer_metrics import NoOpTracerMetrics
from opentelemetry.sdk.trace.id_generator import RandomIdGenerator
from opentelemetry.sdk.trace.sampling import Decision
from opentelemetry.trace import INVALID_SPAN_CONTEXT, SpanKind, TraceFlags
from opentelemetry.trace.propagation import _SPAN_KEY
from opentelemetry.util import types

from park_shared.telemetry.otlp_spans import DirectSpan, LazyAttributes, direct_of, start_direct
from park_shared.telemetry.recording import (
    RecordingSpan,
    started,
)
from park_shared.telemetry.sampling import TRACE_ID_LOW_BITS, root_bound

__all__ = ["LeanTracer"]

_FLAGS = {
    (sampled, random): TraceFlags(
        (TraceFlags.SAMPLED if sampled else TraceFlags.DEFAULT)
        | (TraceFlags.RANDOM_TRACE_ID if random else 0)
    )
    for sampled in (False, True)
    for random in (False, True)
}


class LeanTracer(Tracer):
    """The SDK `tracer`'s own state, with a leaner `start_span` (the same steps)."""

    def __init__(self, tracer: Tracer) -> None:
        self.__dict__.update(tracer.__dict__)
        self._direct = direct_of(tracer)
        self._random_ids = type(self.id_generator) is RandomIdGenerator
        self._metrics = None if type(self._tracer_metrics) is NoOpTracerMetrics else self._tracer_metrics
        self._root_bound = root_bound(self.sampler)
        limits = self._span_limits
        fast = (
            self._direct is not None
            and self._random_ids
            and self._root_bound is not None
            and self._metrics is None
            and limits.max_span_attribute_length is None
        )
        self._max_attributes = limits.max_span_attributes
        self._direct_start = fast
        if fast:  # its start_span, without a call between
            setattr(self, "start_span", MethodType(start_direct, self))  # noqa: B010 - an instance's method

    def start_span_lazily(
        self, name: str, context: Context | None, kind: SpanKind, attributes: Callable[[], types.Attributes]
    ) -> trace_api.Span:
        """`start_span(name, context, kind, attributes())`, where the direct path makes the
        attributes only for a span it records (a span its sampler drops never needs them)."""
        if self._direct_start:
            return start_direct(self, name, context, kind, LazyAttributes(attributes))
        return self.start_span(name, context, kind, attributes())

    def start_span(
        self,
        name: str,
        context: Context | None = None,
        kind: SpanKind = SpanKind.INTERNAL,
        attributes: types.Attributes = None,
        links: Sequence[trace_api.Link] | None = (),
        start_time: int | None = None,
        record_exception: bool = True,
        set_status_on_exception: bool = True,
    ) -> trace_api.Span:
        """The general steps (a tracer that can start spans the direct way has `start_direct`
        bound as its `start_span` instead)."""
        return self._start_span(
            name, context, kind, attributes, links, start_time, record_exception, set_status_on_exception
        )

    def _start_span(
        self,
        name: str,
        context: Context | None,
        kind: SpanKind,
        attributes: types.Attributes,
        links: Sequence[trace_api.Link] | None,
        start_time: int | None,
        record_exception: bool,
        set_status_on_exception: bool,
    ) -> trace_api.Span:
        links = links or ()
        current = (context if context is not None else get_current()).get(_SPAN_KEY)
        parent: trace_api.SpanContext | None = (
            current.get_span_context() if isinstance(current, trace_api.Span) else INVALID_SPAN_CONTEXT
        )
        if parent is not None and not isinstance(parent, trace_api.SpanContext):
            raise TypeError("parent_span_context must be a SpanContext or None.")
        if not self._tracer_config.is_enabled:
            return trace_api.NonRecordingSpan(context=parent)  # type: ignore[arg-type]  # as the SDK
        if parent is None or not parent.is_valid:
            parent = None
            if self._random_ids:
                trace_id = getrandbits(128) or self.id_generator.generate_trace_id()
                random = True
            else:
                trace_id = self.id_generator.generate_trace_id()
                random = self.id_generator.is_trace_id_random()
        else:
            trace_id = parent.trace_id
            random = parent.trace_flags.random_trace_id
        bound = self._root_bound
        if bound is not None:  # a parent-based sampler telemetry/sampling.py knows: its decision, written out
            if parent.trace_flags.sampled if parent is not None else trace_id & TRACE_ID_LOW_BITS < bound:
                decision = Decision.RECORD_AND_SAMPLE
            else:
                decision, attributes = Decision.DROP, None
            trace_state = parent.trace_state if parent is not None else None
        else:
            sampling = self.sampler.should_sample(context, trace_id, name, kind, attributes, links)
            decision, attributes, trace_state = sampling.decision, sampling.attributes, sampling.trace_state
        if self._random_ids:  # the RandomIdGenerator's draw: its call again only for a zero
            span_id = getrandbits(64) or self.id_generator.generate_span_id()
        else:
            span_id = self.id_generator.generate_span_id()
        span_context = trace_api.SpanContext(
            trace_id,
            span_id,
            is_remote=False,
            trace_flags=_FLAGS[decision is Decision.RECORD_AND_SAMPLE, bool(random)],
            trace_state=trace_state,
        )
        metrics = self._metrics
        record_end_metrics = metrics.start_span(parent, decision) if metrics is not None else None
        if decision is Decision.DROP:
            return trace_api.NonRecordingSpan(context=span_context)
        direct = self._direct
        # a span of a provider whose only processor does nothing at the start: not told
        only_otlp = (
            direct is not None
            and decision is Decision.RECORD_AND_SAMPLE
            and self.span_processor._span_processors is direct.processors
        )
        span = (DirectSpan if only_otlp else RecordingSpan)(
            name,
            span_context,
            parent,
            self,
            attributes,
            kind,
            links,
            record_exception,
            set_status_on_exception,
            record_end_metrics,
            start_time,
        )
        if only_otlp:
            return span
        return started(span, context)
