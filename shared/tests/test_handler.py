"""The one generic command handler: given a stream, when a command, then events; conflicts."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from opentelemetry import context as otel_context
from opentelemetry import trace
from park_shared.decider import Decider
from park_shared.errors import Conflict, Invalid, NotFound, StaleVersion
from park_shared.events import Event, EventRegistry, RecordedEvent
from park_shared.handler import CommandContext, CommandHandler, StreamLocks, _current_span
from park_shared.store.sqlite import SqliteEventStore
from park_shared.telemetry.context import attach_span, detach, parent_context
from pydantic import BaseModel

registry = EventRegistry("test")


@registry.event()
class Deposited(Event):
    amount: int


class Deposit(BaseModel):
    amount: int


def decide(command: Deposit, balance: int) -> Sequence[Deposited]:
    if command.amount <= 0:
        raise Invalid("a deposit must be positive", field="amount")
    if balance + command.amount > 100:
        raise Conflict(f"the balance {balance} would pass the limit of 100")
    return [Deposited(amount=command.amount)]


def evolve(balance: int, event: Deposited) -> int:
    return balance + event.amount


account: Decider[Deposit, int, Deposited] = Decider(0, decide, evolve)
Handler = CommandHandler[Deposit, int, Deposited]


@pytest.fixture
async def handler(tmp_path: Path) -> Handler:
    store = SqliteEventStore.open(tmp_path / "h.sqlite")
    return CommandHandler(store, registry, account)


def test_given_events_when_a_command_then_its_events() -> None:
    assert account.given([Deposited(amount=60)], Deposit(amount=30)) == [Deposited(amount=30)]
    with pytest.raises(Conflict, match="balance 90"):
        account.given([Deposited(amount=60), Deposited(amount=30)], Deposit(amount=20))


async def test_a_command_appends_its_events_and_returns_the_new_state(handler: Handler) -> None:
    outcome = await handler.handle("acct-1", Deposit(amount=10), context=CommandContext(actor="hq:x:y"))
    outcome = await handler.handle("acct-1", Deposit(amount=15))
    assert (outcome.state, outcome.version) == (25, 2)
    assert await handler.load("acct-1") == (25, 2)


async def test_a_refused_command_stores_nothing(handler: Handler) -> None:
    await handler.handle("acct-1", Deposit(amount=90))
    with pytest.raises(Conflict):
        await handler.handle("acct-1", Deposit(amount=20))
    with pytest.raises(Invalid) as invalid:
        await handler.handle("acct-1", Deposit(amount=0))
    assert invalid.value.field == "amount"
    assert await handler.load("acct-1") == (90, 1)


async def test_a_stale_expected_version_gets_409_with_the_current_version(handler: Handler) -> None:
    await handler.handle("acct-1", Deposit(amount=1))
    await handler.handle("acct-1", Deposit(amount=1))
    with pytest.raises(StaleVersion) as stale:
        await handler.handle("acct-1", Deposit(amount=1), expected_version=1)
    assert stale.value.status == 409 and stale.value.extra["current_version"] == 2


async def test_expectations_about_the_stream_are_checked(handler: Handler) -> None:
    with pytest.raises(NotFound):
        await handler.handle("acct-9", Deposit(amount=1), expect="existing")
    await handler.handle("acct-9", Deposit(amount=1), expect="new")
    with pytest.raises(Conflict, match="exists already"):
        await handler.handle("acct-9", Deposit(amount=1), expect="new")


def counting_reads(store: SqliteEventStore) -> list[str]:
    """The streams `store` reads from now on, in order."""
    reads: list[str] = []
    read_stream = store.read_stream

    async def counted(stream_id: str) -> list[RecordedEvent]:
        reads.append(stream_id)
        return await read_stream(stream_id)

    store.read_stream = counted  # type: ignore[method-assign]
    return reads


async def test_a_new_stream_is_written_without_reading_it_first(tmp_path: Path) -> None:
    store = SqliteEventStore.open(tmp_path / "n.sqlite")
    reads = counting_reads(store)
    handler = CommandHandler(store, registry, account)
    await handler.handle("acct-n", Deposit(amount=5), expect="new")
    assert reads == []
    with pytest.raises(Conflict, match="exists already"):  # the append collided: read, then refused
        await handler.handle("acct-n", Deposit(amount=7), expect="new")
    # the refused one stored nothing
    assert reads == ["acct-n"] and len(await store.read_stream("acct-n")) == 1


def change(command: Deposit, balance: int) -> Sequence[Deposited]:
    """A deposit or a withdrawal (negative); zero changes nothing."""
    if command.amount == 0:
        return []
    if balance + command.amount < 0:
        raise Conflict(f"the balance {balance} would go below zero")
    return [Deposited(amount=command.amount)]


signed: Decider[Deposit, int, Deposited] = Decider(0, change, evolve)


async def test_a_mostly_new_command_reads_a_new_stream_never_and_an_existing_one_after_the_append_collides(
    tmp_path: Path,
) -> None:
    store = SqliteEventStore.open(tmp_path / "m.sqlite")
    reads = counting_reads(store)
    handler = CommandHandler(store, registry, signed)
    outcome = await handler.handle("acct-m", Deposit(amount=5), mostly_new=True)
    assert reads == [] and (outcome.state, outcome.version) == (5, 1)

    outcome = await handler.handle("acct-m", Deposit(amount=7), mostly_new=True)
    assert reads == ["acct-m"], "the assumed empty stream collided: it is read, the command runs again"
    assert (outcome.state, outcome.version) == (12, 2)

    outcome = await handler.handle("acct-m", Deposit(amount=-10), mostly_new=True)
    assert (outcome.state, outcome.version) == (2, 3), (
        "refused on the assumed empty stream, not on the stream"
    )
    outcome = await handler.handle("acct-m", Deposit(amount=0), mostly_new=True)
    assert (outcome.state, outcome.version) == (2, 3), (
        "nothing to do was answered from the assumed empty stream"
    )
    with pytest.raises(Conflict, match="balance 2 would go below zero"):
        await handler.handle("acct-m", Deposit(amount=-3), mostly_new=True)
    assert len(await store.read_stream("acct-m")) == 3


def cap(command: Deposit, balance: int) -> Sequence[Deposited]:
    """Brings the balance down to the command's amount; below it already, nothing to do."""
    return [Deposited(amount=command.amount - balance)] if balance > command.amount else []


