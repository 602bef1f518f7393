"""Related projects on the merchant platform (设计一批相关工程): an enterprise already landed in the
zone proposes a batch of upstream or downstream partners; each becomes a merchant-platform lead
with the proposer as its source (through the same duplicate check as every lead), and the
proposal records which lead each project became, or which existing lead it duplicated. A
partner proposed without a credit code is kept pending until its credit code is supplied; then
it goes through the same registration and duplicate check."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Annotated, Literal

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.errors import Conflict, Invalid, NotFound
from park_shared.events import Event
from pydantic import BaseModel, ConfigDict, Field

from park_investment.domain.money import Money

__all__ = [
    "ProjectCreditCodeSupplied",
    "ProjectDuplicated",
    "ProjectLeadOpened",
    "ProposalCommand",
    "ProposalEvent",
    "ProposalState",
    "ProposalSubmitted",
    "RecordProjectDuplicate",
    "RecordProjectLead",
    "RelatedProject",
    "SubmitProposal",
    "SupplyCreditCode",
    "decider",
    "new_proposal_id",
]


def new_proposal_id() -> str:
    return f"proposal-{uuid.uuid4().hex}"


Relation = Literal["upstream", "downstream", "complementary"]


class RelatedProject(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    company_name: str = Field(min_length=2)
    credit_code: str | None = None
    sector: str = Field(min_length=1)
    relation: Relation
    estimated_investment: Annotated[Money, Field(gt=0)]
    park_id: str


class SubmitProposal(Command):
    proposal_id: str
    proposer_lead_id: str
    proposer_status: str
    """The proposing enterprise's lead status, read by the application: only "landed" proposes."""
    referrer_id: str
    """The proposing enterprise as a merchant-platform referrer: the source of every lead."""
    projects: tuple[RelatedProject, ...] = Field(min_length=1, max_length=50)
    submitted_on: date


class RecordProjectLead(Command):
    proposal_id: str
    project: int = Field(ge=0)
    lead_id: str


class RecordProjectDuplicate(Command):
    proposal_id: str
    project: int = Field(ge=0)
    existing_lead_id: str


class SupplyCreditCode(Command):
    """The credit code of a project proposed without one (pending): it becomes a lead next."""

    proposal_id: str
    project: int = Field(ge=0)
    credit_code: str
    supplied_on: date


ProposalCommand = SubmitProposal | RecordProjectLead | RecordProjectDuplicate | SupplyCreditCode


class ProposalSubmitted(Event):
    proposal_id: str
    proposer_lead_id: str
    referrer_id: str
    projects: tuple[RelatedProject, ...]
    submitted_on: date


class ProjectLeadOpened(Event):
    proposal_id: str
    proposer_lead_id: str
    project: int
    lead_id: str


class ProjectDuplicated(Event):
    proposal_id: str
    proposer_lead_id: str
    project: int
    existing_lead_id: str


class ProjectCreditCodeSupplied(Event):
    proposal_id: str
    proposer_lead_id: str
    project: int
    credit_code: str
    supplied_on: date


ProposalEvent = ProposalSubmitted | ProjectLeadOpened | ProjectDuplicated | ProjectCreditCodeSupplied


class ProposalState(BaseModel):
    model_config = ConfigDict(frozen=True)

    proposal_id: str = ""
    proposer_lead_id: str = ""
    referrer_id: str = ""
    projects: tuple[RelatedProject, ...] = ()
    outcomes: dict[int, str] = Field(default_factory=dict)
    """Per project: the lead it opened, or "duplicate:<lead>"."""


