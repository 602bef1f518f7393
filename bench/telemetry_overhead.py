#!/usr/bin/env python3
"""bench/telemetry_overhead.py — command throughput of a service with tracing off and on, in
the same run, on the embedded default (SQLite store, embedded log); also with 10 % of the
traces sampled (OTEL_TRACES_SAMPLER=parentbased_traceidratio, OTEL_TRACES_SAMPLER_ARG=0.1).

  .venv/bin/python bench/telemetry_overhead.py                 5 rounds of 3,000 commands each way
  .venv/bin/python bench/telemetry_overhead.py -n 300 --rounds 1    a smoke run

Each measurement is a fresh process (a process has one tracer provider for good), so rounds
alternate off/on, each on a new SQLite file. A measurement drives a service app in-process
over ASGI: `--concurrency` clients send commands (one new stream each: load, decide, append)
while the outbox relay publishes every event and a consumer of the service's own topic
handles it. Tracing on: the FastAPI server span, the command span, the store append span, the
relay's publish spans and the consumer's handle spans, through the span processor and the
OTLP/HTTP exporter PARK_TELEMETRY=otlp installs, posting to a sink in the parent process (what
production pays in the service's process: recording, encoding, posting). Metrics (PARK_METRICS,
Prometheus by default) are the same both ways. Prints the medians and the ratios (each the
median of the rounds' own); asserts nothing. `measure()` is importable (for bench/core.py)."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Annotated, Any

sys.path.insert(0, str(Path(__file__).parent))

from _domain import DoStep, StepDone, cases, payload, registry
from fastapi import APIRouter, Depends
from park_shared.aggregate import Aggregate
from park_shared.application import Application
from park_shared.consumer import Delivery
from park_shared.runtime import Runtime
from park_shared.settings import ParkSettings
from park_shared.testing.apps import running_app, wait_until
from park_shared.web.app import application_of, create_service_app

HERE = Path(__file__).resolve()


def install_tracing(sample: float = 1.0, export: str = "otlp") -> Any:
    """The provider PARK_TELEMETRY=otlp installs (its span processor and OTLP/HTTP exporter,
    posting to OTEL_EXPORTER_OTLP_ENDPOINT), with its default sampler (parentbased_always_on);
    `sample` < 1 samples whole traces (parent-based, as OTEL_TRACES_SAMPLER=
    parentbased_traceidratio). `export="none"`: the SDK's BatchSpanProcessor into an exporter
    that drops every batch (recording and the hand-off only: what this bench measured when
    issue #18 was filed). Returns the provider and a count of the spans exported (counted by
    the exporter, so that the processor stays the provider's only one, as in production)."""
    from opentelemetry import trace
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.sampling import DEFAULT_ON, ParentBased, TraceIdRatioBased

    class Counted:
        ended = 0

    sampler = DEFAULT_ON if sample >= 1 else ParentBased(TraceIdRatioBased(sample))
    provider = TracerProvider(resource=Resource.create({"service.name": "bench"}), sampler=sampler)
    provider.add_span_processor(
        production_processor(Counted) if export == "otlp" else dropping_processor(Counted)
    )
    trace.set_tracer_provider(provider)
    return provider, Counted


def dropping_processor(counted: Any) -> Any:
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter, SpanExportResult

    class Dropping(SpanExporter):
        def export(self, spans: Any) -> SpanExportResult:
            counted.ended += len(spans)
            return SpanExportResult.SUCCESS

    return BatchSpanProcessor(Dropping())


def production_processor(counted: Any) -> Any:
    """PARK_TELEMETRY=otlp's span processor and exporter in this tree (or in a tree before them:
    the SDK's BatchSpanProcessor and the official exporter), the spans it posts counted."""
    try:
        from park_shared.telemetry.batching import OtlpBatchSpanProcessor
        from park_shared.telemetry.otlp import OtlpSpanExporter

        class Counting(OtlpSpanExporter):
            def send(self, count: int, body: Any) -> Any:
                counted.ended += count
                return super().send(count, body)

        return OtlpBatchSpanProcessor(Counting())
    except ImportError:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        from opentelemetry.sdk.trace.export import BatchSpanProcessor

        class CountingOfficial(OTLPSpanExporter):
            def export(self, spans: Any) -> Any:
                counted.ended += len(spans)
                return super().export(spans)

        return BatchSpanProcessor(CountingOfficial())


class Bench(Application):
    """The bench service's context: one aggregate (a case's steps) and the consumer's count."""

    def __init__(self, runtime: Runtime) -> None:
        super().__init__(runtime)
        self.cases = Aggregate(runtime, cases, stream=None, creates=[DoStep])
        self.handled = 0

    async def count(self, _: Delivery) -> None:
        self.handled += 1


BenchDep = Annotated[Bench, Depends(application_of(Bench))]


def build_app(data_dir: Path, tracing: bool) -> Any:
    router = APIRouter()

    @router.post("/cases/{case_id}/steps", status_code=201)
    async def do_step(case_id: str, body: dict[str, Any], bench: BenchDep) -> dict[str, int]:
        outcome = await bench.cases.handle(case_id, DoStep(step=0, data=body))
        return {"version": outcome.version}

    async def bootstrap() -> Bench:
        # "memory" only switches tracing on: the provider installed before is kept
        mode = "memory" if tracing else "off"
        settings = ParkSettings(park_env="test", park_data_dir=data_dir, park_telemetry=mode)
        bench = Bench(Runtime("bench", "bench", settings, registry))
        bench.runtime.add_consumer(
            {registry.type_of(StepDone): bench.count}, services=["bench"], group="bench-reader"
        )
        return bench

    return create_service_app(title="bench", description="", bootstrap=bootstrap, routers=[router])


async def drive(data_dir: Path, tracing: bool, n: int, concurrency: int, warmup: int) -> dict[str, Any]:
    app = build_app(data_dir, tracing)
    async with running_app(app) as client:
        if tracing:  # the service's tracing is measured, not the driver's: its client sends no spans
            from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor

            HTTPXClientInstrumentor().uninstrument()
        body = payload(0)

        async def send(ids: range) -> None:
            for i in ids:
                response = await client.post(f"/cases/case-{i}/steps", json=body)
                assert response.status_code == 201, response.text

        bench: Bench = app.state.application
        await send(range(-warmup, 0))
        await wait_until(lambda: bench.handled >= warmup, timeout=120, what="the consumer")
        started, cpu = time.perf_counter(), time.process_time()
        await asyncio.gather(*(send(range(k, n, concurrency)) for k in range(concurrency)))
        elapsed = time.perf_counter() - started
        await wait_until(lambda: bench.handled >= n + warmup, timeout=120, what="the consumer")
        drained, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"commands_per_s": n / elapsed, "pipeline_per_s": n / drained, "cpu_ms_per_command": cpu * 1e3 / n}


