"""The decider: `decide(command, state) -> events`, `evolve(state, event) -> state`. Pure."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

__all__ = ["Decider", "Expect"]

C = TypeVar("C")
S = TypeVar("S")
E = TypeVar("E")

Expect = Literal["new", "existing", "any"]
"""The state a command expects its stream in."""


@dataclass(frozen=True)
class Decider(Generic[C, S, E]):
    initial_state: S
    decide: Callable[[C, S], Sequence[E]]
    evolve: Callable[[S, E], S]

    def fold(self, events: Iterable[E], state: S | None = None) -> S:
        current = self.initial_state if state is None else state
        for event in events:
            current = self.evolve(current, event)
        return current

    def given(self, events: Iterable[E], command: C) -> Sequence[E]:
        """Given past events, when a command arrives, then these events (for tests)."""
        return self.decide(command, self.fold(events))

    def then(self, events: Iterable[E], command: C, expected: Sequence[E]) -> None:
        """Given past events, when a command arrives, then exactly `expected` (for tests): an
        AssertionError shows both lists when they differ."""
        decided = list(self.given(events, command))
        if decided != list(expected):
            raise AssertionError(f"expected {list(expected)!r}\n     got {decided!r}")
