"""The benchmark's domain: cases that open and complete steps, with ~300-byte payloads
like the peer benchmark's."""

from __future__ import annotations

import json
from collections.abc import Sequence

from park_shared.decider import Decider
from park_shared.events import Event, EventRegistry, RecordedEvent
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

registry = EventRegistry("bench")
PAYLOAD_BYTES = 300


def payload(i: int) -> dict[str, object]:
    base: dict[str, object] = {
        "actor": f"user-{i % 997:04d}",
        "channel": "api",
        "priority": i % 5,
        "tags": ["alpha", "beta"],
        "note": "",
    }
    base["note"] = ("lorem ipsum dolor sit amet " * 20)[: PAYLOAD_BYTES - len(json.dumps(base))]
    return base


@registry.event()
class StepDone(Event):
    step: int
    data: dict[str, object]


class DoStep(BaseModel):
    step: int
    data: dict[str, object]
    count: int = 1


def decide(command: DoStep, done: int) -> Sequence[StepDone]:
    return [StepDone(step=done + k, data=command.data) for k in range(command.count)]


def evolve(done: int, event: StepDone) -> int:
    return done + 1


cases: Decider[DoStep, int, StepDone] = Decider(0, decide, evolve)


class StepCounter:
    """A projection that counts events per stream, in memory: replay speed, not write speed."""

    name = "bench-counter"
    collections = ("bench",)

    def __init__(self) -> None:
        self.seen = 0

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        self.seen += 1
