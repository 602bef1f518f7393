"""The suite's metrics (OpenTelemetry metrics API), one meter provider per process, exported
as a Prometheus scrape at /metrics (PARK_METRICS=prometheus, the default), pushed over OTLP
(otlp) or not at all (off).

What is counted where it happens: commands (the HTTP edge), events appended (the store), and
what a service measures of its own events through an EventMeter (service-center's promises). What is
sampled from a running service: events published, consumers' handled, dead-lettered and lag,
the outbox backlog and the age of its oldest unpublished event."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from opentelemetry.metrics import CallbackOptions, Meter, Observation
from opentelemetry.sdk.metrics import AlwaysOffExemplarFilter, MeterProvider
from opentelemetry.sdk.metrics.export import MetricReader, PeriodicExportingMetricReader
from opentelemetry.sdk.resources import Resource

from park_shared.events import NewEvent
from park_shared.store.port import EventStore
from park_shared.telemetry.config import ObservabilitySettings

if TYPE_CHECKING:
    from park_shared.bus.port import Subscription

__all__ = [
    "EventMeter",
    "command_handled",
    "enabled",
    "events_appended",
    "measure",
    "refresh",
    "scrape",
    "unwatch",
    "watch",
]

log = logging.getLogger(__name__)

SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0]
SAMPLE_TIMEOUT = 2.0


class EventMeter(Protocol):
    """A service's own measure of the events it stores, given to its runtime at bootstrap:
    it makes its instruments on the process's meter, then sees each event as it is appended."""

    def start(self, meter: Meter) -> None: ...

    def appended(self, service: str, event: NewEvent) -> None: ...


class _Relay(Protocol):
    @property
    def published(self) -> int: ...


