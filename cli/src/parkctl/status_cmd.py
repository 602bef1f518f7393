"""`parkctl status`: each service's health, readiness, consumers and outbox, as a table that fits
the terminal (or one line per service and consumer when it does not), or as JSON for scripts."""

from __future__ import annotations

import dataclasses
import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table

from parkctl.output import PIPED_WIDTH, fail, make_console
from parkctl.suite import SERVICES, Service, by_name, installed, probe

__all__ = ["status"]

UrlOption = Annotated[
    list[str] | None,
    typer.Option("--url", help="Only these services, at these URLs: NAME=URL (repeatable)."),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="One JSON document for scripts instead of the table.")
]
HEADERS = ("service", "health", "ready", "consumer", "lag", "handled", "DLQ", "outbox")


def status(url: UrlOption = None, as_json: JsonOption = False) -> None:
    """Each service's health and readiness, its consumers' lag, handled count and dead letters,
    its outbox backlog (exit 1 unless every service is ready, and none shares its read models
    with another live process)."""
    found = [_service_status(s) for s in (_located(url) if url else SERVICES)]
    rows = [r for r in found if r is not None]
    if as_json:
        typer.echo(json.dumps({"ready": all(r["ready"] for r in rows), "services": rows}, indent=2))
    else:
        console = make_console()
        _show(console, rows)
        for row in rows:
            if other := row.get("read_models_shared_with"):
                console.print(
                    f"[red]{_named(row)}: another live process ({other}) folds events into the same "
                    "read models, which loses updates on FerretDB: give each replica its own PARK_REPLICA"
                )
    if not all(r["ready"] and not r.get("read_models_shared_with") for r in rows):
        raise typer.Exit(1)


def _located(urls: list[str]) -> list[Service]:
    """The services named by NAME=URL options, at those URLs."""
    located = []
    for option in urls:
        name, sep, url = option.partition("=")
        if not sep or not url.startswith(("http://", "https://")):
            fail(f"--url takes NAME=URL, e.g. service-center=http://127.0.0.1:8102; got {option!r}")
        try:
            located.append(dataclasses.replace(by_name(name), base_url=url.rstrip("/")))
        except KeyError as err:
            fail(str(err.args[0]))
    return located


def _service_status(s: Service) -> dict[str, Any] | None:
    """What `status` shows of one service; None for one neither running nor installed."""
    health = probe(s, "/health")
    if health is None:
        return {"service": s.name, "url": s.url, "health": "down", "ready": False} if installed(s) else None
    ready = probe(s, "/ready")
    ops = probe(s, "/ops/status")
    body = ops.json() if ops is not None and ops.status_code == 200 else {}
    return {
        "service": s.name,
        "url": s.url,
        "health": "ok",
        "ready": ready is not None and ready.status_code == 200,
        "consumers": body.get("consumers", []),
        "outbox_backlog": body.get("outbox_backlog"),
        "replica": body.get("replica", ""),
        "read_models_shared_with": body.get("read_models_shared_with"),
    }


def _named(row: dict[str, Any]) -> str:
    """The service, with its replica's name when it has one (PARK_REPLICA)."""
    return f"{row['service']} ({row['replica']})" if row.get("replica") else str(row["service"])


def _cells(row: dict[str, Any]) -> list[list[str]]:
    """The table's rows of one service: one per consumer, the service's own cells on the first."""
    if row["health"] == "down":
        return [[row["service"], "[red]down", "", "", "", "", "", ""]]
    backlog = "" if row["outbox_backlog"] is None else str(row["outbox_backlog"])
    lines = []
    for i, c in enumerate(row["consumers"] or [{}]):
        dlq = c.get("dead_lettered", "")
        own = [_named(row), "[green]ok", "[green]ready" if row["ready"] else "[red]not ready"]
        lines.append(
            [
                *(own if i == 0 else ["", "", ""]),
                c.get("name", ""),
                str(c.get("lag", "")),
                str(c.get("handled", "")),
                f"[red]{dlq}" if dlq else str(dlq),
                backlog if i == 0 else "",
            ]
        )
    return lines


def _show(console: Console, rows: list[dict[str, Any]]) -> None:
    table = Table(*HEADERS)
    for row in rows:
        for cells in _cells(row):
            table.add_row(*cells)
    natural = Measurement.get(console, console.options.update_width(PIPED_WIDTH), table).maximum
    if natural <= console.width:
        console.print(table)
        return
    for row in rows:  # too narrow for the table: a line per service and per consumer, wrapped by words
        if row["health"] == "down":
            console.print(f"[bold]{row['service']}[/bold] [red]down")
            continue
        ready = "[green]ready" if row["ready"] else "[red]not ready"
        console.print(f"[bold]{_named(row)}[/bold] ok, {ready}[/], outbox backlog {row['outbox_backlog']}")
        for c in row["consumers"]:
            dlq = c.get("dead_lettered", 0)
            console.print(
                f"  {c.get('name', '')}: lag {c.get('lag', '')}, handled {c.get('handled', '')},"
                f" DLQ {f'[red]{dlq}[/]' if dlq else dlq}"
            )
