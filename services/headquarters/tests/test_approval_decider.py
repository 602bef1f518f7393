"""Project approvals: one request per case, decided once, approved or rejected with a reason."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from park_headquarters.domain import approval
from park_headquarters.domain.approval import (
    ApprovalRequestReceived,
    ApproveProject,
    ProjectApproved,
    ProjectRejected,
    ReceiveApprovalRequest,
    RejectProject,
)
from park_shared.errors import Conflict, NotFound

DAY = date(2026, 3, 2)
REQUEST = ReceiveApprovalRequest(
    approval_id="apr-case-1",
    case_id="case-1",
    step_code="project_approval",
    enterprise_name="绿能科技有限公司",
    credit_code="91110000000000001X",
    project="光伏组件生产线",
    planned_investment=Decimal("1250000.00"),
    park_id="north",
    requested_parcel_id="north-A01",
    requested_on=DAY,
    working_days=5,
    deadline=date(2026, 3, 9),
    deadline_source="catalogue",
)
RECEIVED = ApprovalRequestReceived(**REQUEST.model_dump())


def test_a_request_is_received_once_however_often_it_arrives() -> None:
    assert approval.decider.given([], REQUEST) == [RECEIVED]
    assert approval.decider.given([RECEIVED], REQUEST) == []
    assert approval.approval_id_of("case-1") == "apr-case-1"


def test_an_approval_may_name_the_allocated_parcel() -> None:
    events = approval.decider.given(
        [RECEIVED], ApproveProject(allocated_parcel_id="north-A01", decided_on=DAY)
    )
    assert events == [
        ProjectApproved(
            approval_id="apr-case-1", case_id="case-1", allocated_parcel_id="north-A01", decided_on=DAY
        )
    ]


def test_a_rejection_carries_its_reason() -> None:
    events = approval.decider.given([RECEIVED], RejectProject(reason="不符合产业政策", decided_on=DAY))
    assert events == [
        ProjectRejected(approval_id="apr-case-1", case_id="case-1", reason="不符合产业政策", decided_on=DAY)
    ]


def test_a_decision_is_final_and_an_unknown_request_is_not_found() -> None:
    decided = [
        RECEIVED,
        ProjectRejected(approval_id="apr-case-1", case_id="case-1", reason="x", decided_on=DAY),
    ]
    with pytest.raises(Conflict, match="already rejected"):
        approval.decider.given(decided, ApproveProject(allocated_parcel_id=None, decided_on=DAY))
    with pytest.raises(Conflict):
        approval.decider.given(decided, RejectProject(reason="again", decided_on=DAY))
    with pytest.raises(NotFound):
        approval.decider.given([], RejectProject(reason="x", decided_on=DAY))