class _Consumer(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def dlq(self) -> str: ...

    @property
    def handled(self) -> int: ...

    @property
    def dead_lettered(self) -> int: ...

    @property
    def subscription(self) -> Subscription | None: ...


class Observed(Protocol):
    """What the metrics read of a running service (park_shared.runtime.Runtime is one)."""

    @property
    def service(self) -> str: ...

    @property
    def publishes(self) -> bool: ...

    @property
    def store(self) -> EventStore: ...

    @property
    def relay(self) -> _Relay | None: ...

    @property
    def consumers(self) -> Sequence[_Consumer]: ...

    @property
    def event_meters(self) -> Sequence[EventMeter]: ...


@dataclass
class _Watched:
    runtime: Observed
    lag: dict[str, int] = field(default_factory=dict)
    backlog: int | None = None
    oldest_age: float | None = None
    sampler: asyncio.Task[None] | None = None


class _Metrics:
    def __init__(self, mode: str, interval: float, service: str) -> None:
        self.mode = mode
        self.watched: dict[int, _Watched] = {}
        self.event_meters: dict[str, list[EventMeter]] = {}
        self.provider = MeterProvider(
            metric_readers=[_reader(mode, interval)],
            resource=Resource.create({"service.name": service}),
            # the Prometheus scrape has no exemplars: none is sampled (by default each measurement
            # taken inside a sampled span offers one, a cost of tracing on); otlp: as
            # OTEL_METRICS_EXEMPLAR_FILTER says
            exemplar_filter=AlwaysOffExemplarFilter() if mode == "prometheus" else None,
        )
        self.meter = meter = self.provider.get_meter("park")
        self.commands: dict[tuple[str, str, int], int] = {}
        """Commands taken so far by (service, command, status), observed when the metrics are read."""
        self.appended: dict[tuple[str, str], int] = {}
        """Events stored so far by (service, type), observed when the metrics are read."""
        meter.create_observable_counter(
            "park.commands", [self._commands], description="Commands taken, by outcome"
        )
        self.duration = meter.create_histogram(
            "park.command.duration", unit="s", explicit_bucket_boundaries_advisory=SECONDS
        )
        meter.create_observable_counter("park.events.appended", [self._appended], description="Events stored")
        meter.create_observable_counter("park.events.published", [self._published])
        meter.create_observable_counter("park.consumer.handled", [self._handled])
        meter.create_observable_counter("park.consumer.dead_lettered", [self._dead_lettered])
        meter.create_observable_gauge("park.consumer.lag", [self._lag])
        meter.create_observable_gauge("park.outbox.backlog", [self._backlog])
        meter.create_observable_gauge("park.outbox.oldest_age", [self._oldest_age], unit="s")

    def _each(self) -> list[_Watched]:
        return list(self.watched.values())

    def _commands(self, _: CallbackOptions) -> Iterable[Observation]:
        return [
            Observation(n, {"service": service, "command": command, "status": str(status),
                            "outcome": _outcome(status)})
            for (service, command, status), n in list(self.commands.items())
        ]  # fmt: skip

    def _appended(self, _: CallbackOptions) -> Iterable[Observation]:
        return [
            Observation(n, {"service": service, "type": type_})
            for (service, type_), n in list(self.appended.items())
        ]

    def _published(self, _: CallbackOptions) -> Iterable[Observation]:
        return [
            Observation(w.runtime.relay.published, {"service": w.runtime.service})
            for w in self._each()
            if w.runtime.relay is not None
        ]

    def _handled(self, _: CallbackOptions) -> Iterable[Observation]:
        return [
            Observation(c.handled, {"service": w.runtime.service, "consumer": c.name})
            for w in self._each()
            for c in list(w.runtime.consumers)
        ]

    def _dead_lettered(self, _: CallbackOptions) -> Iterable[Observation]:
        return [
            Observation(c.dead_lettered, {"service": w.runtime.service, "consumer": c.name, "dlq": c.dlq})
            for w in self._each()
            for c in list(w.runtime.consumers)
        ]

    def _lag(self, _: CallbackOptions) -> Iterable[Observation]:
        return [
            Observation(lag, {"service": w.runtime.service, "consumer": name})
            for w in self._each()
            for name, lag in list(w.lag.items())
        ]

    def _backlog(self, _: CallbackOptions) -> Iterable[Observation]:
        return [
            Observation(w.backlog, {"service": w.runtime.service})
            for w in self._each()
            if w.backlog is not None
        ]

    def _oldest_age(self, _: CallbackOptions) -> Iterable[Observation]:
        return [
            Observation(w.oldest_age, {"service": w.runtime.service})
            for w in self._each()
            if w.oldest_age is not None
        ]


def _reader(mode: str, interval: float) -> MetricReader:
    if mode == "prometheus":
        from opentelemetry.exporter.prometheus import PrometheusMetricReader

        return PrometheusMetricReader()
    from opentelemetry.exporter.otlp.proto.http.metric_exporter import OTLPMetricExporter

    return PeriodicExportingMetricReader(OTLPMetricExporter(), export_interval_millis=interval * 1000)


_metrics: _Metrics | None = None


def enabled() -> bool:
    return _metrics is not None


def watch(runtime: Observed) -> None:
    """Observes a starting runtime (from Runtime.start). The first call builds the process's
    meter provider as PARK_METRICS says; with otlp, the runtime is sampled periodically."""
    global _metrics
    settings = ObservabilitySettings()
    if settings.park_metrics == "off" and _metrics is None:
        return
    if _metrics is None:
        _metrics = _Metrics(settings.park_metrics, settings.park_metrics_interval, runtime.service)
    watched = _metrics.watched[id(runtime)] = _Watched(runtime)
    measure(runtime.service, *runtime.event_meters)
    if _metrics.mode == "otlp":
        watched.sampler = asyncio.create_task(_sample(watched, settings.park_metrics_interval))


def measure(service: str, *event_meters: EventMeter) -> None:
    """Starts `event_meters` on the events `service` appends in this process (from watch). A
    service is measured once per process: a second replica's meters would count twice."""
    if _metrics is None or service in _metrics.event_meters:
        return
    for event_meter in event_meters:
        event_meter.start(_metrics.meter)
    _metrics.event_meters[service] = list(event_meters)


def unwatch(runtime: Observed) -> None:
    watched = _metrics.watched.pop(id(runtime), None) if _metrics is not None else None
    if watched is not None and watched.sampler is not None:
        watched.sampler.cancel()


async def _sample(watched: _Watched, interval: float) -> None:
    while True:
        await _refresh(watched)
        await asyncio.sleep(interval)


async def refresh(runtime: Observed) -> None:
    """Samples what must be asked for: consumer lag, the outbox backlog and its oldest event."""
    watched = _metrics.watched.get(id(runtime)) if _metrics is not None else None
    if watched is not None:
        await _refresh(watched)


async def _refresh(w: _Watched) -> None:
    runtime = w.runtime
    for consumer in list(runtime.consumers):
        sub = consumer.subscription
        assigned = getattr(sub, "assigned", None)  # a Kafka member: no partitions, no lag
        # (and one that has not polled yet would join its group here: not from a scrape)
        if sub is None or (assigned is not None and not assigned()):
            continue
        with contextlib.suppress(Exception):
            w.lag[consumer.name] = await asyncio.wait_for(sub.lag(), SAMPLE_TIMEOUT)
    if runtime.publishes:  # from the store: the backlog matters most while the bus is down
        with contextlib.suppress(Exception):
            w.backlog, w.oldest_age = await asyncio.wait_for(_outbox(runtime), SAMPLE_TIMEOUT)


async def _outbox(runtime: Observed) -> tuple[int, float]:
    """Events stored but not yet past the relay's cursor, and the age of the oldest of them."""
    from park_shared.outbox import CURSOR

    store = runtime.store
    cursor = await store.get_cursor(CURSOR)
    oldest = await store.read_all(cursor, 1)
    if not oldest:
        return 0, 0.0
    stored_at = datetime.fromisoformat(oldest[0].meta.occurred_at)
    age = max(0.0, (datetime.now(UTC) - stored_at).total_seconds())
    return await store.last_position() - cursor, age


async def scrape(runtime: Observed) -> bytes | None:
    """The Prometheus exposition of this process's metrics, fresh; None unless PARK_METRICS
    is prometheus."""
    if _metrics is None or _metrics.mode != "prometheus":
        return None
    from prometheus_client import REGISTRY, generate_latest

    await refresh(runtime)
    return generate_latest(REGISTRY)


# The two counters are counted here, in plain dicts, and observed when the metrics are read (a
# scrape, an OTLP export): an OpenTelemetry counter's `add` (a measurement object, the reader's
# storage, the attributes hashed, a lock) cost each command more than its routing. The scrape
# shows the same `park_commands_total` and `park_events_appended_total`; the duration histogram
# has no observable kind and is still recorded per command.


def _outcome(status: int) -> str:
    return "handled" if status < 400 else "refused" if status < 500 else "failed"


def command_handled(service: str, command: str, status: int, seconds: float) -> None:
    if _metrics is None:
        return
    key = (service, command, status)
    counts = _metrics.commands
    counts[key] = counts.get(key, 0) + 1
    _metrics.duration.record(seconds, {"service": service, "command": command, "outcome": _outcome(status)})


def events_appended(service: str, events: Sequence[NewEvent]) -> None:
    """Counts stored events by type, and hands them to the service's own event meters."""
    if _metrics is None:
        return
    meters = _metrics.event_meters.get(service, ())
    counts = _metrics.appended
    for e in events:
        key = (service, e.type)
        counts[key] = counts.get(key, 0) + 1
        for event_meter in meters:
            event_meter.appended(service, e)
