"""The one decider of a data subject (park_shared.personal_data.subject.subject_decider)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.errors import Conflict, NotFound
from park_shared.events import Event
from park_shared.personal_data.subject import (
    ErasePersonalData,
    RecordedSubject,
    SubjectErased,
    subject_decider,
)

AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


class RecordMember(Command):
    member_id: str
    personal: str


class EraseMemberData(ErasePersonalData):
    pass


class MemberRecorded(Event):
    member_id: str
    personal: str


class MemberDataErased(SubjectErased):
    pass


def decider(
    once: str | None,
) -> Decider[RecordMember | EraseMemberData, RecordedSubject, MemberRecorded | MemberDataErased]:
    return subject_decider(
        "member",
        RecordMember,
        MemberRecorded,
        EraseMemberData,
        MemberDataErased,
        subject_of=lambda event: event.member_id,
        once=once,
    )


RECORDED = MemberRecorded(member_id="m-1", personal="pd1.token")
ERASED = MemberDataErased(subject_id="m-1", erased_at=AT)


def test_a_record_becomes_the_event_with_the_commands_fields() -> None:
    decider("recorded").then([], RecordMember(member_id="m-1", personal="pd1.token"), [RECORDED])


def test_a_second_record_is_refused_when_once_names_a_status() -> None:
    with pytest.raises(Conflict, match="member m-1 is recorded already"):
        decider("recorded").given([RECORDED], RecordMember(member_id="m-1", personal="pd1.other"))


def test_without_once_the_latest_record_stands_but_erased_data_is_not_collected_again() -> None:
    again = RecordMember(member_id="m-1", personal="pd1.other")
    decider(None).then([RECORDED], again, [MemberRecorded(member_id="m-1", personal="pd1.other")])
    with pytest.raises(Conflict, match="it is not collected again") as refused:
        decider(None).given([RECORDED, ERASED], again)
    assert refused.value.extra == {"erased_at": str(AT)}


def test_erasure_records_whose_key_and_when_and_is_refused_for_the_unknown_and_the_erased() -> None:
    decider("recorded").then([RECORDED], EraseMemberData(erased_at=AT), [ERASED])
    with pytest.raises(NotFound, match="no such member"):
        decider("recorded").given([], EraseMemberData(erased_at=AT))
    with pytest.raises(Conflict, match=re.escape(f"member m-1 was erased at {AT}")):
        decider("recorded").given([RECORDED, ERASED], EraseMemberData(erased_at=AT))
    state = decider("recorded").fold([RECORDED, ERASED])
    assert (state.status, state.erased_at, state.subject_id) == ("erased", AT, "m-1")
