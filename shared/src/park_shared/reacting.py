"""A reaction to one event type, typed: the consumer hands every reaction a `Delivery` whose
event is a plain `BaseModel`; `on(Model, react)` checks it is a `Model` (the registry decoded
it by its type name, so anything else is a wiring fault) and calls `react(event, delivery)`
with the event typed. A service binds its application context with `functools.partial`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from pydantic import BaseModel

from park_shared.consumer import Delivery, Reaction

__all__ = ["on"]

E = TypeVar("E", bound=BaseModel)


def on(model: type[E], react: Callable[[E, Delivery], Awaitable[None]]) -> Reaction:
    """The reaction that hands `react` the delivery's event as a `model`; an event of another
    type raises TypeError (a reaction registered under the wrong type name)."""

    async def reaction(delivery: Delivery) -> None:
        event = delivery.event
        if not isinstance(event, model):
            raise TypeError(f"expected {model.__name__}, got {type(event).__name__}")
        await react(event, delivery)

    return reaction
