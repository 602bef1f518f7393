"""Event ids and the instants events occur at, as the handler writes them into metadata."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from park_shared import events
from park_shared.events import new_id, occurred_now


def test_ids_are_version_4_uuids_and_never_repeat_across_batches() -> None:
    ids = [new_id() for _ in range(10 * events._IDS_AT_ONCE + 3)]
    assert len(set(ids)) == len(ids)
    for found in ids:
        as_uuid = uuid.UUID(hex=found)
        assert (as_uuid.version, as_uuid.variant, as_uuid.hex) == (4, uuid.RFC_4122, found)


def test_every_digit_but_the_version_and_variant_bits_is_random() -> None:
    ids = [new_id() for _ in range(4 * events._IDS_AT_ONCE)]
    for at in range(32):
        seen = {found[at] for found in ids}
        if at == 12:
            assert seen == {"4"}
        elif at == 16:
            assert seen == set("89ab")
        else:
            assert len(seen) == 16, f"digit {at} took only {sorted(seen)}"


def test_a_forked_child_never_hands_out_its_parent_s_ids() -> None:
    new_id()  # the parent holds a batch not handed out yet
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through the pipe
        os.write(writing, " ".join(new_id() for _ in range(5)).encode())
        os._exit(0)
    os.close(writing)
    os.waitpid(child, 0)
    with os.fdopen(reading) as pipe:
        childs = set(pipe.read().split())
    parents = {new_id() for _ in range(5)}
    assert len(childs) == 5 and not childs & parents


@pytest.mark.parametrize(
    "micros",
    [
        1_780_000_000_000_000,  # a whole second: no fraction written, as isoformat writes it
        1_780_000_000_000_001,
        1_780_000_000_999_999,
        1_780_000_001_000_000,  # the next second, just after the last instant of the one before
        1_780_000_001_500_000,
        1_780_086_399_123_456,  # the last second of a day, then the day after
        1_780_086_400_000_007,
    ],
)
def test_the_instant_is_written_as_datetime_s_isoformat_writes_it(
    micros: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(events.time, "time_ns", lambda: micros * 1000 + 999)
    expected = (datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=micros)).isoformat()
    assert occurred_now() == expected
    assert occurred_now() == expected  # the second's text is reused: still the same


def test_the_instant_is_now() -> None:
    before = datetime.now(UTC)
    written = datetime.fromisoformat(occurred_now())
    assert before <= written <= datetime.now(UTC)
