"""An aggregate bound once: ids name its streams, each command type says the state it expects,
and a missing stream is refused in the domain's words; Decider.then for decider tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from park_shared.aggregate import Aggregate
from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.errors import Conflict, NotFound
from park_shared.events import Event, EventRegistry
from park_shared.handler import CommandContext
from park_shared.store.port import EventStore
from park_shared.store.sqlite import SqliteEventStore
from pydantic import ValidationError


class Opened(Event):
    name: str


class Renamed(Event):
    name: str


class Open(Command):
    name: str


class Rename(Command):
    name: str


class Touch(Command):
    name: str


def decide(command: Open | Rename | Touch, state: str) -> Sequence[Opened | Renamed]:
    match command:
        case Open():
            return [Opened(name=command.name)]
        case Rename() | Touch():
            return [Renamed(name=command.name)]


def evolve(state: str, event: Opened | Renamed) -> str:
    return event.name


park: Decider[Open | Rename | Touch, str, Opened | Renamed] = Decider("", decide, evolve)
registry = EventRegistry("test")
registry.add("park.test.Opened.v1", Opened)
registry.add("park.test.Renamed.v1", Renamed)


@dataclass
class Source:
    store: EventStore
    registry: EventRegistry


@pytest.fixture
def source(tmp_path: Path) -> Source:
    return Source(SqliteEventStore.open(tmp_path / "a.sqlite"), registry)


CTX = CommandContext(actor="test")


async def test_a_prefix_a_function_or_the_id_itself_names_the_stream(source: Source) -> None:
    prefixed = Aggregate(source, park, stream="park", creates=(Open,))
    computed = Aggregate(source, park, stream=lambda id_: f"zone/{id_}", creates=(Open,))
    own = Aggregate(source, park, creates=(Open,))
    await prefixed.handle("east", Open(name="East"), CTX)
    await computed.handle("west", Open(name="West"), CTX)
    await own.handle("park-north", Open(name="North"), CTX)
    assert [len(await source.store.read_stream(s)) for s in ("park-east", "zone/west", "park-north")] == [
        1,
        1,
        1,
    ]
    assert await prefixed.load("north") == ("North", 1)  # the same stream, reached by its id


async def test_each_command_type_expects_its_state(source: Source) -> None:
    parks = Aggregate(source, park, stream="park", creates=(Open,), upserts=(Touch,))
    await parks.handle("east", Open(name="East"), CTX)
    with pytest.raises(Conflict, match="park-east exists already"):
        await parks.handle("east", Open(name="East again"), CTX)
    with pytest.raises(NotFound) as absent:
        await parks.handle("west", Rename(name="West"), CTX)
    assert absent.value.extra == {"stream_id": "park-west"}
    outcome = await parks.handle("south", Touch(name="South"), CTX)  # any state: starts the stream
    assert (outcome.state, outcome.version) == ("South", 1)


async def test_a_missing_stream_is_refused_in_the_domain_s_words(source: Source) -> None:
    parks = Aggregate(source, park, stream="park", creates=(Open,), missing=("park", "park_id"))
    with pytest.raises(NotFound) as absent:
        await parks.handle("west", Rename(name="West"), CTX)
    assert (absent.value.detail, absent.value.extra) == ("there is no park 'west'", {"park_id": "west"})


async def test_a_second_create_is_refused_in_the_domain_s_words(source: Source) -> None:
    parks = Aggregate(source, park, stream="park", creates=(Open,), missing=("park", "park_id"))
    await parks.handle("east", Open(name="East"), CTX)
    with pytest.raises(Conflict) as present:
        await parks.handle("east", Open(name="East again"), CTX)
    assert (present.value.detail, present.value.extra) == (
        "there is a park 'east' already",
        {"park_id": "east"},
    )
    assert await parks.load("east") == ("East", 1)


def test_then_passes_on_the_expected_events_and_shows_both_lists_otherwise() -> None:
    park.then([Opened(name="East")], Rename(name="Dong"), [Renamed(name="Dong")])
    with pytest.raises(AssertionError, match=r"expected \[Renamed\(name='Xi'\)\]\n\s+got \[Renamed"):
        park.then([Opened(name="East")], Rename(name="Dong"), [Renamed(name="Xi")])


def test_a_command_is_frozen_and_refuses_unknown_fields() -> None:
    with pytest.raises(ValidationError, match="extra"):
        Open(name="East", colour="red")  # type: ignore[call-arg]
    with pytest.raises(ValidationError, match="frozen"):
        Open(name="East").name = "West"  # type: ignore[misc]
