"""End-to-end latency of a signing: POST /leads/{id}/agreement at investment until the case of
that lead is readable at service-center (GET /cases/{case id of the lead}), at an offered rate."""

from __future__ import annotations

import asyncio
import math
import statistics
import sys
import time
from dataclasses import dataclass
from typing import Any

import httpx
from _stats import percentile
from _suite_http import client
from park_service_center.domain.case import case_id_for_lead

GIVE_UP_S = 60.0
"""A signing whose case is not readable this long after it was sent counts as never."""


@dataclass(frozen=True)
class RateResult:
    offered: float
    signings: int
    sent_per_s: float
    """Signings the sender issued per second (open loop: on schedule unless it fell behind)."""
    opened_per_s: float
    """Cases that became readable per second, from the first signing to the last case."""
    p50_ms: float
    p99_ms: float
    max_ms: float
    behind_s: float
    """How far the sender fell behind its schedule at worst."""
    unfinished: int
    first_ms: float
    last_ms: float
    """Median latency of the first and of the last tenth of the signings."""
    gap_p50_ms: float = math.nan
    gap_p99_ms: float = math.nan
    """The probe's own share of a latency: from the last look-up that did not find the case
    (sent; or the signing, if none missed) to the one that did. The case became readable
    inside that gap: the latency above is its upper end."""

    @property
    def sustained(self) -> bool:
        """Every case opened, the sender kept to its schedule, and no queue built up."""
        queued = self.last_ms > 2 * self.first_ms and self.last_ms - self.first_ms > 200
        return self.unfinished == 0 and self.behind_s < 0.25 and not queued and self.p99_ms < 1000


class Probe:
    """Looks for cases at service-center: at most `budget` look-ups per second that find
    nothing, shared by every signing still waiting, plus the one per signing that finds its
    case (so the looking never becomes the load, and never bounds how many cases per second
    can be seen). Every look-up waits its turn, the first one too (one sent as the signing
    returns finds nothing and only spends the budget): `poll` apart while few wait, further
    apart when many do (a backlog shows as latency, not as more requests)."""

    def __init__(self, sc: httpx.AsyncClient, poll: float, budget: float, rate: float = 0.0) -> None:
        self.sc, self.poll, self.budget = sc, poll, budget + rate
        self.waiting = 0
        self.requests = 0

    async def _found(self, path: str) -> bool:
        try:
            return (await self.sc.get(path)).status_code == 200
        except httpx.TransportError:  # a look-up may be retried: it changes nothing
            return False

    async def until_open(self, lead_id: str, start: float) -> tuple[float, float, float]:
        """(latency, moment the case was seen, the gap since the last look-up that missed)."""
        path = f"/cases/{case_id_for_lead(lead_id)}"
        self.waiting += 1
        missed = start
        try:
            while True:
                await asyncio.sleep(max(self.poll, self.waiting / self.budget))
                sent = time.perf_counter()
                self.requests += 1
                if await self._found(path):
                    seen = time.perf_counter()
                    return seen - start, seen, seen - missed
                missed = sent
        finally:
            self.waiting -= 1


Seen = tuple[float, float, float]


async def _sign_and_watch(inv: httpx.AsyncClient, probe: Probe, lead_id: str) -> Seen | None:
    """Signs, then waits for the case; None when both took more than GIVE_UP_S together."""
    start = time.perf_counter()
    try:
        return await asyncio.wait_for(_signed_and_seen(inv, probe, lead_id, start), GIVE_UP_S)
    except TimeoutError:
        return None


async def _signed_and_seen(inv: httpx.AsyncClient, probe: Probe, lead_id: str, start: float) -> Seen | None:
    await _sign(inv, lead_id)
    return await probe.until_open(lead_id, start)


async def _sign(inv: httpx.AsyncClient, lead_id: str, attempts: int = 3) -> None:
    """POST the agreement; a dropped connection is retried, and a retry that finds the lead
    signed already means the dropped attempt went through."""
    for attempt in range(attempts):
        try:
            r = await inv.post(f"/leads/{lead_id}/agreement", json={"signed_amount": "30000000.00"})
        except httpx.TransportError:
            if attempt == attempts - 1:
                raise
            continue
        if r.status_code == 200 or (attempt and r.status_code == 409 and _signed_already(r.text)):
            return
        raise RuntimeError(f"signing {lead_id}: {r.status_code} {r.text[:300]}")


def _signed_already(problem: str) -> bool:
    return "this one is signed" in problem or "this one is registered" in problem


