"""The one generic command handler: load, fold, decide, append with expected version, retry."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Generic, NamedTuple, TypeVar

from opentelemetry import trace
from pydantic import BaseModel

from park_shared.decider import Decider, Expect
from park_shared.errors import (
    AlreadyHandled,
    Conflict,
    DomainError,
    NotFound,
    StaleVersion,
    WrongExpectedVersion,
)
from park_shared.events import EventMeta, EventRegistry, NewEvent, new_id, occurred_now
from park_shared.store.port import EventStore
from park_shared.telemetry.context import (
    CurrentSpan,
    current_span,
    current_traceparent,
    recording_tracer,
    traceparent_of,
)

__all__ = ["CommandContext", "CommandHandler", "Outcome", "StreamLocks"]

_ALREADY = nullcontext()
"""The span current already stays as it is (a `nullcontext` can be entered again and again)."""

C = TypeVar("C")
S = TypeVar("S")
E = TypeVar("E", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class CommandContext:
    """Who sends a command and in which conversation; becomes the events' metadata."""

    actor: str = "system"
    correlation_id: str = field(default_factory=new_id)
    causation_id: str | None = None
    traceparent: str | None = None
    inbox_key: str | None = None

    def meta(self, now: str) -> EventMeta:
        return EventMeta(
            new_id(),
            now,
            self.correlation_id,
            self.causation_id or self.correlation_id,
            self.actor,
            self.traceparent,
        )

    def with_traceparent(self, traceparent: str) -> CommandContext:
        """This context carrying `traceparent`: `dataclasses.replace(self, traceparent=...)`
        without its cost (a span's every command and reaction)."""
        return CommandContext(self.actor, self.correlation_id, self.causation_id, traceparent, self.inbox_key)


class Outcome(NamedTuple, Generic[S, E]):
    state: S
    version: int
    events: Sequence[E]
    duplicate: bool = False


class StreamLocks:
    """Commands on one stream within a process take turns instead of racing: a hot stream
    costs a queue, not a retry storm. Other processes are still met by optimistic concurrency.
    A stream nobody else holds costs a dict entry, no lock: its waiters (first come, first
    served) are futures handed the turn one by one."""

    def __init__(self) -> None:
        self._waiting: dict[str, deque[asyncio.Future[None]]] = {}
        """The streams held, each with the callers waiting for their turn on it."""

    def hold(self, stream_id: str) -> _Turn:
        """`async with locks.hold(stream_id):` the block runs when the stream's turn is its."""
        return _Turn(self, stream_id)

    def take(self, stream_id: str) -> bool:
        """True when nobody holds the stream: it is the caller's now, until it calls `release`.
        False: the caller awaits `turn(stream_id)` before it is."""
        if stream_id in self._waiting:
            return False
        self._waiting[stream_id] = deque()
        return True

    async def turn(self, stream_id: str) -> None:
        """Waits for the stream's turn after `take` said it is held; then it is the caller's."""
        turn = asyncio.get_running_loop().create_future()
        queue = self._waiting[stream_id]
        queue.append(turn)
        try:
            await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():  # handed the turn, cancelled before taking it
                self.release(stream_id)
            elif turn in queue:  # (a turn cancelled may have been dropped by its holder already)
                queue.remove(turn)
            raise

    def release(self, stream_id: str) -> None:
        """The stream's turn goes to its next waiter, or it is free."""
        queue = self._waiting[stream_id]
        while queue:
            turn = queue.popleft()
            if not turn.done():
                turn.set_result(None)
                return
        del self._waiting[stream_id]


class _Turn:
    __slots__ = ("_locks", "_stream_id")

    def __init__(self, locks: StreamLocks, stream_id: str) -> None:
        self._locks = locks
        self._stream_id = stream_id

    async def __aenter__(self) -> None:
        if not self._locks.take(self._stream_id):
            await self._locks.turn(self._stream_id)

    async def __aexit__(self, *exc: object) -> None:
        self._locks.release(self._stream_id)


def _command_span(
    command: object, stream_id: str, ctx: CommandContext
) -> tuple[CommandContext, AbstractContextManager[object]]:
    """The command's span, current while it runs, and the context whose events carry it. With
    tracing off there is no span of the command's own, and the events carry the trace the
    caller is in, if any (what the API's no-op tracer's span would give)."""
    tracer_ = recording_tracer()
    if tracer_ is None:
        if ctx.traceparent is None and (current := current_traceparent()) is not None:
            ctx = ctx.with_traceparent(current)
        return ctx, _ALREADY
    span = tracer_.start_span(f"command {type(command).__name__}", attributes={"park.stream_id": stream_id})
    if ctx.traceparent is None and (own := traceparent_of(span)) is not None:
        ctx = ctx.with_traceparent(own)
    # a non-recording span that is the current one already: making it current again and
    # ending it would change nothing
    already = not span.is_recording() and span is _current_span()
    return ctx, _ALREADY if already else CurrentSpan(span)


