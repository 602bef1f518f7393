"""parkctl's commands."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from park_shared.projections.port import RETIRED_MINUTES
from rich.progress import Progress
from rich.table import Table

from parkctl.audit_cmd import audit
from parkctl.contracts.cli import DOCUMENT
from parkctl.output import make_console
from parkctl.status_cmd import status
from parkctl.suite import SERVICES, Service, SuiteDirs, by_name, installed, probe

if TYPE_CHECKING:
    from park_shared.keys import SigningKey

app = typer.Typer(help="Run, watch and drive the park suite.", no_args_is_help=True)
events_app = typer.Typer(help="The live event stream.", no_args_is_help=True)
app.add_typer(events_app, name="events")
app.command("audit", short_help="Who did what to an id, when, across every service.")(audit)
app.command(
    "status", short_help="Health, readiness, consumers' lag and dead letters, outbox of every service."
)(status)
console = make_console()


@app.callback()
def _each_command() -> None:
    global console
    console = make_console()  # the width of the moment: the output may be a terminal or a pipe


DirOption = Annotated[Path, typer.Option("--dir", help="Where the suite keeps data, logs and pids.")]
DEFAULT_DIR = Path(os.environ.get("PARK_HOME", ".park"))


def _suite(services: list[str] | None) -> list[Service]:
    chosen = [by_name(n) for n in services] if services else [s for s in SERVICES if installed(s)]
    return chosen


@app.command()
def up(
    directory: DirOption = DEFAULT_DIR,
    demo: Annotated[bool, typer.Option(help="Load the demo scenario once the suite is ready.")] = True,
    service: Annotated[list[str] | None, typer.Option("--service", "-s", help="Only these.")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for readiness.")] = 60.0,
) -> None:
    """Start every service as its own process on the embedded default, wait until ready."""
    dirs = SuiteDirs(directory)
    chosen = _suite(service)
    for s in chosen:
        if dirs.pid(s) is None and probe(s, "/health") is not None:
            _fail(f"port {s.port} is taken by another process; stop it or free the port")
    for s in chosen:
        if dirs.pid(s) is None:
            dirs.start(s, {"PARK_ZONE_CLOCK_FILE": str(dirs.zone_clock.resolve())})
    _wait_ready(dirs, chosen, timeout)
    table = Table("service", "url", "docs")
    for s in chosen:
        table.add_row(s.name, s.url, f"{s.url}/docs")
    console.print(table)
    if demo:
        from parkctl.demo import load_demo

        load_demo(console, zone_clock=dirs.zone_clock)
    console.print(f"data under {dirs.data.resolve()}; logs under {(directory / 'logs').resolve()}")


def _wait_ready(dirs: SuiteDirs, chosen: list[Service], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("waiting for the services to be ready", total=len(chosen))
        waiting = list(chosen)
        while waiting and time.monotonic() < deadline:
            for s in list(waiting):
                if dirs.pid(s) is None:
                    _fail(f"{s.name} exited; see {dirs.log_file(s)}")
                r = probe(s, "/ready")
                if r is not None and r.status_code == 200:
                    waiting.remove(s)
                    progress.advance(task)
            time.sleep(0.2)
    if waiting:
        _fail(
            f"not ready after {timeout:.0f}s: {', '.join(s.name for s in waiting)};"
            f" see {directory_logs(dirs)}"
        )


def directory_logs(dirs: SuiteDirs) -> Path:
    return dirs.root / "logs"


@app.command()
def down(directory: DirOption = DEFAULT_DIR) -> None:
    """Stop the services `parkctl up` started (their data stays)."""
    dirs = SuiteDirs(directory)
    stopped = [s.name for s in dirs.stop_all(list(SERVICES))]
    console.print(f"stopped: {', '.join(stopped)}" if stopped else "nothing was running")


@app.command(short_help="Load the demo scenario through the services' public HTTP APIs.")
def demo(directory: DirOption = DEFAULT_DIR) -> None:
    """Load the demo scenario through the services' public HTTP APIs (on a suite `parkctl up`
    started, it also moves the zone clock past the green-channel step's deadline)."""
    from parkctl.demo import load_demo

    clock = SuiteDirs(directory).zone_clock
    load_demo(console, zone_clock=clock if clock.parent.joinpath("run").is_dir() else None)


