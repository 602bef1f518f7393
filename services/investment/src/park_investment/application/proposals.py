"""Related projects on the merchant platform (设计一批相关工程): a landed enterprise proposes a
batch of upstream or downstream partners; each one named with a credit code becomes a merchant
lead whose referrer is the proposing enterprise, through the same registration and duplicate
check as every lead; the proposal records what each became. And the conversion of proposals into
signed and landed leads, per proposing enterprise."""

from __future__ import annotations

from collections.abc import Sequence

from park_shared.errors import Conflict, Invalid, NotFound
from park_shared.handler import CommandContext
from park_shared.projections.port import Doc

from park_investment.application.context import Investment
from park_investment.application.leads import check_referrer, register_lead
from park_investment.domain.lead_commands import RegisterLead, lead_id_for
from park_investment.domain.project_proposal import (
    RecordProjectDuplicate,
    RecordProjectLead,
    RelatedProject,
    SubmitProposal,
    SupplyCreditCode,
)
from park_investment.projections.leads import COLLECTION as LEADS
from park_investment.projections.proposals import PROPOSALS

__all__ = ["conversion", "submit_proposal", "supply_credit_code"]


def _registration(
    inv: Investment, project: RelatedProject, credit_code: str, referrer_id: str
) -> RegisterLead:
    return RegisterLead(
        company_name=project.company_name,
        credit_code=credit_code,
        industry=project.sector,
        planned_investment=project.estimated_investment,
        park_id=project.park_id,
        platform="merchant",
        referrer_id=referrer_id,
        registered_on=inv.today(),
        known_parks=inv.parks,
    )


async def submit_proposal(
    inv: Investment,
    proposal_id: str,
    proposer_credit_code: str,
    referrer_id: str,
    projects: Sequence[RelatedProject],
    context: CommandContext,
) -> None:
    """Checks everything first (the proposer's lead, the referrer, the parks), then records the
    proposal and registers a lead per project with a credit code: a refusal stores nothing."""
    proposer_lead_id = lead_id_for(proposer_credit_code)
    proposer = await inv.doc(LEADS, proposer_lead_id)
    if proposer is None:
        raise Invalid(
            f"no lead holds credit code {proposer_credit_code}: only an enterprise landed in the zone "
            "proposes related projects",
            field="proposer_credit_code",
        )
    for i, project in enumerate(projects):
        if project.park_id not in inv.parks:
            raise Invalid(
                f"unknown park {project.park_id!r}; the parks are {', '.join(inv.parks)}",
                field=f"projects.{i}.park_id",
            )
    registrations = [
        (i, _registration(inv, p, p.credit_code, referrer_id))
        for i, p in enumerate(projects)
        if p.credit_code
    ]
    await check_referrer(inv, "merchant", referrer_id)
    submit = SubmitProposal(
        proposal_id=proposal_id,
        proposer_lead_id=proposer_lead_id,
        proposer_status=str(proposer["status"]),
        referrer_id=referrer_id,
        projects=tuple(projects),
        submitted_on=inv.today(),
    )
    await inv.proposals.handle(proposal_id, submit, context)
    for i, command in registrations:
        await _open_lead(inv, proposal_id, i, command, context)


async def _open_lead(
    inv: Investment, proposal_id: str, project: int, command: RegisterLead, context: CommandContext
) -> None:
    """Registers the project's lead (the duplicate check of every lead) and records what it became."""
    try:
        lead = await register_lead(inv, command, context)
    except Conflict as duplicate:
        existing = duplicate.extra.get("existing_lead_id")
        if not isinstance(existing, str):
            raise
        record = RecordProjectDuplicate(proposal_id=proposal_id, project=project, existing_lead_id=existing)
        await inv.proposals.handle(proposal_id, record, context)
    else:
        opened = RecordProjectLead(proposal_id=proposal_id, project=project, lead_id=lead.lead_id)
        await inv.proposals.handle(proposal_id, opened, context)


async def supply_credit_code(
    inv: Investment, proposal_id: str, project: int, credit_code: str, context: CommandContext
) -> None:
    """A pending project's credit code, supplied later: recorded on the proposal (409 when the
    project has one already), then the project goes through the same registration and duplicate
    check as at submission. The referrer is checked first, so a refusal stores nothing."""
    state, version = await inv.proposals.load(proposal_id)
    if version == 0:
        raise NotFound(f"there is no project proposal {proposal_id!r}", proposal_id=proposal_id)
    if project >= len(state.projects):
        raise Invalid(f"the proposal has {len(state.projects)} projects", field="project")
    await check_referrer(inv, "merchant", state.referrer_id)
    supply = SupplyCreditCode(
        proposal_id=proposal_id, project=project, credit_code=credit_code, supplied_on=inv.today()
    )
    await inv.proposals.handle(proposal_id, supply, context, expected_version=version)
    registration = _registration(inv, state.projects[project], credit_code, state.referrer_id)
    await _open_lead(inv, proposal_id, project, registration, context)


async def conversion(inv: Investment) -> list[Doc]:
    """Per proposing enterprise: its proposals, the projects proposed, the leads they opened, the
    duplicates, the projects still pending (no credit code yet), and how many of those leads were
    signed and landed (ever reached)."""
    read_models = await inv.read_models()
    by_proposer: dict[str, Doc] = {}
    for proposal in await read_models.find(PROPOSALS):
        row = by_proposer.setdefault(
            proposal["proposer_lead_id"],
            {"proposer_lead_id": proposal["proposer_lead_id"], "proposals": 0, "projects": 0,
             "leads_opened": 0, "duplicates": 0, "pending": 0, "signed": 0, "landed": 0},
        )  # fmt: skip
        row["proposals"] += 1
        row["projects"] += len(proposal["projects"])
        for project in proposal["projects"]:
            if project["outcome"] == "duplicate":
                row["duplicates"] += 1
            if project["outcome"] == "pending":
                row["pending"] += 1
            if project["outcome"] != "lead":
                continue
            row["leads_opened"] += 1
            lead = await read_models.get(LEADS, project["lead_id"])
            reached = set(lead["reached"]) if lead else set()
            row["signed"] += "signed" in reached
            row["landed"] += "landed" in reached
    for proposer_lead_id, row in by_proposer.items():
        proposer = await read_models.get(LEADS, proposer_lead_id)
        row["company_name"] = proposer["company_name"] if proposer else None
    return sorted(by_proposer.values(), key=lambda r: str(r["proposer_lead_id"]))
