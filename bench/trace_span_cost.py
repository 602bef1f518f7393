#!/usr/bin/env python3
"""bench/trace_span_cost.py — the CPU a process spends tracing one command's spans through the
production path (PARK_TELEMETRY=otlp's provider: the suite's tracer, its processor and its OTLP
exporter posting to a local sink), on all its threads, with nothing else running.

  .venv/bin/python bench/trace_span_cost.py                 5 rounds of 4,000 commands
  .venv/bin/python bench/trace_span_cost.py -n 500 --rounds 1     a smoke run

A command here is the suite's six spans of one traced command: the server span (under a remote
parent, the ASGI instrumentation's attributes), the command span, the store append's, the
outbox relay's batch span with its publish span (a link to the batch), and the consumer's handle
span (continuing the publish span's trace). Prints, per round, µs of process CPU (user + system,
all threads, the export included: each round ends with a flush) per command and per span, and
the collector's gen-0/1/2 runs per 1,000 commands. Asserts nothing."""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import time
from typing import Any

from opentelemetry import trace
from opentelemetry.trace import Link, SpanKind
from park_shared.telemetry.context import CurrentSpan, parent_context, span_from, traceparent_of, tracer
from park_shared.testing.otlp_sink import otlp_sink

PARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
SERVER_ATTRIBUTES = {
    "http.scheme": "http",
    "http.host": "127.0.0.1:8000",
    "net.host.port": 8000,
    "http.flavor": "1.1",
    "http.target": "/tickets/t-1/steps",
    "http.url": "http://127.0.0.1:8000/tickets/t-1/steps",
    "http.method": "POST",
    "http.server_name": "127.0.0.1:8000",
    "http.user_agent": "python-httpx/0.28.1",
    "net.peer.ip": "127.0.0.1",
    "net.peer.port": 50312,
}


def one_command(n: int) -> None:
    """The six spans of one traced command, as the suite's code starts and ends them."""
    stream = f"ticket-{n}"
    parent = parent_context(PARENT)
    server = tracer().start_span(
        "POST", context=parent, kind=SpanKind.SERVER, attributes=dict(SERVER_ATTRIBUTES)
    )
    with CurrentSpan(server, parent):
        with CurrentSpan(tracer().start_span("command OpenTicket", attributes={"park.stream_id": stream})):
            attributes: dict[str, Any] = {
                "park.stream_id": stream,
                "park.expected_version": 0,
                "park.event_types": ["TicketOpened"],
                "park.correlation_id": f"c-{n}",
            }
            with CurrentSpan(
                tracer().start_span("store append", kind=SpanKind.CLIENT, attributes=attributes)
            ):
                pass
        server.set_attribute("http.status_code", 201)
        server.set_attribute("http.route", "/tickets/{ticket_id}/steps")
        server.update_name("POST /tickets/{ticket_id}/steps")
    event_trace = traceparent_of(server)
    with CurrentSpan(
        tracer().start_span("outbox relay t", kind=SpanKind.INTERNAL, attributes={"park.events": 1})
    ) as batch:
        publish = tracer().start_span(
            "publish TicketOpened",
            context=parent_context(event_trace),
            kind=SpanKind.PRODUCER,
            links=[Link(batch.get_span_context())],
            attributes={
                "messaging.destination.name": "service-center.events",
                "messaging.message.id": f"m-{n}",
                "park.stream_id": stream,
                "park.position": n,
            },
        )
        publish.end()
    with span_from("handle TicketOpened", traceparent_of(publish), **{"messaging.destination.name": "t"}):
        pass


def measure(n: int) -> tuple[float, list[int]]:
    """µs of process CPU per command over `n` commands (flushed), and the collector's runs."""
    provider: Any = trace.get_tracer_provider()
    gc.collect()
    before = [s["collections"] for s in gc.get_stats()]
    t0 = time.process_time()
    for i in range(n):
        one_command(i)
        if i % 32 == 31:
            time.sleep(0.01)  # the event loop's waits, when the export thread runs: no span dropped
    provider.force_flush()
    cpu = time.process_time() - t0
    runs = [s["collections"] - b for s, b in zip(gc.get_stats(), before, strict=True)]
    return 1e6 * cpu / n, runs


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("-n", type=int, default=4000, help="commands a round (default 4,000)")
    p.add_argument("--rounds", type=int, default=5)
    args = p.parse_args()
    with otlp_sink(keep=False) as sink:
        os.environ["OTEL_EXPORTER_OTLP_ENDPOINT"] = sink.url
        from park_shared.telemetry.setup import _provider

        trace.set_tracer_provider(_provider("bench", "otlp", None))
        measure(500)  # warm: the templates, the caches, the exporter's connection
        found = []
        for r in range(args.rounds):
            us, runs = measure(args.n)
            found.append(us)
            per_k = "/".join(f"{1000 * c / args.n:.1f}" for c in runs)
            print(
                f"round {r + 1}: {us:6.1f} µs/command  {us / 6:5.1f} µs/span  gc runs per 1k commands {per_k}"
            )
        trace.get_tracer_provider().shutdown()  # type: ignore[attr-defined]
        median, load = statistics.median(found), os.getloadavg()[0]
        print(f"median {median:.1f} µs per command (6 spans), load {load:.1f}, {sink.count} posts")


if __name__ == "__main__":
    main()
