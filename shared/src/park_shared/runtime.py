"""A service's running parts, built from settings: store, read models, bus, outbox relay,
consumers, projections and workers, each supervised and retried while its server is down."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from park_shared import metrics
from park_shared.bus.port import Bus
from park_shared.consumer import EventConsumer, Reaction
from park_shared.contract import Contract
from park_shared.errors import NotConnected
from park_shared.events import EventRegistry
from park_shared.keys import KeyRing
from park_shared.outbox import OutboxRelay
from park_shared.projections.port import ReadModelStore
from park_shared.projections.runner import Projection, ProjectionRunner
from park_shared.readiness import Probes, retrying
from park_shared.revocation import Revocations
from park_shared.settings import ParkSettings
from park_shared.store.port import EventStore
from park_shared.telemetry import setup_telemetry
from park_shared.telemetry.store import InstrumentedStore
from park_shared.zone_clock import zone_clock

__all__ = ["ReaderStatus", "Runtime"]

ReaderStatus = Callable[[], Awaitable[dict[str, Any]]]

log = logging.getLogger(__name__)

Worker = Callable[[], Awaitable[None]]


class Runtime:
    def __init__(
        self,
        service: str,
        department: str,
        settings: ParkSettings,
        registry: EventRegistry,
        *,
        publishes: bool = True,
    ) -> None:
        """`publishes=False` is a reader of others' events only (a dashboard): no own topic,
        no outbox relay; its read loops are added as workers."""
        self.publishes = publishes
        self.service = service
        self.department = department
        self.settings = settings
        self.registry = registry
        self._store: EventStore | None = None
        self._read_models: ReadModelStore | None = None
        self._bus: Bus | None = None
        self._probes = Probes(service)
        self._closers: list[Callable[[], Awaitable[None]]] = []
        self._projections: list[Projection] = []
        self._consumer_specs: list[tuple[Mapping[str, Reaction], Sequence[str], str]] = []
        self._workers: list[tuple[str, Worker]] = []
        self._bus_workers: list[tuple[str, Worker]] = []
        self._tasks: list[asyncio.Task[None]] = []
        self.consumers: list[EventConsumer] = []
        self.reader_statuses: list[ReaderStatus] = []
        self.event_meters: list[metrics.EventMeter] = []
        self.relay: OutboxRelay | None = None
        self.projection_runner: ProjectionRunner | None = None
        self.zone = ZoneInfo(settings.park_timezone)
        self.clock: Callable[[], datetime] = zone_clock(settings.park_zone_clock_file)
        """The time source; tests replace it. Decisions get the time on their commands."""
        production = settings.park_env == "production"
        self.keys = KeyRing.from_settings(settings.park_jwks, settings.park_keys_dir, production=production)
        """The departments' public keys: tokens are verified with these only."""
        self.revocations = Revocations()

    @classmethod
    def of(
        cls,
        contract: Contract,
        department: str,
        settings: ParkSettings,
        projections: Iterable[Projection],
        *,
        clock: Callable[[], datetime] | None = None,
        publishes: bool = True,
    ) -> Runtime:
        """A service's runtime as its bootstrap builds it: the registry of its contract, its
        read models' projections, and `clock` in place of the zone clock (tests pin the date)."""
        runtime = cls(contract.service, department, settings, contract.registry(), publishes=publishes)
        if clock is not None:
            runtime.clock = clock
        for projection in projections:
            runtime.add_projection(projection)
        return runtime

    def now(self) -> datetime:
        return self.clock().astimezone(self.zone)

    def today(self) -> date:
        return self.now().date()

    # -- what a service declares before start ------------------------------------------
    def add_projection(self, projection: Projection) -> None:
        self._projections.append(projection)

    def add_consumer(
        self, reactions: Mapping[str, Reaction], services: Sequence[str], group: str | None = None
    ) -> None:
        """Reacts to the events of `services` (their topics), as consumer group `group`."""
        topics = [self.settings.topic(s) for s in services]
        self._consumer_specs.append((reactions, topics, group or self.service))

    def add_worker(self, name: str, worker: Worker, *, needs_bus: bool = False) -> None:
        """A background loop, started once the store (and, with `needs_bus`, the bus) is up."""
        (self._bus_workers if needs_bus else self._workers).append((name, worker))

    def add_event_meter(self, event_meter: metrics.EventMeter) -> None:
        """A measure of the service's own events (metrics), started with the runtime."""
        self.event_meters.append(event_meter)

    def add_reader_status(self, report: ReaderStatus) -> None:
        """A reader of topics that is not an EventConsumer (a worker with its own subscription)
        reports its progress in /ops/status beside the consumers: a dict with name, topics,
        handled, dead_lettered and lag."""
        self.reader_statuses.append(report)

    # -- the parts, once connected ---------------------------------------------------------
    @property
    def store(self) -> EventStore:
        if self._store is None:
            raise NotConnected(f"the {self.service} store is not reachable yet")
        return self._store

    @property
    def read_models(self) -> ReadModelStore:
        if self._read_models is None:
            raise NotConnected(f"the {self.service} read models are not reachable yet")
        return self._read_models

    @property
    def bus(self) -> Bus:
        if self._bus is None:
            raise NotConnected(f"the {self.service} bus is not reachable yet")
        return self._bus

    @property
    def topic(self) -> str:
        return self.settings.topic(self.service)

    # -- lifecycle -----------------------------------------------------------------------
    async def start(self, *, wait: bool = False) -> None:
        from park_shared.backends import open_bus, open_store

        setup_telemetry(self.service, self.settings.park_telemetry)
        metrics.watch(self)

        async def connect() -> None:
            store, self._read_models, close_store = await retrying(
                "store", lambda: open_store(self.service, self.settings, self._projection_collections())
            )
            self._store = InstrumentedStore(store, self.service)
            self._closers.append(close_store)
            self._start_store_parts()
            self._bus = await retrying("bus", lambda: open_bus(self.service, self.settings, self._topics()))
            self._closers.insert(0, self._bus.close)
            self._start_bus_parts()

        task = asyncio.create_task(connect(), name=f"{self.service}:connect")
        self._tasks.append(task)
        if wait:
            await task

    def _projection_collections(self) -> set[str]:
        return {name for projection in self._projections for name in projection.collections}

    def _instrumented(self) -> InstrumentedStore:
        store = self.store
        assert isinstance(store, InstrumentedStore)
        return store

    def _topics(self) -> list[str]:
        if not self.publishes:
            return []
        own = [self.topic] + [self.settings.dlq(group) for _, _, group in self._consumer_specs]
        return own + [t for _, topics, _ in self._consumer_specs for t in topics]

    def _start_store_parts(self) -> None:
        self.projection_runner = runner = ProjectionRunner(
            self.store, self.read_models, self.registry, self._projections
        )
        waker = self._instrumented().signal.waker()
        self._spawn("projections", lambda: runner.run(waker=waker))
        self._spawn("revocations", lambda: self.revocations.follow(self.read_models))
        for name, worker in self._workers:
            self._spawn(name, worker)

    def _start_bus_parts(self) -> None:
        if self.publishes:
            self.relay = OutboxRelay(
                self.service,
                self.store,
                self.bus,
                topic=self.topic,
                publishes=self.registry.is_public,
                waker=self._instrumented().signal.waker(),
            )
            self._spawn("outbox", self.relay.run)
        for name, worker in self._bus_workers:
            self._spawn(name, worker)
        for reactions, topics, group in self._consumer_specs:
            consumer = EventConsumer(
                self.settings.group(group),
                self.bus,
                self.registry,
                reactions,
                is_handled=self.store.is_handled,
                topics=topics,
                dlq=self.settings.dlq(group),
            )
            self.consumers.append(consumer)
            self._spawn(f"consumer:{group}", consumer.run)

    def _spawn(self, name: str, worker: Worker) -> None:
        async def supervised() -> None:
            while True:
                try:
                    await worker()
                    return
                except asyncio.CancelledError:
                    raise
                except Exception:
                    log.exception("%s %s failed; restarting in 1s", self.service, name)
                    await asyncio.sleep(1.0)

        self._tasks.append(asyncio.create_task(supervised(), name=f"{self.service}:{name}"))

    async def readiness(self) -> dict[str, str]:
        probe = self._probes.probe
        return {"store": await probe("store", self._store), "bus": await probe("bus", self._bus)}

    async def stop(self) -> None:
        metrics.unwatch(self)
        # cancel until every task has ended: a library may swallow one cancellation
        pending = {t for t in self._tasks if not t.done()}
        while pending:
            for task in pending:
                task.cancel()
            _, pending = await asyncio.wait(pending, timeout=0.5)
        for consumer in self.consumers:
            if consumer.subscription is not None:
                await asyncio.gather(consumer.subscription.close(), return_exceptions=True)
        for close in self._closers:
            await asyncio.gather(close(), return_exceptions=True)