async def signings_at(suite: Any, leads: list[str], rate: float, poll: float, budget: float) -> RateResult:
    """Signs `leads` at `rate` per second (open loop) and watches each one's case appear."""
    async with client(suite, "investment") as inv, client(suite, "service-center") as sc:
        probe = Probe(sc, poll, budget, rate)
        tasks, behind = [], 0.0
        start = time.perf_counter() + 0.05
        for i, lead_id in enumerate(leads):
            due = start + i / rate
            if due > time.perf_counter():
                await asyncio.sleep(due - time.perf_counter())
            behind = max(behind, time.perf_counter() - due)
            tasks.append(asyncio.create_task(_sign_and_watch(inv, probe, lead_id)))
        sent = len(leads) / max(time.perf_counter() - start, 1e-9)
        outcomes = await asyncio.gather(*tasks, return_exceptions=True)
    failed = [o for o in outcomes if isinstance(o, BaseException)]
    if failed:
        print(f"  {len(failed)} signing(s) failed, e.g. {failed[0]!r}", file=sys.stderr, flush=True)
    results = [None if isinstance(o, BaseException) else o for o in outcomes]
    return _result(rate, results, sent, behind, start)


def _result(rate: float, results: list[Seen | None], sent: float, behind: float, start: float) -> RateResult:
    ms = [r[0] * 1000 if r else math.inf for r in results]  # in signing order; never seen: inf
    seen = [r[1] for r in results if r]
    gaps = [r[2] * 1000 for r in results if r]
    tenth = max(1, len(ms) // 10)
    return RateResult(
        offered=rate,
        signings=len(ms),
        sent_per_s=sent,
        opened_per_s=len(seen) / max(max(seen, default=start) - start, 1e-9),
        p50_ms=percentile(ms, 50),
        p99_ms=percentile(ms, 99),
        max_ms=max(ms, default=math.nan),
        behind_s=behind,
        unfinished=ms.count(math.inf),
        first_ms=statistics.median(ms[:tenth]) if ms else math.nan,
        last_ms=statistics.median(ms[-tenth:]) if ms else math.nan,
        gap_p50_ms=percentile(gaps, 50) if gaps else math.nan,
        gap_p99_ms=percentile(gaps, 99) if gaps else math.nan,
    )


async def drained(suite: Any, timeout: float = 600.0) -> None:
    """Until every outbox is published and every consumer caught up: runs start from rest."""
    deadline = time.perf_counter() + timeout
    async with httpx.AsyncClient(timeout=30) as http:
        while time.perf_counter() < deadline:
            busy = 0
            for process in suite.services.values():
                body = (await http.get(process.url + "/ops/status")).json()
                busy += body["outbox_backlog"] + sum(c["lag"] or 0 for c in body["consumers"])
            if not busy:
                return
            await asyncio.sleep(0.5)
    print(f"  (the suite had not drained after {timeout:.0f} s; going on)", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class LagResult:
    rate: float
    seconds: float
    samples: dict[str, list[int]]
    """Consumer lag by `service/consumer`, one sample every few seconds."""

    def verdict(self, name: str) -> str:
        lags = self.samples[name]
        third = max(1, len(lags) // 3)
        first, last = statistics.mean(lags[:third]), statistics.mean(lags[-third:])
        grows = last > max(2.0, 2 * first)
        trend = "GROWS" if grows else "steady"
        return f"max {max(lags)}, first third {first:.1f}, last third {last:.1f}: {trend}"


async def lag_during(
    suite: Any, leads: list[str], rate: float, poll: float, budget: float, every: float = 2.0
) -> tuple[RateResult, LagResult]:
    """Signs at `rate` while sampling every consumer's lag (GET /ops/status) every `every` s."""
    samples: dict[str, list[int]] = {}
    until = time.perf_counter() + len(leads) / rate  # while the sender keeps its schedule

    async def sample() -> None:
        async with httpx.AsyncClient(timeout=30) as http:
            while time.perf_counter() < until:
                for name in ("headquarters", "service-center", "investment"):
                    try:
                        body = (await http.get(suite.services[name].url + "/ops/status")).json()
                    except httpx.TransportError:  # a kept-alive connection the server closed: next round
                        continue
                    for c in body["consumers"]:
                        samples.setdefault(f"{name}/{c['name']}", []).append(int(c["lag"] or 0))
                await asyncio.sleep(every)

    sampler = asyncio.create_task(sample())
    start = time.perf_counter()
    result = await signings_at(suite, leads, rate, poll, budget)
    await sampler
    return result, LagResult(rate, time.perf_counter() - start, samples)
