"""The embedded log wakes a waiting member when a message reaches one of its topics, from this
process or from another one sharing the file, and leaves the members of other topics asleep."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from park_shared.bus.embedded import EmbeddedLog
from park_shared.bus.port import Message

LONG = 60.0
"""Longer than the test may take: a wait that ends was woken, not timed out."""


@pytest.fixture
async def logs(tmp_path: Path) -> AsyncIterator[tuple[EmbeddedLog, EmbeddedLog]]:
    """Two handles on one file, as two processes have."""
    here, there = EmbeddedLog(tmp_path / "bus.sqlite"), EmbeddedLog(tmp_path / "bus.sqlite")
    await here.start()
    await there.start()
    yield here, there
    await here.close()
    await there.close()


def waiting(log: EmbeddedLog, *topics: str) -> asyncio.Task[None]:
    return asyncio.get_running_loop().create_task(log.wait_published(LONG, topics))


async def test_another_process_publishing_wakes_only_the_members_of_its_topic(
    logs: tuple[EmbeddedLog, EmbeddedLog],
) -> None:
    here, there = logs
    cases, leads = waiting(here, "cases", "fees"), waiting(here, "leads")
    await asyncio.sleep(0.05)  # both wait, and the watcher has looked at the file once

    await there.publish([Message("leads", "lead-1", b"{}")])
    await asyncio.wait_for(leads, 10)
    await asyncio.sleep(0.05)  # the watcher has looked again since
    assert not cases.done()

    await there.publish([Message("fees", "fee-1", b"{}")])
    await asyncio.wait_for(cases, 10)


async def test_publishing_here_wakes_the_members_of_its_topic_at_once(
    logs: tuple[EmbeddedLog, EmbeddedLog],
) -> None:
    here, _ = logs
    cases, leads = waiting(here, "cases"), waiting(here, "leads")
    await asyncio.sleep(0)

    await here.publish([Message("cases", "case-1", b"{}")])
    await asyncio.wait_for(cases, 10)
    assert not leads.done()
    leads.cancel()


async def test_a_message_published_while_no_member_waited_wakes_the_next_one_to_wait(
    logs: tuple[EmbeddedLog, EmbeddedLog],
) -> None:
    here, there = logs
    first = waiting(here, "cases")
    await asyncio.sleep(0.05)
    await there.publish([Message("cases", "case-1", b"{}")])
    await asyncio.wait_for(first, 10)
    await asyncio.sleep(0.05)  # no one waits: the watcher has stopped looking

    await there.publish([Message("cases", "case-2", b"{}")])
    await asyncio.wait_for(here.wait_published(LONG, ["cases"]), 10)