@app.command(short_help="Show or move the zone clock, and the zone's date.")
def clock(
    advance: Annotated[float, typer.Option(help="Move the zone clock this many days further ahead.")] = 0,
    set_to: Annotated[
        str | None,
        typer.Option("--set", help="Move the zone clock to this date (YYYY-MM-DD, 09:00 in the zone)."),
    ] = None,
    directory: DirOption = DEFAULT_DIR,
) -> None:
    """Show (or move) the zone clock of the suite `parkctl up` started: the zone's date and time,
    and how many days it runs ahead of wall time. Every service reads it; time only moves forward."""
    from datetime import date, datetime
    from datetime import time as clock_time
    from zoneinfo import ZoneInfo

    from park_shared.settings import ParkSettings
    from park_shared.zone_clock import advance as move
    from park_shared.zone_clock import days_ahead, move_to, zone_clock

    path = SuiteDirs(directory).zone_clock
    zone = ZoneInfo(ParkSettings().park_timezone)
    now = zone_clock(path)().astimezone(zone)
    if advance < 0:
        _fail("the zone clock only moves forward")
    if set_to is not None:
        try:
            target = datetime.combine(date.fromisoformat(set_to), clock_time(9), zone)
        except ValueError:
            _fail(f"--set takes a date as YYYY-MM-DD, not {set_to!r}")
        if target.date() < now.date():
            _fail(f"the zone clock only moves forward: the zone's date is {now.date()}, not before")
        move_to(path, max(target, now))
    elif advance:
        move(path, advance)
    ahead = round(days_ahead(path), 2)
    now = zone_clock(path)().astimezone(zone)
    days = "1 day" if ahead == 1 else f"{ahead:g} days"
    console.print(
        f"the zone's date is {now:%Y-%m-%d} ({now:%A}), {now:%H:%M} in {zone}:"
        f" {days} ahead of wall time ({path})"
    )


@app.command(short_help="Mint a token signed with the department's key (development, or PARK_KEYS_DIR's).")
def token(
    department: Annotated[str, typer.Argument(help="hq, sc, ic, inv or dash")],
    roles: Annotated[list[str], typer.Argument(help="e.g. inv.officer")],
    subject: Annotated[str, typer.Option(help="Who the token is for.")] = "dev",
    level: Annotated[int, typer.Option(help="A planner's level (hq.planner).")] = 0,
    hours: Annotated[int, typer.Option(help="Validity (at most 12).", min=1, max=12)] = 1,
) -> None:
    """Mint a development token, signed with the department's development key (PARK_KEYS_DIR,
    default .park/keys, made on first use); refused with PARK_ENV=production."""
    from park_shared.auth import mint_token

    bad = [r for r in roles if not r.startswith(f"{department}.")]
    if bad:
        _fail(f"roles of department {department} start with '{department}.': {', '.join(bad)}")
    extra: dict[str, object] = {"level": level} if level else {}
    print(mint_token(_dev_key(department), roles, subject, ttl_seconds=hours * 3600, extra=extra))


def _dev_key(department: str) -> SigningKey:
    """The department's development key; production refuses them."""
    from park_shared.keys import DEPARTMENTS, dev_signing_key
    from park_shared.settings import ParkSettings

    if os.environ.get("PARK_ENV") == "production":
        _fail(
            "development keys are refused with PARK_ENV=production: tokens come from the department's issuer"
        )
    if department not in DEPARTMENTS:
        _fail(f"unknown department {department!r}: one of {', '.join(DEPARTMENTS)}")
    return dev_signing_key(department, ParkSettings().park_keys_dir)


@events_app.command("tail")
def tail(
    from_beginning: Annotated[bool, typer.Option(help="Start from the first event.")] = False,
    limit: Annotated[int, typer.Option(help="Stop after this many events (0: never).")] = 0,
    directory: DirOption = DEFAULT_DIR,
) -> None:
    """Print the live event stream of the four services (Ctrl-C ends)."""
    from parkctl.tail import tail_events

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(tail_events(console, directory / "data", from_beginning, limit))


