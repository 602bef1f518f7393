"""A process's own appends, told to the loops that follow its store (the outbox relay, the
projection runner), so they act at once instead of polling fast; they still poll, slowly, for
what other processes append to the same store."""

from __future__ import annotations

import asyncio
import contextlib

__all__ = ["AppendSignal", "Waker"]


class Waker:
    """One follower's view of the signal: `clear` before reading the store, then `sleep`
    returns early if anything was appended since."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def clear(self) -> None:
        self._event.clear()

    def set(self) -> None:
        self._event.set()

    async def sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await self._event.wait()


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
