"""Supervision cases (one per overdue step), coordination matters, offering oversight."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from park_headquarters.domain import coordination, offering, supervision
from park_headquarters.domain.coordination import (
    AdoptResolution,
    CloseMatter,
    CoordinationMatterOpened,
    CoordinationMeetingHeld,
    HoldMeeting,
    OpenMatter,
    Party,
)
from park_headquarters.domain.supervision import (
    AssignSupervisionCase,
    CloseSupervisionCase,
    FileComplaint,
    OpenForOverdueStep,
    SupervisionCaseAssigned,
    SupervisionCaseClosed,
    SupervisionCaseOpened,
)
from park_shared.errors import Conflict, Invalid, NotFound

DAY = date(2026, 3, 2)
OVERDUE = OpenForOverdueStep(
    supervision_id=supervision.overdue_case_id("case-1", "fire"),
    case_id="case-1",
    step_code="fire",
    step_name="消防审验",
    deadline=date(2026, 2, 27),
    enterprise_name="绿能科技",
    opened_on=DAY,
)


def test_an_overdue_step_opens_one_case_however_often_it_is_reported() -> None:
    [opened] = supervision.decider.given([], OVERDUE)
    assert opened == SupervisionCaseOpened(
        supervision_id="sup-case-1-fire",
        cause="overdue",
        unit="service-center",
        case_id="case-1",
        step_code="fire",
        opened_on=DAY,
        step_name="消防审验",
        deadline=date(2026, 2, 27),
        enterprise_name="绿能科技",
    )
    assert supervision.decider.given([opened], OVERDUE) == []
    closed = SupervisionCaseClosed(supervision_id="sup-case-1-fire", findings="已整改", closed_on=DAY)
    assert supervision.decider.given([opened, closed], OVERDUE) == []


def test_a_complaint_opens_a_case_that_is_assigned_and_closed_with_findings() -> None:
    complaint = FileComplaint(
        supervision_id="sup-x",
        unit="industrial-co",
        case_id=None,
        step_code=None,
        description="收费不透明",
        opened_on=DAY,
    )
    [opened] = supervision.decider.given([], complaint)
    assert opened.cause == "complaint" and opened.unit == "industrial-co"  # type: ignore[union-attr]
    with pytest.raises(Conflict):
        supervision.decider.given([opened], complaint)
    assigned = supervision.decider.given(
        [opened], AssignSupervisionCase(assignee="监察室 王", assigned_on=DAY)
    )
    assert assigned == [
        SupervisionCaseAssigned(supervision_id="sup-x", assignee="监察室 王", assigned_on=DAY)
    ]
    closing = CloseSupervisionCase(findings="属实，已责令整改", closed_on=DAY)
    [closed] = supervision.decider.given([opened, *assigned], closing)
    with pytest.raises(Conflict, match="closed"):
        supervision.decider.given([opened, closed], closing)
    with pytest.raises(NotFound):
        supervision.decider.given([], closing)


PARTIES = [Party(kind="township", name="河东镇"), Party(kind="other_park", name="south")]
OPENED = CoordinationMatterOpened(
    matter_id="coo-1", title="道路共建", parties=PARTIES, agenda=["征地补偿"], opened_on=DAY
)
MEETING = CoordinationMeetingHeld(
    matter_id="coo-1", meeting_id="m1", held_on=DAY, attendees=["河东镇"], minutes="议定"
)


def test_a_matter_names_each_party_once() -> None:
    command = OpenMatter(
        matter_id="coo-1", title="道路共建", parties=PARTIES, agenda=["征地补偿"], opened_on=DAY
    )
    assert coordination.decider.given([], command) == [OPENED]
    with pytest.raises(Invalid) as twice:
        coordination.decider.given([], command.model_copy(update={"parties": [*PARTIES, PARTIES[0]]}))
    assert twice.value.field == "parties"


def test_meetings_are_among_parties_and_resolutions_follow_a_meeting() -> None:
    meeting = HoldMeeting(meeting_id="m1", held_on=DAY, attendees=["河东镇"], minutes="议定")
    assert coordination.decider.given([OPENED], meeting) == [MEETING]
    with pytest.raises(Invalid) as stranger:
        coordination.decider.given([OPENED], meeting.model_copy(update={"attendees": ["某公司"]}))
    assert stranger.value.field == "attendees"
    resolution = AdoptResolution(
        resolution_id="r1", meeting_id="m1", text="共同出资", responsible_party="south", due_on=None
    )
    with pytest.raises(Invalid) as no_meeting:
        coordination.decider.given([OPENED], resolution)
    assert no_meeting.value.field == "meeting_id"
    assert coordination.decider.given([OPENED, MEETING], resolution)
    with pytest.raises(Invalid) as outsider:
        coordination.decider.given(
            [OPENED, MEETING], resolution.model_copy(update={"responsible_party": "north"})
        )
    assert outsider.value.field == "responsible_party"


def test_a_closed_matter_takes_nothing_more() -> None:
    [closed] = coordination.decider.given([OPENED], CloseMatter(outcome="达成一致", closed_on=DAY))
    with pytest.raises(Conflict, match="closed"):
        coordination.decider.given([OPENED, closed], CloseMatter(outcome="again", closed_on=DAY))
    with pytest.raises(NotFound):
        coordination.decider.given([], CloseMatter(outcome="x", closed_on=DAY))


def test_a_closed_offering_is_recorded_once() -> None:
    command = offering.RecordOfferingClosed(
        offering_id="off-1",
        title="首期募股",
        target_amount=Decimal("1000000.00"),
        raised_amount=Decimal("1200000.00"),
        shares_issued=1000000,
        holders=42,
        closed_on=DAY,
    )
    [recorded] = offering.decider.given([], command)
    assert recorded.raised_amount == Decimal("1200000.00")
    assert offering.decider.given([recorded], command) == []