def child(args: argparse.Namespace) -> None:
    tracing = args.child != "off"
    counting = install_tracing(args.sample, args.export)[1] if tracing else None
    result = asyncio.run(drive(Path(args.dir), tracing, args.n, args.concurrency, args.warmup))
    if counting is not None:
        from opentelemetry import trace

        trace.get_tracer_provider().force_flush()  # type: ignore[attr-defined]
        result["spans"] = counting.ended
    print(json.dumps(result))


MODES = {"off": 1.0, "on": 1.0, "sampled": 0.1}


def measure(
    n: int = 3000, rounds: int = 5, concurrency: int = 4, warmup: int = 100, export: str = "otlp"
) -> dict[str, Any]:
    """Runs `rounds` × (off, on, on with 10 % of traces sampled) in fresh processes, in a
    rotating order; the traced ones export to a sink in this process (`export="none"`: they
    drop their spans, see `install_tracing`). A ratio is the median of the rounds' ratios, each
    round's traced run against its own untraced one."""
    from park_shared.testing.otlp_sink import otlp_sink

    runs: dict[str, list[dict[str, Any]]] = {mode: [] for mode in MODES}
    env = {k: v for k, v in os.environ.items() if k != "PARK_TELEMETRY_FILE"}
    with tempfile.TemporaryDirectory(prefix="park-telemetry-bench-") as tmp, otlp_sink(keep=False) as sink:
        env["OTEL_EXPORTER_OTLP_ENDPOINT"] = sink.url
        for r in range(rounds):
            order = list(MODES)
            for mode in order[r % 3 :] + order[: r % 3]:
                data = Path(tmp) / f"{mode}-{r}"
                cmd = [sys.executable, str(HERE), "--child", mode, "--dir", str(data), "-n", str(n)]
                cmd += ["--sample", str(MODES[mode])]
                cmd += ["--concurrency", str(concurrency), "--warmup", str(warmup), "--export", export]
                out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
                runs[mode].append(json.loads(out.strip().splitlines()[-1]))
    result: dict[str, Any] = {
        "n": n,
        "rounds": rounds,
        "concurrency": concurrency,
        "runs": runs,
        "exports": sink.count,
        "export": export,
    }
    for mode, measured in runs.items():
        for key in ("commands_per_s", "pipeline_per_s", "cpu_ms_per_command"):
            result[f"{mode}_{key}"] = statistics.median(x[key] for x in measured)
        if mode != "off":  # each round's ratio against the same round's untraced run, then the median
            paired = list(zip(runs["off"], measured, strict=True))
            result[f"{mode}_ratio"] = statistics.median(
                on["commands_per_s"] / off["commands_per_s"] for off, on in paired
            )
            result[f"{mode}_cpu_ratio"] = statistics.median(
                off["cpu_ms_per_command"] / on["cpu_ms_per_command"] for off, on in paired
            )
            result[f"{mode}_ratios"] = [on["commands_per_s"] / off["commands_per_s"] for off, on in paired]
            spans = statistics.median(x["spans"] for x in measured)
            result[f"{mode}_spans_per_command"] = spans / (n + warmup)
    return result


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("-n", type=int, default=3000, help="commands per measurement (default 3000)")
    p.add_argument("--rounds", type=int, default=5, help="measurements each way (default 5)")
    p.add_argument("--concurrency", type=int, default=4, help="concurrent clients (default 4)")
    p.add_argument("--warmup", type=int, default=100, help="commands before measuring (default 100)")
    p.add_argument(
        "--export",
        choices=["otlp", "none"],
        default="otlp",
        help="otlp: as PARK_TELEMETRY=otlp, to a local sink (default); none: spans dropped after the SDK's "
        "BatchSpanProcessor (recording and hand-off only, the bench as issue #18 was filed)",
    )
    p.add_argument("--child", choices=list(MODES), help=argparse.SUPPRESS)
    p.add_argument("--sample", type=float, default=1.0, help=argparse.SUPPRESS)
    p.add_argument("--dir", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        child(args)
        return
    print_overhead(measure(args.n, args.rounds, args.concurrency, args.warmup, args.export))


def print_overhead(r: dict[str, Any]) -> None:
    print(f"telemetry overhead: {r['n']} commands x {r['rounds']} rounds, {r['concurrency']} clients, SQLite")
    for mode in MODES:
        commands, cpu = r[f"{mode}_commands_per_s"], r[f"{mode}_cpu_ms_per_command"]
        line = f"  {mode:<8} {commands:7.0f} commands/s  {cpu:5.2f} ms CPU per command (all threads)"
        if mode != "off":
            line += f"  x{r[f'{mode}_ratio']:.3f} throughput, x{r[f'{mode}_cpu_ratio']:.3f} by CPU,"
            line += f" {r[f'{mode}_spans_per_command']:.1f} spans per command"
            line += f" (rounds: {', '.join(f'x{x:.2f}' for x in r[f'{mode}_ratios'])})"
        print(line)
    print("  (on: every trace recorded; sampled: 10 % of traces, parent-based; off: no tracer provider)")
    if r["export"] == "otlp":
        print(f"  (traced runs export as PARK_TELEMETRY=otlp does: {r['exports']} posts to a local sink)")
    else:
        print("  (traced runs drop their spans after the SDK's BatchSpanProcessor: no encoding, no export)")


if __name__ == "__main__":
    main()
