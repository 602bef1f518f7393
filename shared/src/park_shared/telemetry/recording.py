"""The span the suite's tracer records: an OpenTelemetry API `Span` of the suite's own, holding
what the SDK's span holds in plain values, and handing the span processors (so the exporters)
the SDK's own `ReadableSpan` when it ends.

The SDK's span pays, for every span, for what the suite's spans seldom need: a lock taken by
every call, a `BoundedAttributes` (a lock of its own, each value checked and copied), two
`BoundedList`s for events and links that are nearly always empty, and at the end a second
object built through keyword arguments. `RecordingSpan` keeps its attributes in a plain dict
as long as each is plainly valid (a non-empty str key; a str, bool, int or float value) and
within the provider's span limits, and turns them into the SDK's `BoundedAttributes` the first
time one is not (an odd value, a limit on value lengths, one attribute more than the limit):
from then on the SDK's own checks apply, with their drop counts and warnings. Events and links
are the SDK's (`Event`, `BoundedAttributes`, `BoundedList`), the lists made when needed. What a
processor receives at the end is a `ReadableSpan` with the fields the SDK's span would have
given it (shared/tests/test_lean_spans.py compares the two field by field).

Like the suite's spans themselves, a span is used from the one thread that runs its event loop:
there is no lock (a call on an ended span is refused and logged as the SDK does)."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Mapping, Sequence
from time import time_ns
from types import TracebackType
from typing import TYPE_CHECKING, Any

from opentelemetry import context as context_api
from opentelemetry import trace as trace_api
from opentelemetry.attributes import BoundedAttributes
from opentelemetry.sdk.trace import Event, ReadableSpan, _is_valid_link
from opentelemetry.sdk.util import BoundedList
from opentelemetry.semconv.attributes.exception_attributes import (
    EXCEPTION_ESCAPED,
    EXCEPTION_MESSAGE,
    EXCEPTION_STACKTRACE,
    EXCEPTION_TYPE,
)
from opentelemetry.trace import Link, SpanKind, Status, StatusCode
from opentelemetry.util import types

if TYPE_CHECKING:
    from collections.abc import Callable

    from opentelemetry.sdk.trace import SpanLimits, Tracer

__all__ = ["PLAIN", "UNSET", "RecordingSpan", "plain_attributes"]

logger = logging.getLogger("opentelemetry.sdk.trace")  # the SDK's warnings, under its logger's name

PLAIN = frozenset({str, bool, int, float})
UNSET = Status(StatusCode.UNSET)
"""A new span's status (one object for all)."""


def plain_attributes(attributes: Mapping[str, Any]) -> dict[str, Any] | None:
    """The attributes as the SDK would store them, when each is plainly valid; else None."""
    plain: dict[str, Any] = {}
    for key, value in attributes.items():
        if type(key) is not str or not key:
            return None
        kind = type(value)
        if kind in PLAIN:
            plain[key] = value
        elif kind is list or kind is tuple:
            for item in value:
                if type(item) is not str:
                    return None
            plain[key] = tuple(value)
        else:
            return None
    return plain


def start_attributes(attributes: types.Attributes, limits: SpanLimits) -> dict[str, Any] | BoundedAttributes:
    """A new span's attributes: a plain dict when the SDK would store them unchanged, else the
    SDK's `BoundedAttributes` (always so under a limit on value lengths)."""
    maxlen, max_value_len = limits.max_span_attributes, limits.max_span_attribute_length
    if max_value_len is None:
        if not attributes:
            return {}
        if maxlen is None or len(attributes) <= maxlen:
            plain = plain_attributes(attributes)
            if plain is not None:
                return plain
    return BoundedAttributes(maxlen, attributes, immutable=False, max_value_len=max_value_len)


def start_links(links: Sequence[Link], limits: SpanLimits) -> Sequence[Link]:
    """A new span's links as the SDK's span takes them: each valid one's attributes bounded (on
    the link itself, as the SDK does; a link whose attributes already are, empty, as they would
    be again, is left as it is), kept in a `BoundedList` when more than the limit."""
    global _last_links
    if not links:
        return ()
    if len(links) == 1:  # the relay's publish spans: one link, to the batch's span, for all
        last = _last_links
        link = links[0]
        if link is last[0] and link._attributes is last[1] and limits is last[2]:
            return last[3]
        taken = _start_links(links, limits)
        if taken:  # valid: its attributes now bounded and immutable
            _last_links = (link, link._attributes, limits, taken)
        return taken
    return _start_links(links, limits)


_last_links: tuple[Any, Any, Any, Sequence[Link]] = (None, None, None, ())
"""The last lone valid link taken, its attributes as taken, the limits, and what was taken:
taken again while all three are the same objects (a link's context is a tuple; a valid one's
attributes, once taken, are bounded and immutable)."""


