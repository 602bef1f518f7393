#!/usr/bin/env python3
"""bench/kafka_tuning.py — the Kafka settings of park_shared.bus chosen by measurement: for each
producer linger (linger_ms) and consumer long-poll wait (fetch_max_wait_ms) in a small grid, the
publish→handled latency (p50/p99) at an offered rate and the publish rate in batches of 500,
through our own KafkaBus, against one broker (KAFKA_BOOTSTRAP_SERVERS, else one started here).
The load average is printed with each row: run it on a quiet machine and read ratios.

  python bench/kafka_tuning.py [--rate 200] [--seconds 5] [--n 20000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _bus_bench import latency, raw_publish_rate
from park_shared.bus import kafka, kafka_subscription
from park_shared.bus.kafka import KafkaBus

LINGERS = (0, 2, 10)
FETCH_WAITS = (10, 100, 500)


async def one(bootstrap: str, linger: int, fetch_wait: int, args: argparse.Namespace) -> str:
    kafka.PRODUCER_SETTINGS["linger_ms"] = linger
    kafka_subscription.CONSUMER_SETTINGS["fetch_max_wait_ms"] = fetch_wait
    bus = KafkaBus(bootstrap, client_id="tuning")
    await bus.start()
    try:
        p50, p99, _ = await latency(bus, args.rate, args.seconds)
        rate = await raw_publish_rate(bus, args.n)
    finally:
        await bus.close()
    load = os.getloadavg()[0]
    return f"| {linger} | {fetch_wait} | {p50:.1f} | {p99:.1f} | {rate:,.0f} | {load:.1f} |"


async def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rate", type=int, default=200, help="offered messages/s for the latency")
    p.add_argument("--seconds", type=float, default=5.0)
    p.add_argument("--n", type=int, default=20_000, help="messages for the publish rate")
    args = p.parse_args()
    bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    server = None
    if not bootstrap:
        from park_shared.testing.servers import start_kafka

        server = start_kafka(Path(tempfile.mkdtemp(prefix="park-kafka-tuning-")))
        bootstrap = server.url
    try:
        print("| linger_ms | fetch_max_wait_ms | p50 ms | p99 ms | publish, batches of 500 (msg/s) | load |")
        print("|---:|---:|---:|---:|---:|---:|")
        for linger in LINGERS:
            for fetch_wait in FETCH_WAITS:
                print(await one(bootstrap, linger, fetch_wait, args), flush=True)
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    asyncio.run(main())
