"""The parent-based samplers whose decision the suite's tracer writes out instead of asking them:
the ones OTEL_TRACES_SAMPLER's parentbased_always_on (the default), parentbased_traceidratio
and parentbased_always_off give.

Such a sampler (`ParentBased` with its four parent delegates left at their defaults) decides
a span with a valid parent by that parent's sampled flag alone, remote or local (ALWAYS_ON when
sampled, ALWAYS_OFF when not), and a root span by its root sampler: ALWAYS_ON samples every
trace, ALWAYS_OFF none, `TraceIdRatioBased` those whose trace id's low 64 bits are under its
bound. All three roots are one bound on those bits (`root_bound`). The trace state is the
parent's (a root's: the empty one); a dropped span's sampler attributes are none, a sampled
one's the span's own. Any other sampler (another class, a delegate or root of its own) is
asked, as the SDK asks it."""

from __future__ import annotations

from opentelemetry.sdk.trace.sampling import (
    ALWAYS_OFF,
    ALWAYS_ON,
    ParentBased,
    ParentBasedTraceIdRatio,
    Sampler,
    TraceIdRatioBased,
    _ParentBasedAlwaysOff,
    _ParentBasedAlwaysOn,
)

__all__ = ["TRACE_ID_LOW_BITS", "root_bound"]

TRACE_ID_LOW_BITS = TraceIdRatioBased.TRACE_ID_LIMIT
"""The mask of the trace id's bits `TraceIdRatioBased` compares with its bound."""

_PARENT_BASED = frozenset({ParentBased, ParentBasedTraceIdRatio, _ParentBasedAlwaysOff, _ParentBasedAlwaysOn})
"""Classes whose `should_sample` is `ParentBased`'s own."""
_ALL = TRACE_ID_LOW_BITS + 1
"""A bound every trace id's low bits are under."""


def root_bound(sampler: Sampler) -> int | None:
    """The bound under which a root span's trace id's low 64 bits make it sampled, when
    `sampler` is a parent-based sampler decided as this module says; else None."""
    if type(sampler) not in _PARENT_BASED or not isinstance(sampler, ParentBased):
        return None
    if not (
        sampler._remote_parent_sampled is ALWAYS_ON
        and sampler._local_parent_sampled is ALWAYS_ON
        and sampler._remote_parent_not_sampled is ALWAYS_OFF
        and sampler._local_parent_not_sampled is ALWAYS_OFF
    ):
        return None
    root = sampler._root
    if root is ALWAYS_ON:
        return _ALL
    if root is ALWAYS_OFF:
        return 0
    if type(root) is TraceIdRatioBased:
        return root.bound
    return None
