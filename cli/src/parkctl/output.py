"""Where parkctl writes: a terminal at its own width, a pipe or a file without cutting."""

from __future__ import annotations

import os
import sys

import typer
from rich.console import Console

__all__ = ["PIPED_WIDTH", "fail", "make_console"]

PIPED_WIDTH = 1000
"""The width of output into a pipe or a file (no terminal, no COLUMNS): tables and lines whole,
never cut at rich's default of 80 columns."""


def make_console() -> Console:
    """A terminal's own width (tables wrap within it); piped output is not cut."""
    piped = not sys.stdout.isatty() and "COLUMNS" not in os.environ
    return Console(width=PIPED_WIDTH if piped else None)


def fail(message: str) -> None:
    """An error in words, exit status 2."""
    make_console().print(f"[red]error:[/red] {message}")
    raise typer.Exit(2)