def _submit(c: SubmitProposal, s: ProposalState) -> list[ProposalEvent]:
    if s.proposal_id:
        raise Conflict(f"proposal {c.proposal_id} exists already", proposal_id=c.proposal_id)
    if c.proposer_status != "landed":
        raise Conflict(
            f"lead {c.proposer_lead_id} is {c.proposer_status}, not landed: only an enterprise landed "
            "in the zone proposes related projects",
            proposer_lead_id=c.proposer_lead_id,
            proposer_status=c.proposer_status,
        )
    names = [p.company_name.strip().casefold() for p in c.projects]
    twice = next((i for i, n in enumerate(names) if names.index(n) != i), None)
    if twice is not None:
        raise Invalid(
            f"{c.projects[twice].company_name} is proposed twice", field=f"projects.{twice}.company_name"
        )
    return [
        ProposalSubmitted(
            proposal_id=c.proposal_id,
            proposer_lead_id=c.proposer_lead_id,
            referrer_id=c.referrer_id,
            projects=c.projects,
            submitted_on=c.submitted_on,
        )
    ]


def _outcome(s: ProposalState, project: int) -> None:
    if not s.proposal_id:
        raise NotFound("there is no such proposal")
    if project >= len(s.projects):
        raise Invalid(f"the proposal has {len(s.projects)} projects", field="project")


def _supply(c: SupplyCreditCode, s: ProposalState) -> list[ProposalEvent]:
    _outcome(s, c.project)
    project = s.projects[c.project]
    if project.credit_code is not None:
        outcome = s.outcomes.get(c.project)
        became = f" and became {outcome}" if outcome else ""
        raise Conflict(
            f"project {c.project} ({project.company_name}) has credit code {project.credit_code} "
            f"already{became}: it is not pending",
            project=c.project,
            credit_code=project.credit_code,
        )
    return [
        ProjectCreditCodeSupplied(
            proposal_id=s.proposal_id,
            proposer_lead_id=s.proposer_lead_id,
            project=c.project,
            credit_code=c.credit_code,
            supplied_on=c.supplied_on,
        )
    ]


def decide(command: ProposalCommand, state: ProposalState) -> Sequence[ProposalEvent]:
    match command:
        case SubmitProposal():
            return _submit(command, state)
        case SupplyCreditCode():
            return _supply(command, state)
        case RecordProjectLead():
            _outcome(state, command.project)
            if state.outcomes.get(command.project) == command.lead_id:
                return []
            if command.project in state.outcomes:
                raise Conflict(f"project {command.project} became {state.outcomes[command.project]} already")
            return [
                ProjectLeadOpened(
                    proposal_id=state.proposal_id,
                    proposer_lead_id=state.proposer_lead_id,
                    project=command.project,
                    lead_id=command.lead_id,
                )
            ]
        case RecordProjectDuplicate():
            _outcome(state, command.project)
            if command.project in state.outcomes:
                return []
            return [
                ProjectDuplicated(
                    proposal_id=state.proposal_id,
                    proposer_lead_id=state.proposer_lead_id,
                    project=command.project,
                    existing_lead_id=command.existing_lead_id,
                )
            ]


def evolve(state: ProposalState, event: ProposalEvent) -> ProposalState:
    match event:
        case ProposalSubmitted():
            return ProposalState(
                proposal_id=event.proposal_id,
                proposer_lead_id=event.proposer_lead_id,
                referrer_id=event.referrer_id,
                projects=event.projects,
            )
        case ProjectLeadOpened():
            return state.model_copy(update={"outcomes": {**state.outcomes, event.project: event.lead_id}})
        case ProjectDuplicated():
            outcome = f"duplicate:{event.existing_lead_id}"
            return state.model_copy(update={"outcomes": {**state.outcomes, event.project: outcome}})
        case ProjectCreditCodeSupplied():
            supplied = state.projects[event.project].model_copy(update={"credit_code": event.credit_code})
            projects = tuple(supplied if i == event.project else p for i, p in enumerate(state.projects))
            return state.model_copy(update={"projects": projects})


decider: Decider[ProposalCommand, ProposalState, ProposalEvent] = Decider(
    initial_state=ProposalState(), decide=decide, evolve=evolve
)
