"""The trace context as the core carries it: W3C traceparent strings in event metadata and
message headers, spans that continue them, and one tracer for the whole suite."""

from __future__ import annotations

import logging
from contextvars import ContextVar, Token
from types import TracebackType

from opentelemetry import context, trace
from opentelemetry.context import _RUNTIME_CONTEXT
from opentelemetry.context.contextvars_context import ContextVarsRuntimeContext
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.trace import Span, SpanContext, Status, StatusCode, TraceFlags
from opentelemetry.trace.propagation import _SPAN_KEY
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator
from opentelemetry.trace.span import DEFAULT_TRACE_STATE

__all__ = [
    "CURRENT_CONTEXT",
    "CurrentSpan",
    "attach_span",
    "current_span",
    "current_traceparent",
    "detach",
    "parent_context",
    "recording_tracer",
    "span_from",
    "traceparent_of",
    "tracer",
    "tracing_enabled",
]

_TRACEPARENT = TraceContextTextMapPropagator._TRACEPARENT_HEADER_FORMAT_RE
_FLAGS = {f"{flags:02x}": TraceFlags(flags) for flags in range(256)}
_BY_VALUE = [_FLAGS[f"{flags:02x}"] for flags in range(256)]
_FLAGS_WRITTEN = [f"-{flags:02x}" for flags in range(256)]
_WRITTEN = 1024
_written: dict[str, tuple[int, int, int]] = {}
"""The ids and flags of the traceparents `traceparent_of` wrote lately (plain ints: tuples the
collector stops following): one read back in this process (a command's, by its relay; a publish
span's, by a consumer of the same process) skips the pattern."""
_tracer: trace.Tracer | None = None
_new_context = tuple.__new__
CURRENT_CONTEXT: ContextVar[context.Context] | None = (
    _RUNTIME_CONTEXT._current_context if type(_RUNTIME_CONTEXT) is ContextVarsRuntimeContext else None
)
"""The API's current context, when it is the default runtime context (a context variable)."""
_context_logger = logging.getLogger("opentelemetry.context")


def attach_span(span: Span, parent: context.Context | None = None) -> Token[context.Context]:
    """`context.attach(trace.set_span_in_context(span, parent))`: `parent` (by default the
    current context) with `span` as its span made current, set in the API's context variable
    directly when the runtime context is the default one."""
    if CURRENT_CONTEXT is None:
        return context.attach(trace.set_span_in_context(span, parent))
    base = parent if parent is not None else CURRENT_CONTEXT.get()
    return CURRENT_CONTEXT.set(context.Context({**base, _SPAN_KEY: span}))


def detach(token: Token[context.Context]) -> None:
    """`context.detach(token)` of a token `attach_span` gave (a failure logged, as it logs one)."""
    if CURRENT_CONTEXT is None:
        context.detach(token)
        return
    try:
        CURRENT_CONTEXT.reset(token)
    except Exception:
        _context_logger.exception("Failed to detach context")


def tracing_enabled() -> bool:
    """True once the process has a recording tracer provider (PARK_TELEMETRY is not off): the
    provider set read as `get_tracer_provider` returns it once set, without its call."""
    provider = trace._TRACER_PROVIDER
    if provider is None:
        return isinstance(trace.get_tracer_provider(), TracerProvider)
    return isinstance(provider, TracerProvider)


def tracer() -> trace.Tracer:
    """The suite's tracer, looked up once (the SDK's lookup is not cheap): once the process has
    its SDK provider, that provider's tracer with the leaner span start of telemetry/spans.py;
    before (tracing off), the API's proxy, looked up again only once a provider is set (a
    provider OTEL_PYTHON_TRACER_PROVIDER names is loaded at the first lookup)."""
    global _tracer
    if _tracer is None or (type(_tracer) is trace.ProxyTracer and trace._TRACER_PROVIDER is not None):
        provider = trace.get_tracer_provider()
        if isinstance(provider, TracerProvider):
            from opentelemetry.sdk.trace import Tracer

            from park_shared.telemetry.spans import LeanTracer

            sdk = provider.get_tracer("park")
            _tracer = LeanTracer(sdk) if isinstance(sdk, Tracer) else sdk
        elif _tracer is None:
            _tracer = trace.get_tracer("park")
    return _tracer


def recording_tracer() -> trace.Tracer | None:
    """`tracer()`, or None while the process has no tracer provider at all (tracing off): the
    API's no-op spans would only be the current span again."""
    found = tracer()
    return None if type(found) is trace.ProxyTracer and trace._TRACER_PROVIDER is None else found


