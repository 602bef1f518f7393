"""The markdown tables of bench/suite.py."""

from __future__ import annotations

import argparse
import math
from typing import Any

NAMES = {"embedded": "embedded (SQLite + embedded log)", "real": "Kafka + FerretDB"}


def print_report(results: dict[str, dict[str, Any]], machine: str, args: argparse.Namespace) -> None:
    print(f"\n## bench/suite.py — {machine}\n")
    print("### signing → case readable (open loop; latency from the POST to the first GET that finds it)\n")
    print("| backend | offered /s | signings | sent /s | cases opened /s | p50 ms | p99 ms | max ms "
          "| probe gap p50 / p99 ms | sender behind s | first → last tenth (median ms) | unread after 60 s "
          "| sustained |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for backend, found in results.items():
        for r in found["runs"]:
            cells = [
                NAMES[backend], f"{r.offered:g}", str(r.signings), f"{r.sent_per_s:.1f}",
                f"{r.opened_per_s:.1f}", _ms(r.p50_ms), _ms(r.p99_ms), _ms(r.max_ms),
                f"{_ms(r.gap_p50_ms)} / {_ms(r.gap_p99_ms)}", f"{r.behind_s:.2f}",
                f"{_ms(r.first_ms)} → {_ms(r.last_ms)}", str(r.unfinished),
                "yes" if r.sustained else "**no**",
            ]  # fmt: skip
            print("| " + " | ".join(cells) + " |")
    print("\n| backend | highest sustained rate |\n|---|---|")
    for backend, found in results.items():
        ok, bad = found["highest"]
        print(f"| {NAMES[backend]} | {ok:g} signings/s" + (f" (not {bad:g}/s)" if bad else "") + " |")
    _commands(results)
    _traced(results, args)
    _lag(results)
    print(
        f"\n(a case looked for every {args.poll_ms:g} ms, at most {args.probe_budget:g} look-ups/s that miss "
        f"in all, plus the one per signing that finds its case (the probe gap: from the last miss to "
        f"that one, where the latency's upper end is); "
        f"at most {min(args.max_signings, args.prep_cap)} signings per run; runs of {args.seconds:g} s, "
        f"search runs of {args.search_seconds:g} s)"
    )


def _ms(value: float) -> str:
    return "never" if math.isinf(value) else f"{value:.0f}"


def _commands(results: dict[str, dict[str, Any]]) -> None:
    print("\n### sustained command rate per service over HTTP (closed loop)\n")
    print("| backend | service | command | done | commands/s | p50 ms | p99 ms |")
    print("|---|---|---|---:|---:|---:|---:|")
    for backend, found in results.items():
        for c in found["commands"]:
            print(f"| {NAMES[backend]} | {c.service} | {c.command} | {c.done} | {c.per_second:.1f} "
                  f"| {c.p50_ms:.0f} | {c.p99_ms:.0f} |")  # fmt: skip


def _lag(results: dict[str, dict[str, Any]]) -> None:
    checked = {b: f["lag"] for b, f in results.items() if f["lag"] is not None}
    if not checked:
        return
    print("\n### consumer lag during a long run\n")
    print("| backend | rate /s | seconds | p50 ms | p99 ms | consumer | lag |")
    print("|---|---:|---:|---:|---:|---|---|")
    for backend, (run, lag) in checked.items():
        for name in sorted(lag.samples):
            print(f"| {NAMES[backend]} | {lag.rate:g} | {lag.seconds:.0f} | {run.p50_ms:.0f} "
                  f"| {run.p99_ms:.0f} | {name} | {lag.verdict(name)} |")  # fmt: skip


def _traced(results: dict[str, dict[str, Any]], args: argparse.Namespace) -> None:
    traced = {b: f for b, f in results.items() if f.get("traced")}
    if not traced:
        return
    print("\n### tracing off and on (every request traced, OTLP/HTTP export to a local sink)\n")
    print("| backend | service | off commands/s | on commands/s | on / off | p99 ms off → on |")
    print("|---|---|---:|---:|---:|---|")
    for backend, found in traced.items():
        for off, on in zip(found["traced_off"], found["traced"], strict=True):
            ratio = on.per_second / off.per_second
            print(f"| {NAMES[backend]} | {off.service} | {off.per_second:.1f} | {on.per_second:.1f} "
                  f"| {ratio:.2f} | {off.p99_ms:.0f} → {on.p99_ms:.0f} |")  # fmt: skip
        print(f"\n({found.get('exports', 0)} OTLP export requests received on {NAMES[backend]}; both "
              f"suites up, taking turns in {args.command_slices} slices of each service's run)")  # fmt: skip
