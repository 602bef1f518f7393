"""The span processor of PARK_TELEMETRY=otlp: each sampled span written as OTLP protobuf bytes
when it ends, and batches of those bytes posted from one thread.

The SDK's BatchSpanProcessor holds each finished span (a `ReadableSpan` and what it refers to:
its context, trace flags and state, attributes, events, links) until its thread encodes the
batch: several objects a span that the collector traces again at each run while they wait, and
promotes, so that a batch of 512 makes the process's full collections come sooner. Here a span
is written as it ends (telemetry/otlp_bytes.py, on the thread that ends it: the same CPU as the
export thread's encoding, which holds the GIL as well), and the queue holds one tuple a span
(its resource, its scope, its bytes), which no collection has to follow. What stays as the
BatchSpanProcessor does it: the same settings (OTEL_BSP_SCHEDULE_DELAY, OTEL_BSP_MAX_QUEUE_SIZE,
OTEL_BSP_MAX_EXPORT_BATCH_SIZE), a bounded queue that drops a span rather than block (counted and
logged from the export thread), a batch sent when the queue holds a full one or when the delay
has passed, instrumentation suppressed while it is sent, the exporter's own timeout on each
request, everything left sent on `force_flush` and `shutdown`, a new thread in a forked child,
and no exception raised into the code that ends a span."""

from __future__ import annotations

import logging
import os
import threading
import weakref
from collections import deque
from typing import TYPE_CHECKING

from opentelemetry.context import _SUPPRESS_INSTRUMENTATION_KEY, Context, attach, detach, set_value
from opentelemetry.sdk.trace import ReadableSpan, Span, SpanProcessor
from opentelemetry.sdk.trace.export import BatchSpanProcessor

from park_shared.telemetry.otlp import OtlpSpanExporter
from park_shared.telemetry.otlp_bytes import (
    Scoped,
    official_span_bytes,
    request_body,
    span_bytes,
)
from park_shared.telemetry.otlp_recorded import recorded_span_bytes

if TYPE_CHECKING:
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.util.instrumentation import InstrumentationScope

    from park_shared.telemetry.recording import RecordingSpan

__all__ = ["OtlpBatchSpanProcessor"]

_logger = logging.getLogger(__name__)


class OtlpBatchSpanProcessor(SpanProcessor):
    """Sampled spans, written as they end, posted in batches by `exporter` from one thread."""

    def __init__(
        self,
        exporter: OtlpSpanExporter,
        max_queue_size: int | None = None,
        schedule_delay_millis: float | None = None,
        max_export_batch_size: int | None = None,
    ) -> None:
        defaults = BatchSpanProcessor  # its settings from the environment, and its checks of them
        if max_queue_size is None:
            max_queue_size = defaults._default_max_queue_size()  # type: ignore[no-untyped-call]
        if schedule_delay_millis is None:
            schedule_delay_millis = defaults._default_schedule_delay_millis()  # type: ignore[no-untyped-call]
        if max_export_batch_size is None:
            max_export_batch_size = defaults._default_max_export_batch_size()  # type: ignore[no-untyped-call]
        defaults._validate_arguments(max_queue_size, schedule_delay_millis, max_export_batch_size)  # type: ignore[no-untyped-call]
        self.exporter = exporter
        self._max_queue_size = max_queue_size
        self._delay = schedule_delay_millis / 1e3
        self._batch_size = max_export_batch_size
        self._shutdown = False
        self._start()
        if hasattr(os, "register_at_fork"):
            again = weakref.WeakMethod(self._start)
            os.register_at_fork(after_in_child=lambda: (start := again()) and start())

    def _start(self) -> None:
        """A new queue, lock and thread (also in a forked child, where the parent's thread is not)."""
        self._queue: deque[Scoped] = deque()
        self._dropped = 0
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread = threading.Thread(name="OtlpBatchSpanProcessor", target=self._work, daemon=True)
        self._thread.start()

    def on_start(self, span: Span, parent_context: Context | None = None) -> None:
        return None

    def _on_ending(self, span: Span) -> None:
        return None

    def on_end(self, span: ReadableSpan) -> None:
        context = span.context
        if not (context and context.trace_flags.sampled) or self._shutdown:
            return
        queue = self._queue
        if len(queue) >= self._max_queue_size:
            self._dropped += 1
            return
        encoded = span_bytes(span)
        if encoded is None:
            encoded = self._officially(span)
            if encoded is None:
                return
        queue.append((span.resource, span.instrumentation_scope or None, encoded))
        if len(queue) >= self._batch_size and not self._wake.is_set():
            self._wake.set()

    def on_recorded(
        self, span: RecordingSpan, resource: Resource, scope: InstrumentationScope | None
    ) -> None:
        """`on_end` of a sampled span of the suite's tracer when this processor is its provider's
        only one (telemetry/otlp_spans.py): written from the span's own slots."""
        queue = self._queue
        if self._shutdown:
            return
        queued = len(queue)
        if queued >= self._max_queue_size:
            self._dropped += 1
            return
        encoded = recorded_span_bytes(span)
        if encoded is None:
            encoded = self._officially(span._readable())
            if encoded is None:
                return
        queue.append((resource, scope, encoded))
        if queued + 1 >= self._batch_size and not self._wake.is_set():
            self._wake.set()

    def _officially(self, span: ReadableSpan) -> bytes | None:
        try:
            return official_span_bytes(span)
        except Exception:  # never into the code ending the span
            _logger.exception("Failed to encode span %s, dropped", span.name)
            self._dropped += 1
            return None

    def _work(self) -> None:
        while not self._shutdown:
            waited = not self._wake.wait(self._delay)
            self._wake.clear()
            if not self._shutdown:
                self._export(everything=waited)

    def _export(self, everything: bool) -> None:
        """Full batches; `everything`: what is left after them too."""
        with self._lock:
            queue = self._queue
            while len(queue) >= self._batch_size or (everything and queue):
                batch = [queue.popleft() for _ in range(min(self._batch_size, len(queue)))]
                self._send(batch)
            if self._dropped:
                dropped, self._dropped = self._dropped, 0
                _logger.warning("Span queue full: %d spans dropped", dropped)

    def _send(self, batch: list[Scoped]) -> None:
        token = attach(set_value(_SUPPRESS_INSTRUMENTATION_KEY, True))
        try:
            self.exporter.send(len(batch), lambda: request_body(batch))
        except Exception:  # the thread goes on
            _logger.exception("Exception while exporting Span.")
        finally:
            detach(token)

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        if self._shutdown:
            return False
        self._export(everything=True)
        return True

    def shutdown(self) -> None:
        if self._shutdown:
            return
        self._shutdown = True
        self._wake.set()
        self._thread.join(30)
        self._export(everything=True)
        self.exporter.shutdown()  # type: ignore[no-untyped-call]
