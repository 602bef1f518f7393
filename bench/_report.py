"""Prints the benchmark table: our figure, the raw limit of the same engine, the ratio."""

from __future__ import annotations

Row = tuple[str, str, float, str]

RAW_OF = {"sqlite": "sqlite", "mongodb": "mongodb", "embedded": "embedded", "kafka": "kafka"}


def print_report(rows: list[Row], peer: dict[str, float] | None, machine: str) -> None:
    raws = {backend: value for backend, what, value, _ in rows if what.startswith("RAW")}
    print(f"\n## bench/core.py — {machine}\n")
    print(
        "| backend | measurement | figure | unit | raw limit (same engine) | ratio to raw"
        " | peer | ratio to peer |"
    )
    print("|---|---|---:|---|---:|---:|---:|---:|")
    for backend, what, value, unit in rows:
        raw = raws.get(backend) if not what.startswith("RAW") and unit in ("cmd/s", "events/s") else None
        peer_value = _peer_for(backend, what, peer)
        print(
            f"| {backend} | {what} | {_fmt(value, unit)} | {unit} | "
            f"{_fmt(raw, 'rows/s') if raw else ''} | {f'{value / raw:.2f}x' if raw else ''} | "
            f"{_fmt(peer_value, unit) if peer_value else ''} | "
            f"{_ratio(value, peer_value, unit) if peer_value else ''} |"
        )
    if peer is None:
        print(
            "\n(peer not measured: install eventsourcing==9.5.6 and keep ../shared/bench beside the checkout)"
        )


def _peer_for(backend: str, what: str, peer: dict[str, float] | None) -> float | None:
    if peer is None or backend != "sqlite":
        return None
    if what.startswith("create-stream") and "1 caller" in what:
        return peer.get("create")
    if what.startswith("commands on existing") and "1 caller" in what:
        return peer.get("existing")
    if what.startswith("projection replay"):
        return peer.get("replay")
    if what.startswith("load a 1,000"):
        return peer.get("load_ms")
    return None


def _ratio(ours: float, peer: float, unit: str) -> str:
    return f"{peer / ours:.2f}x faster" if unit == "ms" else f"{ours / peer:.2f}x"


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    return f"{value:,.2f}" if unit == "ms" else f"{value:,.0f}"