async def test_a_mostly_new_reaction_with_nothing_to_do_on_the_empty_stream_is_decided_on_the_stream(
    tmp_path: Path,
) -> None:
    store = SqliteEventStore.open(tmp_path / "c.sqlite")
    await CommandHandler(store, registry, signed).handle("acct-c", Deposit(amount=5))
    handler = CommandHandler(store, registry, Decider(0, cap, evolve))

    ctx = CommandContext(inbox_key="consumer:event-cap")
    outcome = await handler.handle("acct-c", Deposit(amount=3), context=ctx, mostly_new=True)
    assert (outcome.state, outcome.version) == (3, 2), "nothing to do was decided on the assumed empty stream"
    assert await handler.load("acct-c") == (3, 2)


async def test_concurrent_commands_on_one_stream_retry_and_all_land(handler: Handler) -> None:
    await asyncio.gather(*(handler.handle("acct-c", Deposit(amount=1)) for _ in range(20)))
    assert await handler.load("acct-c") == (20, 20)


async def test_concurrent_commands_that_break_a_rule_after_a_retry_are_refused(
    handler: Handler,
) -> None:
    results = await asyncio.gather(
        *(handler.handle("acct-r", Deposit(amount=40)) for _ in range(3)), return_exceptions=True
    )
    assert sum(isinstance(r, Conflict) for r in results) == 1
    assert await handler.load("acct-r") == (80, 2)


