"""Sustained command rate per service over HTTP: one cheap command each, closed loop."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import httpx
from _stats import percentile
from _suite_http import LEAD, client, gather_bounded, new_code


@dataclass(frozen=True)
class CommandRate:
    service: str
    command: str
    done: int
    per_second: float
    p50_ms: float
    p99_ms: float
    seconds: float = 0.0
    took_ms: list[float] = field(default_factory=list, repr=False)


def merged(slices: Sequence[CommandRate]) -> CommandRate:
    """One service's slices (the same command, measured in turns) as one measurement."""
    first, ms = slices[0], [t for s in slices for t in s.took_ms]
    seconds = sum(s.seconds for s in slices)
    return CommandRate(first.service, first.command, len(ms), len(ms) / seconds,
                       percentile(ms, 50), percentile(ms, 99), seconds, ms)  # fmt: skip


def _bodies(today: date) -> dict[str, tuple[str, str, Callable[[], dict[str, Any]]]]:
    """For each service: the command's name, its path, and a fresh body."""
    closes = (today + timedelta(days=30)).isoformat()

    def lead() -> dict[str, Any]:
        code = new_code()
        return {**LEAD, "company_name": f"速率{code}有限公司", "credit_code": code}

    def offering() -> dict[str, Any]:
        return {
            "title": "bench",
            "target_amount": "1000000.00",
            "unit_price": "1.00",
            "min_subscription": "100.00",
            "max_subscription": "1000.00",
            "opens_on": today.isoformat(),
            "closes_on": closes,
            "admitted_investor_types": ["sme"],
        }

    def complaint() -> dict[str, Any]:
        return {"unit": "service-center", "description": "bench"}

    def ticket() -> dict[str, Any]:
        return {"kind": "printing", "description": "bench"}

    return {
        "headquarters": ("file a complaint", "/supervision-cases", complaint),
        "service-center": ("open a ticket", "/tickets", ticket),
        "industrial-co": ("draft an offering", "/offerings", offering),
        "investment": ("register a lead", "/leads", lead),
    }


async def command_rate(suite: Any, service: str, today: date, seconds: float, workers: int) -> CommandRate:
    name, path, body = _bodies(today)[service]
    took: list[float] = []
    async with client(suite, service) as http:
        stop_at = time.perf_counter() + seconds

        async def loop() -> None:
            while time.perf_counter() < stop_at:
                t0 = time.perf_counter()
                try:
                    r = await http.post(path, json=body())
                except httpx.TransportError:
                    continue  # a dropped connection: not a command done
                _check(r)
                took.append(time.perf_counter() - t0)

        start = time.perf_counter()
        await gather_bounded([loop for _ in range(workers)], workers)
        elapsed = time.perf_counter() - start
    ms = [t * 1000 for t in took]
    return CommandRate(service, name, len(took), len(took) / elapsed, percentile(ms, 50), percentile(ms, 99),
                       elapsed, ms)  # fmt: skip


def _check(r: httpx.Response) -> None:
    if r.status_code >= 400:
        raise RuntimeError(f"{r.request.method} {r.request.url}: {r.status_code} {r.text[:300]}")
