"""Timing helpers for the benchmarks."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable


async def rate(n: int, callers: int, one: Callable[[int, int], Awaitable[object]]) -> float:
    """Runs `one(caller, i)` n times spread over `callers` concurrent callers; returns ops/s."""
    per = n // callers

    async def caller(c: int) -> None:
        for i in range(per):
            await one(c, i)

    start = time.perf_counter()
    await asyncio.gather(*(caller(c) for c in range(callers)))
    return per * callers / (time.perf_counter() - start)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
