"""An idempotent consumer: reactions keyed by event type, retry with backoff, then the DLQ."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass

from opentelemetry import context as otel_context
from pydantic import BaseModel

from park_shared.bus.port import Bus, Message, Subscription, dlq_topic
from park_shared.envelope import Envelope, InvalidEnvelope
from park_shared.events import EventRegistry
from park_shared.handler import CommandContext
from park_shared.telemetry import span_from, traceparent_of, tracing_enabled
from park_shared.telemetry.context import parent_context

__all__ = ["Delivery", "EventConsumer", "Reaction", "handle_in_lanes"]

log = logging.getLogger(__name__)

TYPE_PATTERN = re.compile(r"^park\.(?P<service>[a-z-]+)\.(?P<name>[A-Za-z]+)\.v(?P<version>\d+)$")


@dataclass(frozen=True, slots=True)
class Delivery:
    """The event a reaction handles, its envelope, and the context its effect carries."""

    event: BaseModel
    envelope: Envelope
    context: CommandContext


Reaction = Callable[[Delivery], Awaitable[None]]


class PoisonMessage(Exception):
    pass


def runs_by_topic(batch: Sequence[Message]) -> list[list[Message]]:
    """The batch cut where the topic changes: the order between topics is kept."""
    runs: list[list[Message]] = []
    for message in batch:
        if runs and runs[-1][0].topic == message.topic:
            runs[-1].append(message)
        else:
            runs.append([message])
    return runs


def by_key(run: Sequence[Message]) -> list[list[Message]]:
    """The messages of each key, in their order."""
    lanes: dict[str, list[Message]] = {}
    for message in run:
        lanes.setdefault(message.key, []).append(message)
    return list(lanes.values())


async def handle_in_lanes(
    run: Sequence[Message], handle: Callable[[Message], Awaitable[None]], width: int
) -> None:
    """Messages of one topic: each key's in order, different keys side by side (their effects
    then share the store's group commits), at most `width` keys at a time. One failing lane
    cancels the rest and the error propagates, so the batch is not committed."""
    lanes = by_key(run)
    if len(lanes) == 1:
        for message in run:
            await handle(message)
        return
    gate = asyncio.Semaphore(width)

    async def lane(messages: list[Message]) -> None:
        async with gate:
            for message in messages:
                await handle(message)

    async with asyncio.TaskGroup() as group:
        for messages in lanes:
            group.create_task(lane(messages))


class EventConsumer:
    def __init__(
        self,
        name: str,
        bus: Bus,
        registry: EventRegistry,
        reactions: Mapping[str, Reaction],
        *,
        is_handled: Callable[[str], Awaitable[bool]],
        topics: Sequence[str],
        dlq: str | None = None,
        attempts: int = 4,
        backoff: float = 0.05,
        lanes: int = 32,
    ) -> None:
        self.name = name
        self._bus = bus
        self._registry = registry
        self._reactions = dict(reactions)
        self._is_handled = is_handled
        self.topics = tuple(topics)
        self.dlq = dlq or dlq_topic(name)
        self._attempts = attempts
        self._backoff = backoff
        self._lanes = lanes
        self._handled_names = {self._name_of(t) for t in reactions}
        self.subscription: Subscription | None = None
        self.handled = 0
        self.dead_lettered = 0

    @staticmethod
    def _name_of(type_: str) -> str:
        match = TYPE_PATTERN.match(type_)
        return f"{match['service']}.{match['name']}" if match else type_

    async def run(self) -> None:
        while True:
            try:
                await self._consume()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - broker outage: reconnect, lose nothing
                log.warning("consumer %s: %s; reconnecting in 1s", self.name, exc)
                await self._close_subscription()
                await asyncio.sleep(1.0)

    async def _consume(self) -> None:
        self.subscription = self._bus.subscribe(self.name, self.topics)
        while True:
            batch = await self.subscription.poll(timeout=0.5)
            for run in runs_by_topic(batch):
                await handle_in_lanes(run, self.handle, self._lanes)
            if batch:
                await self.subscription.commit(batch)

    async def _close_subscription(self) -> None:
        if self.subscription is not None:
            try:
                await self.subscription.close()
            except Exception:  # noqa: BLE001 - closing a broken subscription
                log.debug("closing the subscription of %s failed", self.name)
            self.subscription = None

    async def handle(self, message: Message) -> None:
        """Handles one message fully: its effect, a skip, or the DLQ. Never raises on bad data."""
        try:
            delivery = self._delivery(message)
        except PoisonMessage as poison:
            await self._dead_letter(message, str(poison))
            return
        if delivery is None:
            return
        if not tracing_enabled():
            # no span to start: the envelope's trace is only made current (the log lines of
            # the handling name it), as the no-op tracer did, at a fraction of its cost
            parent = parent_context(delivery.envelope.traceparent)
            token = otel_context.attach(parent) if parent is not None else None
            try:
                handled = await self._react(message, delivery)
            finally:
                if token is not None:
                    otel_context.detach(token)
            if handled:
                self.handled += 1
            return
        with span_from(
            f"handle {delivery.envelope.type}",
            delivery.envelope.traceparent,
            **{"messaging.destination.name": message.topic},
        ) as span:
            if current := traceparent_of(span):
                context = delivery.context.with_traceparent(current)
                delivery = Delivery(delivery.event, delivery.envelope, context)
            handled = await self._react(message, delivery)
        if handled:
            self.handled += 1

    async def _react(self, message: Message, delivery: Delivery) -> bool:
        """The reaction, unless the inbox says it was handled; a failure is retried after
        backoff × 2^(n-1) seconds (at most 2 s), `attempts` in all, then dead-lettered."""
        attempt = 1
        while True:
            try:
                if not await self._is_handled(delivery.context.inbox_key or ""):
                    await self._reactions[delivery.envelope.type](delivery)
                return True
            except Exception as exc:  # noqa: BLE001 - after the retries: dead-letter, go on
                if attempt >= self._attempts:
                    await self._dead_letter(message, f"{type(exc).__name__}: {exc}")
                    return False
            await asyncio.sleep(min(2.0, self._backoff * 2 ** (attempt - 1)))
            attempt += 1

    def _delivery(self, message: Message) -> Delivery | None:
        try:
            envelope = Envelope.from_message(message)
        except InvalidEnvelope as bad:
            raise PoisonMessage(str(bad)) from None
        if envelope.type not in self._reactions:
            if TYPE_PATTERN.match(envelope.type) is None:
                raise PoisonMessage(f"unknown event type {envelope.type!r}")
            if self._name_of(envelope.type) in self._handled_names:
                raise PoisonMessage(f"unknown version of a handled event: {envelope.type}")
            return None
        try:
            event = self._registry.decode(envelope.type, envelope.data)
        except Exception as bad:  # noqa: BLE001 - validation errors name the fields
            raise PoisonMessage(f"invalid {envelope.type}: {bad}") from None
        context = CommandContext(
            actor=envelope.actor,
            correlation_id=envelope.correlation_id,
            causation_id=envelope.id,
            traceparent=envelope.traceparent,
            inbox_key=f"{self.name}:{envelope.id}",
        )
        return Delivery(event, envelope, context)

    async def _dead_letter(self, message: Message, reason: str) -> None:
        log.error("consumer %s dead-letters %s@%s: %s", self.name, message.topic, message.offset, reason)
        headers = (
            *message.headers,
            ("dlq_reason", reason[:2000].encode()),
            ("dlq_consumer", self.name.encode()),
            ("dlq_source_topic", message.topic.encode()),
            ("dlq_source_offset", str(message.offset).encode()),
        )
        dead = Message(self.dlq, message.key, message.value, headers)
        await self._bus.publish([dead])
        self.dead_lettered += 1
