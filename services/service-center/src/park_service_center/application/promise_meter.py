"""The promises service-center keeps, as metrics: steps decided on time or late, and deadlines
passed undecided, counted as their events are stored."""

from __future__ import annotations

import orjson
from opentelemetry.metrics import Counter, Meter
from park_shared.events import NewEvent, type_name

from park_service_center.events import SERVICE

__all__ = ["PromiseMeter"]

DECIDED = frozenset(type_name(SERVICE, name, 1) for name in ("StepApproved", "StepRejected"))
OVERDUE = type_name(SERVICE, "StepOverdue", 1)


class PromiseMeter:
    def __init__(self) -> None:
        self._promises: Counter | None = None
        self._overdue: Counter | None = None

    def start(self, meter: Meter) -> None:
        self._promises = meter.create_counter("park.promises", description="Steps decided on time or late")
        self._overdue = meter.create_counter("park.steps.overdue", description="Deadlines passed undecided")

    def appended(self, service: str, event: NewEvent) -> None:
        if self._promises is None or self._overdue is None:
            return
        if event.type == OVERDUE:
            step = str(orjson.loads(event.data).get("step_code"))
            self._overdue.add(1, {"service": service, "step": step})
        elif event.type in DECIDED:
            data = orjson.loads(event.data)
            within = data.get("within_promise")
            if isinstance(within, bool):
                outcome = "on_time" if within else "overdue"
                self._promises.add(
                    1, {"service": service, "step": str(data.get("step_code")), "outcome": outcome}
                )
