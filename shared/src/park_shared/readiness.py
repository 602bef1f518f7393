"""Why a service is not ready, said in its log: opening a store or bus is retried and a slow
attempt is reported while it hangs (a wedged server accepts connections and never answers);
`/ready`'s probes log each part's change of state (unreachable, and ok again), not every poll."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

__all__ = ["PROBE_DEADLINE", "Probes", "retrying"]

log = logging.getLogger("park_shared.runtime")

PROBE_DEADLINE = 2.0  # seconds a part has to answer /ready's ping
SLOW_ATTEMPT = 10.0  # seconds after which a pending attempt to connect is reported, then again


class Pingable(Protocol):
    async def ping(self) -> None: ...


class Probes:
    """/ready's probes of one service; remembers each part's last state to log changes."""

    def __init__(self, service: str) -> None:
        self.service = service
        self._last: dict[str, str] = {}

    async def probe(self, name: str, part: Pingable | None) -> str:
        if part is None:
            return "connecting"
        try:
            await asyncio.wait_for(part.ping(), PROBE_DEADLINE)
        except TimeoutError:
            state = "unreachable: TimeoutError"
            self._changed(name, state, f"no answer to a ping within {PROBE_DEADLINE:g}s")
            return state
        except Exception as exc:  # noqa: BLE001 - reported, not raised
            state = f"unreachable: {type(exc).__name__}"
            self._changed(name, state, f"{type(exc).__name__}: {exc}")
            return state
        self._changed(name, "ok", "")
        return "ok"

    def _changed(self, name: str, state: str, why: str) -> None:
        before = self._last.get(name, "ok")
        self._last[name] = state
        if state != before and state == "ok":
            log.warning("%s: %s reachable again (was %s)", self.service, name, before)
        elif state != before:
            log.warning("%s: not ready, %s %s (%s)", self.service, name, state.split(":")[0], why)


async def retrying(
    what: str, open_: Callable[[], Awaitable[Any]], *, slow_after: float = SLOW_ATTEMPT
) -> Any:
    """``open_()`` until it succeeds, backing off to 10 s; each failure and each attempt that
    hangs longer than ``slow_after`` seconds (then again) is logged."""
    delay = 0.5
    while True:
        attempt = asyncio.ensure_future(open_())
        try:
            return await _reporting_slowness(what, attempt, slow_after)
        except asyncio.CancelledError:
            attempt.cancel()
            raise
        except Exception as exc:  # noqa: BLE001 - the server may come later: keep trying
            log.warning("%s unreachable (%s: %s); retrying in %.1fs", what, type(exc).__name__, exc, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 10.0)


async def _reporting_slowness(what: str, attempt: asyncio.Future[Any], slow_after: float) -> Any:
    waited = 0.0
    while True:
        done, _ = await asyncio.wait({attempt}, timeout=slow_after)
        if done:
            return attempt.result()
        waited += slow_after
        log.warning("%s still connecting after %gs: its server accepts but does not answer", what, waited)
