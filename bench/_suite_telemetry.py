"""Tracing on and off in the same bench/suite.py run: the same command rates measured again on a
second suite whose services trace every request and export through OTLP/HTTP (a BatchSpanProcessor,
as in production) to a local sink that accepts and drops the spans.

Run alone (`python bench/_suite_telemetry.py [rounds] [seconds]`): the two suites alternate, and
each service's command is also measured by the CPU the whole suite spends per command."""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from park_shared.testing.otlp_sink import otlp_sink

__all__ = ["suite_cpu_seconds", "traced_env"]


def traced_env(endpoint: str) -> dict[str, str]:
    return {
        "PARK_TELEMETRY": "otlp",
        "OTEL_EXPORTER_OTLP_ENDPOINT": endpoint,
        "OTEL_TRACES_SAMPLER": "parentbased_always_on",
    }


def suite_cpu_seconds(suite: Any) -> float:
    """CPU time (user + system) the suite's service processes have used so far: under a loaded
    machine, tracing's cost per command is read from this rather than from commands/s."""
    ticks = 0
    for service in suite.services.values():
        process = getattr(service, "process", None)
        if process is None or process.poll() is not None:
            continue
        fields = Path(f"/proc/{process.pid}/stat").read_text().rpartition(")")[2].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


async def _cpu_per_command(suite: Any, seconds: float, workers: int) -> dict[str, tuple[float, float]]:
    """For each service: (commands/s, ms of the whole suite's CPU per command)."""
    import httpx
    from _suite_commands import command_rate
    from _suite_http import publish_policies

    async with httpx.AsyncClient(base_url=suite.services["service-center"].url, timeout=30) as sc:
        today = date.fromisoformat((await sc.get("/public/procedures")).json()["on"])
    await publish_policies(suite, today)
    found = {}
    for service in SERVICES:
        await asyncio.sleep(1.0)  # the previous service's reactions settle
        cpu = suite_cpu_seconds(suite)
        rate = await command_rate(suite, service, today, seconds, workers)
        found[service] = (rate.per_second, 1e3 * (suite_cpu_seconds(suite) - cpu) / max(rate.done, 1))
    return found


SERVICES = ("headquarters", "service-center", "industrial-co", "investment")


def main() -> None:
    """python bench/_suite_telemetry.py [rounds] [seconds]: the suite's command rates untraced
    and traced (OTLP to a sink), alternating, with the whole suite's CPU per command: on a
    machine shared with other work, the CPU ratio is the figure to read. Asserts nothing."""
    from _suite_env import running_suite

    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 5.0
    runs: dict[str, list[dict[str, tuple[float, float]]]] = {"off": [], "on": []}
    with tempfile.TemporaryDirectory(prefix="park-bench-tracing-") as tmp, otlp_sink(keep=False) as sink:
        for r in range(rounds):
            for mode in ("off", "on") if r % 2 == 0 else ("on", "off"):
                extra = traced_env(sink.url) if mode == "on" else {}
                load = os.getloadavg()[0]
                with running_suite("embedded", Path(tmp), None, **extra) as suite:
                    found = asyncio.run(_cpu_per_command(suite, seconds, 8))
                runs[mode].append(found)
                cells = "  ".join(f"{s} {c:.0f}/s {m:.2f} ms" for s, (c, m) in found.items())
                print(f"round {r + 1} {mode:<3} load {load:4.1f}: {cells}", flush=True)
    print("median ms of the suite's CPU per command, off → on (on ÷ off by CPU = off/on):")
    for service in SERVICES:
        off = statistics.median(f[service][1] for f in runs["off"])
        on = statistics.median(f[service][1] for f in runs["on"])
        print(f"  {service:<15} {off:6.2f} → {on:6.2f} ms   x{off / on:.3f}")


if __name__ == "__main__":
    main()