@app.command(short_help="Write the AsyncAPI document the dashboard serves, from the contracts.")
def contracts(
    out: Annotated[
        Path,
        typer.Option(help="Where to write the AsyncAPI 3.0 document ('-' prints it)."),
    ] = DOCUMENT,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing: exit 1 when the file is not what it would write.")
    ] = False,
) -> None:
    """Write the AsyncAPI 3.0 document of every topic, its messages and who produces and consumes
    them, from the services' contracts: by default the file the dashboard ships and serves at
    /asyncapi.json. `park-contracts` also refreshes and checks the schema snapshot."""
    from parkctl.contracts.cli import main as contracts_main

    raise typer.Exit(contracts_main(["asyncapi", "--out", str(out), *(["--check"] if check else [])]))


@app.command()
def replay(service: Annotated[str, typer.Argument(help="The service whose read models to rebuild.")]) -> None:
    """Rebuild a running service's read models from its events."""
    import httpx
    from park_shared.auth import mint_token

    try:
        s = by_name(service)
    except KeyError as unknown:
        _fail(str(unknown.args[0]))
    bearer = mint_token(_dev_key(s.department), [s.head_role], "parkctl")
    try:
        r = httpx.post(f"{s.url}/ops/replay", headers={"Authorization": f"Bearer {bearer}"}, timeout=600)
    except httpx.HTTPError as err:
        _fail(f"{s.name} is not reachable at {s.url}: {err}")
    if r.status_code != 200:
        _fail(f"{s.name} refused: {r.json().get('detail', r.text)}")
    console.print(f"{s.name}: read models rebuilt from {r.json()['events_applied']:,} events")


@app.command(short_help="Each replica's read models of a service; --drop a retired one's.")
def replicas(
    service: Annotated[str, typer.Argument(help="The service whose database to look in.")],
    drop: Annotated[
        str | None,
        typer.Option(
            "--drop",
            help="Drop the read models of this replica (its PARK_REPLICA; '' for a process that had "
            f"none), once it has not beaten for {RETIRED_MINUTES} minutes.",
        ),
    ] = None,
    url: Annotated[
        str | None, typer.Option("--url", help="Where the service runs (default: its port on this machine).")
    ] = None,
) -> None:
    """List the read models each replica of a running service keeps in its database (MongoDB:
    PARK_REPLICA), or drop a retired replica's: they are folded again from the events if a
    replica of that name starts again."""
    import httpx
    from park_shared.auth import mint_token

    try:
        s = by_name(service)
    except KeyError as unknown:
        _fail(str(unknown.args[0]))
    if url is not None:
        if not url.startswith(("http://", "https://")):
            _fail(f"--url takes the service's URL, e.g. http://127.0.0.1:{s.port}; got {url!r}")
        s = dataclasses.replace(s, base_url=url.rstrip("/"))
    headers = {"Authorization": f"Bearer {mint_token(_dev_key(s.department), [s.head_role], 'parkctl')}"}
    try:
        if drop is None:
            r = httpx.get(f"{s.url}/ops/read-models", headers=headers, timeout=60)
        else:
            r = httpx.delete(
                f"{s.url}/ops/read-models", params={"replica": drop}, headers=headers, timeout=600
            )
    except httpx.HTTPError as err:
        _fail(f"{s.name} is not reachable at {s.url}: {err}")
    if r.status_code != 200:
        _fail(f"{s.name} refused: {r.json().get('detail', r.text)}")
    if drop is not None:
        console.print(f"{s.name}: dropped {', '.join(r.json()['collections']) or 'nothing but its beat'}")
        return
    console.print(read_model_table(s.name, r.json()["sets"]))


def read_model_table(service: str, sets: list[dict[str, Any]]) -> Table | str:
    if not sets:
        return f"{service}: no replicas share its store (each process keeps its read models in its own file)"
    table = Table("replica", "this process", "last beat (UTC)", "retired", "collections", title=service)
    for found in sets:
        beat = found["last_beat"]
        table.add_row(
            found["replica"] or "(unnamed)",
            "yes" if found["own"] else "",
            beat[:19].replace("T", " ") if beat else "never recorded",
            "yes" if found["retired"] else "",
            str(len(found["collections"])),
        )
    return table


def _fail(message: str) -> None:
    console.print(f"[red]error:[/red] {message}")
    raise typer.Exit(2)


def main() -> None:
    app()