def _start_links(links: Sequence[Link], limits: SpanLimits) -> Sequence[Link]:
    valid = []
    for link in links:
        if link and _is_valid_link(link.context, link.attributes):
            bounded = link._attributes
            if not bounded:  # None or empty: what bounding it gives, one object for all
                link._attributes = _no_attributes(limits)
            elif not (type(bounded) is BoundedAttributes and bounded._immutable and not bounded.dropped):
                link._attributes = BoundedAttributes(
                    limits.max_link_attributes,
                    link.attributes,
                    max_value_len=limits.max_attribute_length,
                    immutable=True,
                )
            valid.append(link)
    if limits.max_links is None or len(valid) <= limits.max_links:
        return tuple(valid)
    return BoundedList.from_seq(limits.max_links, valid)


_empty: dict[tuple[int | None, int | None], BoundedAttributes] = {}


def _no_attributes(limits: SpanLimits) -> BoundedAttributes:
    """The SDK's bounded attributes of a link without any (immutable and empty: one per limits)."""
    key = (limits.max_link_attributes, limits.max_attribute_length)
    found = _empty.get(key)
    if found is None:
        found = _empty[key] = BoundedAttributes(key[0], None, max_value_len=key[1], immutable=True)
    return found


class RecordingSpan(trace_api.Span):
    """A sampled span of the suite's tracer (telemetry/spans.py), started when made."""

    __slots__ = (
        "_attributes",
        "_context",
        "_end_time",
        "_events",
        "_kind",
        "_links",
        "_name",
        "_parent",
        "_record_end_metrics",
        "_record_exception",
        "_set_status_on_exception",
        "_start_time",
        "_status",
        "_tracer",
    )

    def __init__(
        self,
        name: str,
        context: trace_api.SpanContext,
        parent: trace_api.SpanContext | None,
        tracer: Tracer,
        attributes: types.Attributes,
        kind: SpanKind,
        links: Sequence[Link],
        record_exception: bool,
        set_status_on_exception: bool,
        record_end_metrics: Callable[[], None] | None,
        start_time: int | None,
    ) -> None:
        limits = tracer._span_limits
        self._name = name
        self._context = context
        self._parent = parent
        self._kind = kind
        self._tracer = tracer
        self._attributes = start_attributes(attributes, limits)
        self._events: Sequence[Event] = ()
        self._links = start_links(links, limits)
        self._status = UNSET
        self._record_exception = record_exception
        self._set_status_on_exception = set_status_on_exception
        self._record_end_metrics = record_end_metrics
        self._end_time: int | None = None
        self._start_time = start_time if start_time is not None else time_ns()

    def __repr__(self) -> str:
        return f'{type(self).__name__}(name="{self._name}", context={self._context})'

    def get_span_context(self) -> trace_api.SpanContext:
        return self._context

    def is_recording(self) -> bool:
        return self._end_time is None

    def _ended(self, what: str) -> bool:
        if self._end_time is None:
            return False
        logger.warning("Tried calling %s on an ended span.", what)
        return True

    def _bounded(self) -> BoundedAttributes:
        """The attributes as the SDK's `BoundedAttributes` (from now on)."""
        attributes = self._attributes
        if isinstance(attributes, BoundedAttributes):
            return attributes
        bounded = BoundedAttributes(self._tracer._span_limits.max_span_attributes, None, immutable=False)
        bounded._dict.update(attributes)  # each already as the SDK stores it, within the limit
        self._attributes = bounded
        return bounded

    def set_attribute(self, key: str, value: types.AttributeValue) -> None:
        if self._end_time is not None:
            logger.warning("Setting attribute on ended span.")
            return
        attributes = self._attributes
        if type(attributes) is dict and type(key) is str and key and type(value) in PLAIN:
            if key in attributes:
                del attributes[key]  # the SDK's order: a key set again moves to the end
            else:
                maxlen = self._tracer._span_limits.max_span_attributes
                if maxlen is not None and len(attributes) >= maxlen:
                    self._bounded()[key] = value  # the SDK drops the oldest, and counts it
                    return
            attributes[key] = value
            return
        self._bounded()[key] = value

    def set_attributes(self, attributes: Mapping[str, types.AttributeValue]) -> None:
        if self._end_time is not None:
            logger.warning("Setting attribute on ended span.")
            return
        if type(self._attributes) is dict and plain_attributes(attributes) == attributes:
            for key, value in attributes.items():
                self.set_attribute(key, value)
            return
        self._bounded()._set_items(attributes)

    def add_event(self, name: str, attributes: types.Attributes = None, timestamp: int | None = None) -> None:
        limits = self._tracer._span_limits
        bounded = BoundedAttributes(
            limits.max_event_attributes, attributes, max_value_len=limits.max_attribute_length, immutable=True
        )
        event = Event(name=name, attributes=bounded, timestamp=timestamp)
        if self._ended("_add_event"):
            return
        if not isinstance(self._events, BoundedList):
            self._events = BoundedList(limits.max_events)
        self._events.append(event)

    def add_link(self, context: trace_api.SpanContext, attributes: types.Attributes = None) -> None:
        if not _is_valid_link(context, attributes):
            return
        limits = self._tracer._span_limits
        bounded = BoundedAttributes(
            limits.max_link_attributes, attributes, max_value_len=limits.max_attribute_length, immutable=True
        )
        if self._ended("_add_link"):
            return
        if not isinstance(self._links, BoundedList):
            self._links = BoundedList.from_seq(limits.max_links, self._links)  # within the limit
        self._links.append(Link(context=context, attributes=bounded))

    def update_name(self, name: str) -> None:
        if not self._ended("update_name"):
            self._name = name

    def set_status(self, status: Status | StatusCode, description: str | None = None) -> None:
        """As the SDK's: an OK status is final, UNSET is ignored."""
        if self._ended("set_status"):
            return
        if isinstance(status, Status):
            if self._status.status_code is StatusCode.OK or status.status_code is StatusCode.UNSET:
                return
            if description is not None:
                logger.warning(
                    "Description %s ignored. Use either `Status` or `(StatusCode, Description)`", description
                )
            self._status = status
        elif isinstance(status, StatusCode):
            if self._status.status_code is StatusCode.OK or status is StatusCode.UNSET:
                return
            self._status = Status(status, description)

    def record_exception(
        self,
        exception: BaseException,
        attributes: types.Attributes = None,
        timestamp: int | None = None,
        escaped: bool = False,
    ) -> None:
        """The exception as the SDK's span records it: an event named `exception`."""
        stacktrace = "".join(traceback.format_exception(exception))
        module = type(exception).__module__
        qualname = type(exception).__qualname__
        exception_type = f"{module}.{qualname}" if module and module != "builtins" else qualname
        recorded: dict[str, types.AttributeValue] = {
            EXCEPTION_TYPE: exception_type,
            EXCEPTION_MESSAGE: str(exception),
            EXCEPTION_STACKTRACE: stacktrace,
            EXCEPTION_ESCAPED: str(escaped),
        }
        if attributes:
            recorded.update(attributes)
        self.add_event(name="exception", attributes=recorded, timestamp=timestamp)

    def end(self, end_time: int | None = None) -> None:
        if self._end_time is not None:
            logger.warning("Calling end() on an ended span.")
            return
        self._end_time = end_time if end_time is not None else time_ns()
        if self._record_end_metrics:
            self._record_end_metrics()
        self._hand_over()

    def _hand_over(self) -> None:
        """The ended span to the processors, as the SDK's span hands itself over."""
        attributes = self._attributes
        if type(attributes) is not dict:
            attributes._immutable = True  # type: ignore[union-attr]  # as the SDK's span does
        processor = self._tracer.span_processor
        processor._on_ending(self)  # type: ignore[arg-type]  # no processor of the suite reads it
        processor.on_end(self._readable())

    def _readable(self) -> ReadableSpan:
        """What the SDK's span hands its processors: a `ReadableSpan` of the same fields (set one
        by one: the object keeps them inline, without a dict of its own for the collector to
        follow while a processor or exporter holds it)."""
        tracer = self._tracer
        readable = ReadableSpan.__new__(ReadableSpan)
        readable._name = self._name
        readable._context = self._context
        readable._kind = self._kind
        readable._instrumentation_info = tracer.instrumentation_info
        readable._instrumentation_scope = tracer._instrumentation_scope
        readable._parent = self._parent
        readable._start_time = self._start_time
        readable._end_time = self._end_time
        readable._attributes = self._attributes
        readable._events = self._events
        readable._links = self._links
        readable._resource = tracer.resource
        readable._status = self._status
        return readable

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_val: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None:
        """As the SDK's span used as a context manager: an exception recorded, then ended."""
        if exc_val is not None and self.is_recording():
            if self._record_exception:
                self.record_exception(exception=exc_val, escaped=True)
            if self._set_status_on_exception:
                self.set_status(Status(StatusCode.ERROR, f"{type(exc_val).__name__}: {exc_val}"))
        self.end()


def started(span: RecordingSpan, parent_context: context_api.Context | None) -> RecordingSpan:
    """`span`, told to the processors as started (the SDK's `Span.start`)."""
    span._tracer.span_processor.on_start(span, parent_context=parent_context)  # type: ignore[arg-type]
    return span
