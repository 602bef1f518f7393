"""A small in-process token bucket per client, for the public inquiry form."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

__all__ = ["TokenBucket"]

MAX_CLIENTS = 10_000


class TokenBucket:
    """`burst` tokens per client; one comes back every `refill_seconds`."""

    def __init__(
        self, burst: int, refill_seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._burst = float(burst)
        self._refill = refill_seconds
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}

    def take(self, client: str) -> int | None:
        """Takes a token: None when allowed, else the whole seconds to wait (Retry-After)."""
        now = self._clock()
        tokens, since = self._buckets.get(client, (self._burst, now))
        tokens = min(self._burst, tokens + (now - since) / self._refill)
        if tokens >= 1.0:
            self._remember(client, tokens - 1.0, now)
            return None
        self._remember(client, tokens, now)
        return max(1, math.ceil((1.0 - tokens) * self._refill))

    def _remember(self, client: str, tokens: float, now: float) -> None:
        if len(self._buckets) >= MAX_CLIENTS and client not in self._buckets:
            self._forget_full(now)
        self._buckets[client] = (tokens, now)

    def _forget_full(self, now: float) -> None:
        for key, (tokens, since) in list(self._buckets.items()):
            if tokens + (now - since) / self._refill >= self._burst:
                del self._buckets[key]
        if len(self._buckets) >= MAX_CLIENTS:
            self._buckets.clear()
