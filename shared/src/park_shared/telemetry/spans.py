"""The suite's own spans, started by a leaner path through the OpenTelemetry SDK.

The SDK's `Tracer.start_span` spends most of its time on what these spans never need: each
attribute value checked and copied one by one under a lock, the trace flags built anew, the
sampling decision compared by enum membership. `LeanTracer` is the SDK tracer of the process's
provider (same sampler, id generator, span processors, resource, limits and scope) whose
`start_span` takes the same steps with plain values (the default sampler's decision written
out: the parent's, or sampled for a new trace): attributes that are already what the
SDK would store (str, bool, int, float; a list or tuple of str, stored as a tuple) go in as
they are, anything else (or span limits on value lengths, or more attributes than the limit)
through the SDK's own checks. The span is the SDK's span class: what it records, how it ends,
what the processors and exporters receive is the SDK's (shared/tests/test_lean_spans.py
compares the two paths field by field)."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import Any

from opentelemetry import trace as trace_api
from opentelemetry.attributes import BoundedAttributes
from opentelemetry.context import Context
from opentelemetry.sdk.trace import ReadableSpan, Tracer, _Span
from opentelemetry.sdk.trace.sampling import DEFAULT_ON, Decision
from opentelemetry.trace import SpanKind, TraceFlags
from opentelemetry.util import types

__all__ = ["LeanTracer"]

_PLAIN = frozenset({str, bool, int, float})
_FLAGS = {
    (sampled, random): TraceFlags(
        (TraceFlags.SAMPLED if sampled else TraceFlags.DEFAULT)
        | (TraceFlags.RANDOM_TRACE_ID if random else 0)
    )
    for sampled in (False, True)
    for random in (False, True)
}


def _plain(attributes: Mapping[str, Any]) -> dict[str, Any] | None:
    """The attributes as the SDK would store them, when each is plainly valid; else None."""
    plain: dict[str, Any] = {}
    for key, value in attributes.items():
        if type(key) is not str or not key:
            return None
        kind = type(value)
        if kind in _PLAIN:
            plain[key] = value
        elif (kind is list or kind is tuple) and all(type(v) is str for v in value):
            plain[key] = tuple(value)
        else:
            return None
    return plain


class _LeanSpan(_Span):
    """The SDK's span, its attributes put in as they are when they need no check."""

    def __init__(
        self,
        name: str,
        context: trace_api.SpanContext,
        parent: trace_api.SpanContext | None,
        tracer: Tracer,
        attributes: types.Attributes,
        kind: SpanKind,
        links: Sequence[trace_api.Link],
        record_exception: bool,
        set_status_on_exception: bool,
        record_end_metrics: Any,
    ) -> None:
        ReadableSpan.__init__(
            self,
            name=name,
            context=context,
            parent=parent,
            kind=kind,
            resource=tracer.resource,
            instrumentation_info=tracer.instrumentation_info,
            instrumentation_scope=tracer._instrumentation_scope,
        )
        limits = tracer._span_limits
        self._sampler = tracer.sampler
        self._trace_config = None
        self._record_exception = record_exception
        self._set_status_on_exception = set_status_on_exception
        self._span_processor = tracer.span_processor
        self._limits = limits
        self._lock = threading.Lock()
        self._attributes = _attributes(
            attributes, limits.max_span_attributes, limits.max_span_attribute_length
        )
        self._events = self._new_events()  # type: ignore[no-untyped-call]
        self._links = self._new_links(links)
        self._record_end_metrics = record_end_metrics


def _attributes(
    attributes: types.Attributes, maxlen: int | None, max_value_len: int | None
) -> BoundedAttributes:
    plain = None
    if attributes and max_value_len is None and (maxlen is None or len(attributes) <= maxlen):
        plain = _plain(attributes)
    if plain is None:
        return BoundedAttributes(maxlen, attributes, immutable=False, max_value_len=max_value_len)
    bounded = BoundedAttributes(maxlen, None, immutable=False, max_value_len=max_value_len)
    bounded._dict.update(plain)
    return bounded


class LeanTracer(Tracer):
    """The SDK `tracer`'s own state, with a leaner `start_span` (the same steps)."""

    def __init__(self, tracer: Tracer) -> None:
        self.__dict__.update(tracer.__dict__)

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
        links = links or ()
        parent: trace_api.SpanContext | None = trace_api.get_current_span(context).get_span_context()
        if parent is not None and not isinstance(parent, trace_api.SpanContext):
            raise TypeError("parent_span_context must be a SpanContext or None.")
        if not self._tracer_config.is_enabled:
            return trace_api.NonRecordingSpan(context=parent)  # type: ignore[arg-type]  # as the SDK
        if parent is None or not parent.is_valid:
            parent = None
            trace_id = self.id_generator.generate_trace_id()
            random = self.id_generator.is_trace_id_random()
        else:
            trace_id = parent.trace_id
            random = parent.trace_flags.random_trace_id
        if self.sampler is DEFAULT_ON:  # the default (parentbased_always_on): its decision, written out
            if parent is None or parent.trace_flags.sampled:
                decision = Decision.RECORD_AND_SAMPLE
            else:
                decision, attributes = Decision.DROP, None
            trace_state = parent.trace_state if parent is not None else None
        else:
            sampling = self.sampler.should_sample(context, trace_id, name, kind, attributes, links)
            decision, attributes, trace_state = sampling.decision, sampling.attributes, sampling.trace_state
        span_context = trace_api.SpanContext(
            trace_id,
            self.id_generator.generate_span_id(),
            is_remote=False,
            trace_flags=_FLAGS[decision is Decision.RECORD_AND_SAMPLE, bool(random)],
            trace_state=trace_state,
        )
        record_end_metrics = self._tracer_metrics.start_span(parent, decision)
        if decision is Decision.DROP:
            return trace_api.NonRecordingSpan(context=span_context)
        span = _LeanSpan(
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
        )
        span.start(start_time=start_time, parent_context=context)
        return span
