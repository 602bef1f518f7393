"""Related projects: proposed by a landed enterprise only, each project becoming one lead or
found to duplicate one."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from park_investment.domain.project_proposal import (
    ProjectCreditCodeSupplied,
    ProjectDuplicated,
    ProjectLeadOpened,
    ProposalEvent,
    ProposalSubmitted,
    RecordProjectDuplicate,
    RecordProjectLead,
    RelatedProject,
    SubmitProposal,
    SupplyCreditCode,
    decider,
)
from park_shared.errors import Conflict, Invalid, NotFound

UPSTREAM = RelatedProject(
    company_name="宁波晶片材料 Ningbo Wafer Materials",
    sector="semiconductors",
    relation="upstream",
    estimated_investment=Decimal("80000000"),
    park_id="north",
)
DOWNSTREAM = UPSTREAM.model_copy(
    update={"company_name": "杭州封装 Hangzhou Packaging", "relation": "downstream"}
)


def submit(status: str = "landed", *projects: RelatedProject) -> SubmitProposal:
    return SubmitProposal(
        proposal_id="pp-1",
        proposer_lead_id="lead-42",
        proposer_status=status,
        referrer_id="ref-ent-42",
        projects=projects or (UPSTREAM, DOWNSTREAM),
        submitted_on=date(2026, 3, 2),
    )


def submitted() -> list[ProposalEvent]:
    return list(decider.given([], submit()))


def test_a_landed_enterprise_proposes_a_batch_of_related_projects() -> None:
    [event] = submitted()
    assert isinstance(event, ProposalSubmitted)
    assert [p.relation for p in event.projects] == ["upstream", "downstream"]


@pytest.mark.parametrize("status", ["new", "signed", "registered"])
def test_an_enterprise_not_landed_is_refused_with_409_naming_its_status(status: str) -> None:
    with pytest.raises(Conflict) as refused:
        decider.given([], submit(status))
    assert refused.value.extra == {"proposer_lead_id": "lead-42", "proposer_status": status}


def test_the_same_company_twice_in_one_batch_is_refused_naming_the_second() -> None:
    with pytest.raises(Invalid) as refused:
        decider.given([], submit("landed", UPSTREAM, DOWNSTREAM, UPSTREAM))
    assert refused.value.field == "projects.2.company_name"


def test_each_project_becomes_one_lead_with_the_proposer_as_its_source() -> None:
    [opened] = decider.given(submitted(), RecordProjectLead(proposal_id="pp-1", project=0, lead_id="lead-77"))
    assert isinstance(opened, ProjectLeadOpened)
    assert (opened.proposer_lead_id, opened.lead_id) == ("lead-42", "lead-77")
    events = [*submitted(), opened]
    assert decider.given(events, RecordProjectLead(proposal_id="pp-1", project=0, lead_id="lead-77")) == []
    with pytest.raises(Conflict, match="already"):
        decider.given(events, RecordProjectLead(proposal_id="pp-1", project=0, lead_id="lead-78"))


def test_a_project_that_duplicates_an_existing_lead_is_recorded_once() -> None:
    [dup] = decider.given(
        submitted(), RecordProjectDuplicate(proposal_id="pp-1", project=1, existing_lead_id="lead-9")
    )
    assert isinstance(dup, ProjectDuplicated) and dup.existing_lead_id == "lead-9"
    again = RecordProjectDuplicate(proposal_id="pp-1", project=1, existing_lead_id="lead-9")
    assert decider.given([*submitted(), dup], again) == []


def test_a_project_outside_the_batch_or_an_unknown_proposal_is_refused() -> None:
    with pytest.raises(Invalid) as refused:
        decider.given(submitted(), RecordProjectLead(proposal_id="pp-1", project=2, lead_id="lead-1"))
    assert refused.value.field == "project"
    with pytest.raises(NotFound):
        decider.given([], RecordProjectLead(proposal_id="pp-1", project=0, lead_id="lead-1"))
    with pytest.raises(Conflict, match="exists already"):
        decider.given(submitted(), submit())


def supply(project: int, code: str = "91330100MA2B00001X") -> SupplyCreditCode:
    return SupplyCreditCode(
        proposal_id="pp-1", project=project, credit_code=code, supplied_on=date(2026, 4, 1)
    )


def test_a_pending_project_takes_its_credit_code_once() -> None:
    [supplied] = decider.given(submitted(), supply(0))
    assert isinstance(supplied, ProjectCreditCodeSupplied)
    assert (supplied.project, supplied.credit_code, supplied.proposer_lead_id) == (
        0,
        "91330100MA2B00001X",
        "lead-42",
    )
    state = decider.fold([*submitted(), supplied])
    assert state.projects[0].credit_code == "91330100MA2B00001X" and state.projects[1].credit_code is None
    with pytest.raises(Conflict, match="not pending") as refused:
        decider.given([*submitted(), supplied], supply(0, "91330100MA2B00002Y"))
    assert refused.value.extra["credit_code"] == "91330100MA2B00001X"
    named = UPSTREAM.model_copy(update={"credit_code": "91330100MA2B00003Z"})
    with pytest.raises(Conflict, match="not pending"):
        decider.given(list(decider.given([], submit("landed", named))), supply(0))
    with pytest.raises(Invalid) as beyond:
        decider.given(submitted(), supply(2))
    assert beyond.value.field == "project"
    with pytest.raises(NotFound):
        decider.given([], supply(0))