def _current_span() -> trace.Span:
    """`trace.get_current_span()`, read where it reads it without its calls."""
    found = current_span()
    return found if isinstance(found, trace.Span) else trace.INVALID_SPAN


class CommandHandler(Generic[C, S, E]):
    """Runs a command against one stream of one decider; ONE handler serves every aggregate."""

    def __init__(
        self,
        store: EventStore,
        registry: EventRegistry,
        decider: Decider[C, S, E],
        *,
        max_retries: int = 5,
        locks: StreamLocks | None = None,
    ) -> None:
        """`locks`: shared by the handlers of one aggregate (an Aggregate passes its own)."""
        self._store = store
        self._registry = registry
        self._decider = decider
        self._max_retries = max_retries
        self._locks = locks or StreamLocks()

    async def load(self, stream_id: str) -> tuple[S, int]:
        records = await self._store.read_stream(stream_id)
        decode = self._registry.decode
        state = self._decider.initial_state
        evolve = self._decider.evolve
        for r in records:
            state = evolve(state, decode(r.type, r.data))  # type: ignore[arg-type]
        return state, len(records)

    async def handle(
        self,
        stream_id: str,
        command: C,
        *,
        expect: Expect = "any",
        expected_version: int | None = None,
        context: CommandContext | None = None,
        absent: NotFound | None = None,
        present: Conflict | None = None,
        mostly_new: bool = False,
    ) -> Outcome[S, E]:
        """`absent`: the refusal when `expect` is "existing" and there is no stream; `present`:
        when `expect` is "new" and there is one (by default each names the stream).
        `mostly_new`: a command that takes its stream in any state but nearly always finds it
        new (a case opened for a signed lead: there is one only when the lead's LeadSigned
        came again) is decided first on the empty stream, without reading it; when the stream
        exists after all, the append collides and the command runs again on the stream as read.
        A refusal or a decision to do nothing is never answered from the assumed empty stream:
        the stream is read and the command decided again."""
        ctx, span = _command_span(command, stream_id, context or CommandContext())
        locks = self._locks
        with span:
            if not locks.take(stream_id):
                await locks.turn(stream_id)
            try:
                return await self._handle(
                    stream_id, command, expect, expected_version, ctx, (absent, present), mostly_new
                )
            finally:
                locks.release(stream_id)

    async def _handle(
        self,
        stream_id: str,
        command: C,
        expect: Expect,
        expected_version: int | None,
        ctx: CommandContext,
        refusals: tuple[NotFound | None, Conflict | None],
        mostly_new: bool = False,
    ) -> Outcome[S, E]:
        for attempt in range(self._max_retries + 1):
            # a new stream needs no read: if it exists after all, the append collides
            assumed = attempt == 0 and not expected_version and (expect == "new" or mostly_new)
            unsure = assumed and expect != "new"  # its refusals and no-ops need the stream read
            if assumed:
                state, version = self._decider.initial_state, 0
            else:
                state, version = await self.load(stream_id)
            self._check_expectation(stream_id, version, expect, expected_version, refusals)
            try:
                events = list(self._decider.decide(command, state))
            except DomainError:
                if unsure:
                    continue
                raise
            if not events and (unsure or ctx.inbox_key is None):
                if unsure:  # nothing to do on the assumed empty stream: decided again on the stream
                    continue
                return Outcome(state, version, events)
            now = occurred_now()
            new = [NewEvent(*self._registry.encode(e), ctx.meta(now)) for e in events]
            try:
                new_version = await self._store.append(stream_id, new, version, inbox_key=ctx.inbox_key)
            except WrongExpectedVersion as lost:
                if expected_version is not None:
                    raise StaleVersion(stream_id, expected_version, lost.actual) from None
                continue
            except AlreadyHandled:
                state, version = await self.load(stream_id)
                return Outcome(state, version, [], duplicate=True)
            return Outcome(self._decider.fold(events, state), new_version, events)
        raise Conflict(
            f"stream {stream_id} kept changing; gave up after {self._max_retries} retries",
            stream_id=stream_id,
        )

    @staticmethod
    def _check_expectation(
        stream_id: str,
        version: int,
        expect: Expect,
        expected_version: int | None,
        refusals: tuple[NotFound | None, Conflict | None],
    ) -> None:
        absent, present = refusals
        if expected_version is not None and expected_version != version:
            raise StaleVersion(stream_id, expected_version, version)
        if expect == "new" and version > 0:
            raise present or Conflict(f"{stream_id} exists already", stream_id=stream_id)
        if expect == "existing" and version == 0:
            raise absent or NotFound(f"{stream_id} does not exist", stream_id=stream_id)
