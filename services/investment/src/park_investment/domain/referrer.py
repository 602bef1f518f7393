"""A referrer (推荐人): enrolled with its personal data (name, phone, relation, organisation)
sealed in a token only this service's vault opens; erased by destroying the referrer's key, which
the event PersonalDataErased records without the data. Both events stay internal; leads,
rewards and the topic name a referrer only by its pseudonymous referrer_id."""

from __future__ import annotations

from datetime import date
from typing import Literal

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.events import Event
from park_shared.personal_data.subject import (
    ErasePersonalData,
    RecordedSubject,
    SubjectErased,
    subject_decider,
)

__all__ = [
    "EnrolReferrer",
    "EraseReferrerData",
    "PersonalDataErased",
    "ReferrerCommand",
    "ReferrerEnrolled",
    "ReferrerEvent",
    "ReferrerKind",
    "kinds_for",
    "referrer_decider",
]

ReferrerKind = Literal["enterprise", "department", "overseas_chinese", "staff", "staff_relative"]

_PLATFORM_KINDS: dict[str, tuple[str, ...]] = {
    "merchant": ("enterprise",),
    "all_staff": ("department", "overseas_chinese", "staff", "staff_relative"),
    "online": ("enterprise", "department", "overseas_chinese", "staff", "staff_relative"),
}


def kinds_for(platform: str) -> tuple[str, ...]:
    """The referrer kinds a platform's leads may name."""
    return _PLATFORM_KINDS[platform]


class EnrolReferrer(Command):
    referrer_id: str
    kind: ReferrerKind
    personal: str
    enrolled_on: date


class EraseReferrerData(ErasePersonalData):
    """Erase the referrer's personal data (park_shared.personal_data.subject)."""


class ReferrerEnrolled(Event):
    """Internal. `personal` is the sealed token of the referrer's personal data."""

    referrer_id: str
    kind: ReferrerKind
    personal: str
    enrolled_on: date


class PersonalDataErased(SubjectErased):
    """Internal: the subject's key was destroyed; its sealed data is unreadable everywhere."""


ReferrerCommand = EnrolReferrer | EraseReferrerData
ReferrerEvent = ReferrerEnrolled | PersonalDataErased


referrer_decider: Decider[ReferrerCommand, RecordedSubject, ReferrerEvent] = subject_decider(
    "referrer",
    EnrolReferrer,
    ReferrerEnrolled,
    EraseReferrerData,
    PersonalDataErased,
    subject_of=lambda event: event.referrer_id,
    once="enrolled",
)
