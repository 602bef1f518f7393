"""Opening service cases (walk-in or from a signed lead) and acting on them."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal

from park_shared.decider import Expect
from park_shared.errors import Invalid
from park_shared.handler import CommandContext, Outcome

from park_service_center.application.center import ServiceCenter
from park_service_center.application.policies import catalogue_in_force
from park_service_center.domain.case import case_id_for_lead, new_case_id
from park_service_center.domain.case_commands import CaseCommand, OpenCase
from park_service_center.domain.case_events import CaseEvent
from park_service_center.domain.case_state import Case

__all__ = ["CaseRequest", "act", "open_case"]

CaseOutcome = Outcome[Case, CaseEvent]


@dataclass(frozen=True, kw_only=True)
class CaseRequest:
    """What opening a case needs, from a walk-in form or a signed lead."""

    lead_id: str | None
    enterprise_name: str
    credit_code: str
    project: str
    planned_investment: Decimal
    park_id: str
    industry: str
    green_channel: bool = False
    green_channel_reason: str | None = None
    requested_parcel_id: str | None = None


async def open_case(center: ServiceCenter, request: CaseRequest, context: CommandContext) -> CaseOutcome:
    """Opens a case with the steps of the catalogue in force today. A lead's case has the id
    derived from the lead, so a second LeadSigned finds it and changes nothing. With no catalogue
    in force, a walk-in is refused (409) and a lead's case waits for one (application/awaiting)."""
    if request.park_id not in center.parks:
        raise Invalid(
            f"unknown park {request.park_id!r}; parks are {', '.join(center.parks)}", field="park_id"
        )
    today = center.today()
    catalogue = await catalogue_in_force(await center.read_models(), today)
    case_id = new_case_id() if request.lead_id is None else case_id_for_lead(request.lead_id)
    command = OpenCase(
        case_id=case_id, opened_on=today, catalogue=catalogue, calendar=await center.calendar(),
        **asdict(request),
    )  # fmt: skip
    expect: Expect = "new" if request.lead_id is None else "any"
    return await center.cases().handle(case_id, command, expect=expect, context=context)


async def act(
    center: ServiceCenter,
    case_id: str,
    command: CaseCommand,
    context: CommandContext,
    expected_version: int | None = None,
) -> CaseOutcome:
    return await center.cases().handle(
        case_id, command, expect="existing", expected_version=expected_version, context=context
    )
