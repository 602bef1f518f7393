"""`parkctl audit ID`: the audit trail of an id across the services (park_shared.audit)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from park_shared.settings import ParkSettings

__all__ = ["audit"]

IdArgument = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help="An aggregate id (a lead, a case, a policy, ...) or a correlation id.",
        show_default=False,
    ),
]
DirOption = Annotated[
    Path | None,
    typer.Option(
        "--dir",
        help="The directory `parkctl up` used (its data/ is read). Default: the stores the environment "
        "names, as the services read it (PARK_STORE, PARK_DATA_DIR or MONGODB_URI, PARK_NAMESPACE).",
        show_default=False,
    ),
]


def audit(ident: IdArgument, directory: DirOption = None) -> None:
    """Who did what to ID, when and in which service, in order: the events of ID and of every
    conversation it took part in, across headquarters, service-center, industrial-co and
    investment. Each line: time, service, event, stream, actor (department:roles:subject) and the
    conversation's correlation id. Reads the stores only; exits 1 when nothing is found."""
    from park_shared.audit import SERVICES, render, trail_from_settings
    from park_shared.settings import ParkSettings

    settings = ParkSettings()
    if directory is not None:
        settings = settings.model_copy(update={"park_data_dir": directory / "data"})
    where = _where(settings)
    if settings.park_store == "sqlite" and not any(
        (settings.park_data_dir / f"{s}.sqlite").exists() for s in SERVICES
    ):
        _fail(f"no service has stored anything in {where}")
    entries = asyncio.run(trail_from_settings(settings, ident))
    if not entries:
        _fail(f"nothing found for {ident!r} in {where}")
    services = sorted({e.service for e in entries})
    typer.echo(f"audit trail of {ident}: {len(entries)} events in {', '.join(services)}")
    for line in render(entries):
        typer.echo(line)


def _where(settings: ParkSettings) -> str:
    if settings.park_store == "sqlite":
        return str(settings.park_data_dir.resolve())
    namespace = f" (namespace {settings.park_namespace})" if settings.park_namespace else ""
    return f"the services' MongoDB databases{namespace}"


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)
