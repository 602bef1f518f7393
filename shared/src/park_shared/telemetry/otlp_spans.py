"""The spans of a provider whose only span processor is PARK_TELEMETRY=otlp's (telemetry/batching.py):
each starts without the SDK's generic steps and ends straight into its OTLP bytes, written from
its own slots, without the SDK's `ReadableSpan` and without the loops of the provider's
`SynchronousMultiSpanProcessor` (whose only processor does nothing at a span's start and at
`_on_ending`).

Whether a tracer's provider is such a one is decided once, when the tracer is made (`Direct`),
and each span checks only that the provider's processors are still that same tuple (a processor
added later makes a new one: from then on every span takes the SDK's path, its start included).
`start_direct` takes the suite tracer's steps for the configuration PARK_TELEMETRY=otlp installs
(a parent-based sampler telemetry/sampling.py decides: the default, parentbased_traceidratio or
parentbased_always_off; random ids, no tracer metrics, no limit on value lengths) with what it
knows: the parent read from the current span of a known class, its flags by bit, the ids drawn
as the `RandomIdGenerator` draws them, the sampler's decision written out, the `SpanContext`
and the span (a dropped one's `NonRecordingSpan`) built without their checks of what is known
valid. A span told what the plain path does not write (an event, a link added after its start,
an attribute the SDK bounds) ends as the suite's other spans do: its `ReadableSpan` handed to
the processors (shared/tests/test_otlp_batching.py compares the bytes posted with the official
encoder's, and the spans with the SDK tracer's; shared/tests/test_sampled_spans.py the spans
started and posted under each sampler with the SDK tracer's)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from random import getrandbits
from time import time_ns
from typing import TYPE_CHECKING, Any, NamedTuple

from opentelemetry import trace as trace_api
from opentelemetry.context import Context, get_current
from opentelemetry.sdk.trace import Span as SdkSpan
from opentelemetry.sdk.trace import SpanProcessor, SynchronousMultiSpanProcessor
from opentelemetry.trace import INVALID_SPAN_CONTEXT, NonRecordingSpan, SpanKind, TraceFlags
from opentelemetry.trace.propagation import _SPAN_KEY
from opentelemetry.trace.span import DEFAULT_TRACE_STATE
from opentelemetry.util import types

from park_shared.telemetry.batching import OtlpBatchSpanProcessor
from park_shared.telemetry.context import CURRENT_CONTEXT
from park_shared.telemetry.recording import (
    UNSET,
    RecordingSpan,
    logger,
    plain_attributes,
    start_attributes,
    start_links,
)
from park_shared.telemetry.sampling import TRACE_ID_LOW_BITS

if TYPE_CHECKING:
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import Tracer
    from opentelemetry.sdk.util.instrumentation import InstrumentationScope

    from park_shared.telemetry.spans import LeanTracer

__all__ = ["Direct", "DirectSpan", "LazyAttributes", "direct_of", "start_direct"]


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


class LazyAttributes(NamedTuple):
    """A span's attributes, made by `make` only when `start_direct` needs them: for a span it
    records, or a sampler it asks (never for a span its sampler's decision drops)."""

    make: Callable[[], types.Attributes]


_SAMPLED = {
    random: TraceFlags(TraceFlags.SAMPLED | (TraceFlags.RANDOM_TRACE_ID if random else 0))
    for random in (False, True)
}
_DROPPED = {random: TraceFlags(TraceFlags.RANDOM_TRACE_ID if random else 0) for random in (False, True)}


class DirectSpan(RecordingSpan):
    """A sampled span of a `Direct` tracer (the suite's `LeanTracer`)."""

    __slots__ = ()

    def end(self, end_time: int | None = None) -> None:
        """`RecordingSpan.end`, handed over in the same call: straight into OTLP bytes while the
        plain path can write it; else as the others are."""
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


_SPANS = frozenset({DirectSpan, RecordingSpan, NonRecordingSpan, SdkSpan})
"""Span classes whose `get_span_context` is their own (a SpanContext); any other current span,
or none, leaves the start to the tracer's general steps."""
_new_span: Any = object.__new__
_new_context = tuple.__new__  # a SpanContext of ids known valid, without its checks


def start_direct(
    tracer: LeanTracer,
    name: str,
    context: Context | None = None,
    kind: SpanKind = SpanKind.INTERNAL,
    attributes: types.Attributes | LazyAttributes = None,
    links: Sequence[trace_api.Link] | None = (),
    start_time: int | None = None,
    record_exception: bool = True,
    set_status_on_exception: bool = True,
) -> trace_api.Span:
    """`tracer.start_span` of a `Direct` tracer under a sampler of telemetry/sampling.py, random
    ids, no tracer metrics and no limit on value lengths (what `tracer` decided once, and then
    bound this as its `start_span`): a span the sampler samples or drops started by these steps
    (the provider's processors checked for each span); anything else by the tracer's general
    steps."""
    direct = tracer._direct
    parent: Any = None
    enabled = direct is not None and tracer._tracer_config.is_enabled
    if enabled and tracer.span_processor._span_processors is direct.processors:  # type: ignore[union-attr]
        if context is not None:
            current: Any = context.get(_SPAN_KEY)
        else:  # the current context, read as `get_current` reads it
            current = (CURRENT_CONTEXT.get() if CURRENT_CONTEXT is not None else get_current()).get(_SPAN_KEY)
        if current is None:
            parent = INVALID_SPAN_CONTEXT
        elif type(current) in _SPANS and type(current._context) is trace_api.SpanContext:
            parent = current._context  # what their get_span_context returns
    if parent is None:
        if isinstance(attributes, LazyAttributes):
            attributes = attributes.make()
        return tracer._start_span(
            name, context, kind, attributes, links, start_time, record_exception, set_status_on_exception
        )
    if parent[5]:  # valid: its trace continued, sampled as it is
        trace_id, trace_state, flags = parent[0], parent[4], parent[3]
        random = bool(flags & TraceFlags.RANDOM_TRACE_ID)
        sampled = flags & TraceFlags.SAMPLED
    else:
        parent, random, trace_state = None, True, DEFAULT_TRACE_STATE
        trace_id = getrandbits(128) or tracer.id_generator.generate_trace_id()
        sampled = trace_id & TRACE_ID_LOW_BITS < tracer._root_bound  # type: ignore[operator]
    span_id = getrandbits(64) or tracer.id_generator.generate_span_id()
    if not sampled:  # the sampler's DROP: a span of ids known valid, recording nothing
        dropped: NonRecordingSpan = _new_span(NonRecordingSpan)  # its __init__ sets this alone
        ids = (trace_id, span_id, False, _DROPPED[random], trace_state, True)
        dropped._context = _new_context(trace_api.SpanContext, ids)
        return dropped
    if isinstance(attributes, LazyAttributes):
        attributes = attributes.make()
    plain: dict[str, Any] | None = None
    if not attributes:
        plain = {}
    elif tracer._max_attributes is None or len(attributes) <= tracer._max_attributes:
        plain = plain_attributes(attributes)
    span: DirectSpan = _new_span(DirectSpan)
    span._name = name
    span._context = _new_context(
        trace_api.SpanContext, (trace_id, span_id, False, _SAMPLED[random], trace_state, True)
    )
    span._parent = parent
    span._kind = kind
    span._tracer = tracer
    span._attributes = plain if plain is not None else start_attributes(attributes, tracer._span_limits)
    span._events = ()
    span._links = start_links(links, tracer._span_limits) if links else ()
    span._status = UNSET
    span._record_end_metrics = None
    span._end_time = None
    span._start_time = start_time if start_time is not None else time_ns()
    span._record_exception = record_exception
    span._set_status_on_exception = set_status_on_exception
    return span