async def test_a_redelivered_reaction_has_one_effect(handler: Handler) -> None:
    ctx = CommandContext(inbox_key="consumer:event-1")
    first = await handler.handle("acct-i", Deposit(amount=5), context=ctx)
    again = await handler.handle("acct-i", Deposit(amount=5), context=ctx)
    assert not first.duplicate and again.duplicate
    assert await handler.load("acct-i") == (5, 1)


async def test_with_tracing_off_the_events_carry_the_trace_current_when_the_command_ran(
    tmp_path: Path,
) -> None:
    """No tracer provider in this process: the command's span is the no-op's, and its events
    carry the traceparent of the caller's context (one carried in by a message), or none."""
    parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
    store = SqliteEventStore.open(tmp_path / "t.sqlite")
    handler = CommandHandler(store, registry, account)
    await handler.handle("acct-t", Deposit(amount=1))
    carried = parent_context(parent)
    assert carried is not None
    token = otel_context.attach(carried)
    try:
        await handler.handle("acct-t", Deposit(amount=2))
        assert trace.get_current_span().get_span_context().span_id == int(parent[36:52], 16)
    finally:
        otel_context.detach(token)
    await handler.handle("acct-t", Deposit(amount=3), context=CommandContext(traceparent="given"))
    assert [r.meta.traceparent for r in await store.read_stream("acct-t")] == [None, parent, "given"]
    await store.close()


async def test_commands_on_one_stream_take_turns_first_come_first_served() -> None:
    locks = StreamLocks()
    inside: list[int] = []
    log: list[tuple[str, int]] = []

    async def one(i: int) -> None:
        async with locks.hold("s"):
            inside.append(i)
            log.append(("in", i))
            assert inside == [i]  # nobody else holds the stream meanwhile
            await asyncio.sleep(0)
            inside.remove(i)
            log.append(("out", i))

    await asyncio.gather(*(one(i) for i in range(5)))
    assert log == [(step, i) for i in range(5) for step in ("in", "out")]


async def test_a_turn_given_to_a_caller_cancelled_meanwhile_passes_to_the_next() -> None:
    locks = StreamLocks()
    entered: list[str] = []

    async def wait_turn(name: str) -> None:
        async with locks.hold("s"):
            entered.append(name)

    async with locks.hold("s"):
        second = asyncio.create_task(wait_turn("second"))
        third = asyncio.create_task(wait_turn("third"))
        cancelled_waiting = asyncio.create_task(wait_turn("cancelled while waiting"))
        await asyncio.sleep(0)  # all three wait for the stream
        cancelled_waiting.cancel()
    second.cancel()  # its turn was just handed to it; it is cancelled before it takes it
    await asyncio.wait_for(third, 1)
    assert entered == ["third"] and second.cancelled() and cancelled_waiting.cancelled()
    await asyncio.wait_for(wait_turn("after"), 1)  # the stream is free again
    assert entered == ["third", "after"]


async def test_a_caller_cancelled_while_it_holds_the_stream_lets_the_next_in() -> None:
    locks = StreamLocks()
    holding = asyncio.Event()

    async def hold_forever() -> None:
        async with locks.hold("s"):
            holding.set()
            await asyncio.Event().wait()

    holder = asyncio.create_task(hold_forever())
    await holding.wait()

    async def next_one() -> str:
        async with locks.hold("s"):
            return "in"

    waiter = asyncio.create_task(next_one())
    await asyncio.sleep(0)
    holder.cancel()
    assert await asyncio.wait_for(waiter, 1) == "in"


@pytest.mark.parametrize("current", ["none", "span", "not a span"])
def test_the_current_span_is_read_as_the_api_reads_it(current: str) -> None:
    span = trace.NonRecordingSpan(trace.SpanContext(1, 2, False))
    values: dict[str, Any] = {"none": None, "span": span, "not a span": "x"}
    token = attach_span(values[current])
    try:
        assert _current_span() is trace.get_current_span()
    finally:
        detach(token)
