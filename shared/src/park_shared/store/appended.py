"""A process's own appends, told to the loops that follow its store (the outbox relay, the
projection runner), so they act at once instead of polling fast; they still poll, slowly, for
what other processes append to the same store."""

from __future__ import annotations

import asyncio
import contextlib

__all__ = ["AppendSignal", "FollowDelay", "Waker"]

FIRST_DELAY = 0.005


class Waker:
    """One follower's view of the signal: `clear` before reading the store, then `sleep`
    returns early if anything was appended since."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def clear(self) -> None:
        self._event.clear()

    def set(self) -> None:
        self._event.set()

    async def sleep(self, seconds: float) -> bool:
        """True when an append ended the wait (False: the time ran out)."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await self._event.wait()
        return self._event.is_set()


class FollowDelay:
    """How long a follower waits before it looks at the store again. A look that finds nothing
    doubles the wait (from FIRST_DELAY up to `idle`); a look that finds what another process
    appended sets it back to FIRST_DELAY (that process may append more; nothing tells this one).
    A look woken by this process's own append leaves it as it was: the next own append wakes the
    follower again, so polling fast after it would only ask the store for what is not there (at
    4 signings/s, four to five looks after every append in each follower)."""

    def __init__(self, idle: float) -> None:
        self.idle = idle
        self.seconds = FIRST_DELAY

    def after(self, moved: bool, woken: bool) -> float:
        if not moved:
            self.seconds = min(self.idle, max(self.seconds * 2, FIRST_DELAY))
        elif not woken:
            self.seconds = FIRST_DELAY
        return self.seconds


class AppendSignal:
    def __init__(self) -> None:
        self._wakers: list[Waker] = []

    def waker(self) -> Waker:
        waker = Waker()
        self._wakers.append(waker)
        return waker

    def notify(self) -> None:
        for waker in self._wakers:
            waker.set()
