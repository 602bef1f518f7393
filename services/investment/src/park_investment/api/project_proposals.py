"""/project-proposals: related projects on the merchant platform (设计一批相关工程). An officer
records a landed enterprise's batch of upstream or downstream partners; each partner named with
a credit code becomes a merchant lead referred by the proposing enterprise (the same duplicate
check as every lead), one named without stays pending until its credit code is supplied; the
conversion report counts, per proposing enterprise, the leads signed and landed and the projects
still pending (inv.officer)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from park_investment.api.deps import InvestmentDep, Officer
from park_investment.api.schemas import CompanyName, CreditCode
from park_investment.application.proposals import conversion, submit_proposal, supply_credit_code
from park_investment.domain.money import Money
from park_investment.domain.project_proposal import RelatedProject, Relation, new_proposal_id
from park_investment.projections.proposals import PROPOSALS

__all__ = ["ProposalCreate", "ProposalOfficer", "router"]

router = APIRouter(prefix="/project-proposals", tags=["project proposals"])


class ProjectCreate(BaseModel):
    company_name: CompanyName
    credit_code: CreditCode | None = None
    """Without one the project is kept pending, no lead (leads are per credit code), until its
    credit code is supplied (POST .../projects/{n}/credit-code)."""
    sector: str = Field(min_length=1, max_length=100)
    relation: Relation
    estimated_investment: Annotated[Money, Field(gt=0)]
    park_id: str = Field(min_length=1, max_length=40)

    def project(self) -> RelatedProject:
        return RelatedProject(**self.model_dump())


class ProposalCreate(BaseModel):
    proposer_credit_code: CreditCode
    """The proposing enterprise: its lead must have landed."""
    referrer_id: str = Field(min_length=1, max_length=80)
    """The proposing enterprise enrolled as a referrer (kind enterprise): every lead's source."""
    projects: list[ProjectCreate] = Field(min_length=1, max_length=50)


class ProjectOfficer(BaseModel):
    company_name: str
    credit_code: str | None
    sector: str
    relation: Relation
    estimated_investment: Decimal
    park_id: str
    outcome: Literal["lead", "duplicate", "pending"]
    """lead: it opened `lead_id`; duplicate: `lead_id` held its credit code already; pending: it
    has no credit code."""
    lead_id: str | None


class CreditCodeSupplied(BaseModel):
    credit_code: CreditCode


class ProposalOfficer(BaseModel):
    proposal_id: str
    proposer_lead_id: str
    referrer_id: str
    submitted_on: date
    projects: list[ProjectOfficer]
    version: int


class ProposerConversion(BaseModel):
    proposer_lead_id: str
    company_name: str | None
    proposals: int
    projects: int
    leads_opened: int
    duplicates: int
    pending: int
    """Projects proposed without a credit code, not yet supplied: no lead yet."""
    signed: int
    """Leads it opened that were signed (or went further)."""
    landed: int


@router.post("", status_code=201, summary="Record a landed enterprise's batch of related projects")
async def propose(body: ProposalCreate, inv: InvestmentDep, officer: Officer) -> ProposalOfficer:
    proposal_id = new_proposal_id()
    projects = [p.project() for p in body.projects]
    await submit_proposal(
        inv, proposal_id, body.proposer_credit_code, body.referrer_id, projects, officer.context()
    )
    return ProposalOfficer.model_validate(await inv.found(PROPOSALS, proposal_id, "no such proposal"))


@router.post(
    "/{proposal_id}/projects/{project}/credit-code",
    summary="Supply a pending project's credit code: it becomes a lead (same duplicate check)",
    responses={409: {"description": "the project has a credit code already (it is not pending)"}},
)
async def supply(
    proposal_id: str, project: int, body: CreditCodeSupplied, inv: InvestmentDep, officer: Officer
) -> ProposalOfficer:
    await supply_credit_code(inv, proposal_id, project, body.credit_code, officer.context())
    return ProposalOfficer.model_validate(await inv.found(PROPOSALS, proposal_id, "no such proposal"))


@router.get("", summary="The proposals (of one proposing enterprise's lead)")
async def list_proposals(
    inv: InvestmentDep, _: Officer, proposer_lead_id: Annotated[str | None, Query()] = None
) -> list[ProposalOfficer]:
    where = {} if proposer_lead_id is None else {"proposer_lead_id": proposer_lead_id}
    docs = await (await inv.read_models()).find(PROPOSALS, where)
    return [ProposalOfficer.model_validate(d) for d in sorted(docs, key=lambda d: str(d["proposal_id"]))]


@router.get("/conversion", summary="Per proposing enterprise: leads opened, signed and landed")
async def proposal_conversion(inv: InvestmentDep, _: Officer) -> list[ProposerConversion]:
    return [ProposerConversion.model_validate(row) for row in await conversion(inv)]


@router.get("/{proposal_id}", summary="One proposal, with what each project became")
async def get_proposal(proposal_id: str, inv: InvestmentDep, _: Officer) -> ProposalOfficer:
    doc = await inv.found(
        PROPOSALS, proposal_id, f"there is no project proposal {proposal_id!r}", proposal_id=proposal_id
    )
    return ProposalOfficer.model_validate(doc)
