"""A service that is not ready says why in its log: a part that stops answering /ready's ping
(once, not at every poll, and again when it is back), and an attempt to connect that hangs."""

from __future__ import annotations

import asyncio
import logging

import pytest
from park_shared.readiness import Probes, retrying


class Part:
    def __init__(self) -> None:
        self.hang = False
        self.fail: Exception | None = None

    async def ping(self) -> None:
        if self.hang:
            await asyncio.Event().wait()
        if self.fail is not None:
            raise self.fail


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.mark.asyncio
async def test_a_part_that_stops_answering_is_logged_once_and_again_when_it_is_back(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING)
    probes, store = Probes("hq"), Part()
    assert await probes.probe("store", store) == "ok"
    store.hang = True
    assert await probes.probe("store", store) == "unreachable: TimeoutError"
    assert await probes.probe("store", store) == "unreachable: TimeoutError"
    store.hang = False
    assert await probes.probe("store", store) == "ok"
    assert warnings(caplog) == [
        "hq: not ready, store unreachable (no answer to a ping within 2s)",
        "hq: store reachable again (was unreachable: TimeoutError)",
    ]


@pytest.mark.asyncio
async def test_a_failing_ping_is_logged_with_its_error(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    bus = Part()
    bus.fail = ConnectionError("Kafka at 127.0.0.1:1 is unreachable")
    assert await Probes("ic").probe("bus", bus) == "unreachable: ConnectionError"
    assert warnings(caplog) == [
        "ic: not ready, bus unreachable (ConnectionError: Kafka at 127.0.0.1:1 is unreachable)"
    ]


@pytest.mark.asyncio
async def test_an_attempt_to_connect_that_hangs_is_logged_while_it_hangs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING)
    answered = asyncio.Event()

    async def open_() -> str:
        await answered.wait()
        return "store"

    opening = asyncio.create_task(retrying("store", open_, slow_after=0.05))
    while not warnings(caplog):
        await asyncio.sleep(0.01)
    answered.set()
    assert await opening == "store"
    assert warnings(caplog)[0] == "store still connecting after 0.05s: its server accepts but does not answer"