def current_span() -> object | None:
    """What the current context holds as its span, read where `trace.get_current_span` reads it
    (that function's INVALID_SPAN is None here, or whatever else was put there)."""
    return (CURRENT_CONTEXT.get() if CURRENT_CONTEXT is not None else context.get_current()).get(_SPAN_KEY)


def current_traceparent() -> str | None:
    """The traceparent of the span current in this context (none: None)."""
    span = current_span()
    return traceparent_of(span) if isinstance(span, Span) else None


def traceparent_of(span: trace.Span) -> str | None:
    """The traceparent a message or an event carries to continue `span`'s trace: the W3C
    propagator's own text (version 00), written here without its carrier and context; a valid
    one kept with the ids `parent_context` reads from it."""
    ctx = span._context if type(span) is trace.NonRecordingSpan else span.get_span_context()  # its own
    if ctx == trace.INVALID_SPAN_CONTEXT:
        return None
    if ctx[5] and 0 <= ctx[3] <= 0xFF:  # ids in range, flags one byte: what the pattern reads back
        # the ids' fixed-width hex (what %032x and %016x write of them), at half the cost
        trace_id, span_id = ctx[0].to_bytes(16, "big").hex(), ctx[1].to_bytes(8, "big").hex()
        written = f"00-{trace_id}-{span_id}{_FLAGS_WRITTEN[ctx[3]]}"
        if len(_written) >= _WRITTEN:
            _written.clear()
        _written[written] = (ctx[0], ctx[1], int(ctx[3]))
        return written
    return "00-%032x-%016x-%02x" % (ctx[0], ctx[1], ctx[3])  # noqa: UP031 - 2/3 of an f-string's cost


def parent_context(traceparent: str | None) -> context.Context | None:
    """The context whose span is `traceparent`'s (remote, non-recording), checked as the W3C
    propagator checks it; a traceparent it would refuse gives an empty context, as it did."""
    if not traceparent:
        return None
    written = _written.get(traceparent)
    if written is not None:  # what the pattern reads from it: its ids, remote
        ids = (written[0], written[1], True, _BY_VALUE[written[2]], DEFAULT_TRACE_STATE, True)
        return context.Context({_SPAN_KEY: trace.NonRecordingSpan(_new_context(SpanContext, ids))})
    match = _TRACEPARENT.search(traceparent)
    if match is None:
        return context.Context()
    version, trace_id, span_id, flags, rest = match.groups()
    if trace_id == "0" * 32 or span_id == "0" * 16 or (version == "00" and rest) or version == "ff":
        return context.Context()
    ids = (int(trace_id, 16), int(span_id, 16), True, _FLAGS[flags], DEFAULT_TRACE_STATE, True)
    parent = _new_context(SpanContext, ids)  # SpanContext(..., is_remote=True) of ids checked valid
    return context.Context({_SPAN_KEY: trace.NonRecordingSpan(parent)})  # set_span_in_context's


class CurrentSpan:
    """`span` current in the block, ended after it, an exception leaving the block recorded
    on it with status ERROR: what `trace.use_span(span, end_on_exit=True)` (and so the SDK's
    `start_as_current_span`) does, without a generator-based context manager."""

    __slots__ = ("_parent", "_token", "span")

    def __init__(self, span: Span, parent: context.Context | None = None) -> None:
        """`parent`: the context the span is made current in (by default the current one)."""
        self.span = span
        self._parent = parent

    def __enter__(self) -> Span:
        span = self.span
        if CURRENT_CONTEXT is None:
            self._token = attach_span(span, self._parent)
        else:  # attach_span's steps, without its call
            base = self._parent if self._parent is not None else CURRENT_CONTEXT.get()
            self._token = CURRENT_CONTEXT.set(context.Context({**base, _SPAN_KEY: span}))
        return span

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        detach(self._token)
        span = self.span
        if type(span) is trace.NonRecordingSpan:  # nothing to record, and its end does nothing
            return
        if isinstance(exc, Exception) and span.is_recording():
            span.record_exception(exc)
            span.set_status(Status(StatusCode.ERROR, f"{type(exc).__name__}: {exc}"))
        span.end()


def span_from(name: str, traceparent: str | None, **attributes: str) -> CurrentSpan:
    """A span continuing the trace of `traceparent` (an event's), or a new trace: current in
    the block (`with span_from(...) as span`), ended after it."""
    parent = parent_context(traceparent)
    return CurrentSpan(tracer().start_span(name, context=parent, attributes=attributes), parent)
