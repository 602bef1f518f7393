"""CPU seconds of processes from /proc (utime + stime, and what their reaped children used),
and the processes of a server tree (PostgreSQL's postmaster and every backend it forked)."""

from __future__ import annotations

import os
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()  # fields from 3 (state) on


def cpu(pid: int, *, reaped: bool = True) -> float:
    """utime + stime of `pid` (and cutime + cstime: the children it has waited for)."""
    fields = _stat(pid)
    if fields is None:
        return 0.0
    ticks = int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15)
    if reaped:
        ticks += int(fields[13]) + int(fields[14])  # cutime, cstime
    return ticks / TICK


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))) and int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def tree_cpu(pid: int) -> float:
    """A server and its live children (a backend that exits moves into the parent's reaped time)."""
    return cpu(pid) + sum(cpu(child, reaped=False) for child in children(pid))


def own_cpu() -> float:
    times = os.times()
    return times.user + times.system
