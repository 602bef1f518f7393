"""Tells live views that something new was recorded: each change bumps a counter and wakes
every waiter (one waiter per open server-sent event stream)."""

from __future__ import annotations

import asyncio
import contextlib

__all__ = ["Changes"]


class Changes:
    def __init__(self) -> None:
        self.version = 0
        self._condition: asyncio.Condition | None = None

    def _cond(self) -> asyncio.Condition:
        if self._condition is None:
            self._condition = asyncio.Condition()
        return self._condition

    async def notify(self) -> None:
        cond = self._cond()
        async with cond:
            self.version += 1
            cond.notify_all()

    async def wait(self, seen: int, timeout: float) -> int:
        """Returns the version once it is past `seen`, or the current one after `timeout`."""
        cond = self._cond()
        async with cond:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(cond.wait_for(lambda: self.version > seen), timeout)
            return self.version
