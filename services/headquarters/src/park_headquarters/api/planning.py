"""/planning-applications: applications and violation cases under graded authority."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter
from park_shared.auth import Principal
from pydantic import ConfigDict, Field

from park_headquarters.api.bodies import Body
from park_headquarters.api.cases import CaseFile, Step, add_case_routes
from park_headquarters.api.deps import Head, OfficialOrPlanner, Planner, PlannerOrHead
from park_headquarters.application.context import Headquarters
from park_headquarters.domain import planning_messages
from park_headquarters.domain.values import PlannedUse, Text

__all__ = ["router"]

router = APIRouter(prefix="/planning-applications", tags=["planning"])
Status = Literal["filed", "escalated", "decided", "appealed", "final"]


class PlanningCreate(Body):
    kind: planning_messages.CaseKind = "application"
    parcel_id: str
    applicant: Text
    use: PlannedUse
    floor_area_m2: Annotated[int, Field(ge=0, strict=True)]
    height_m: Annotated[Decimal, Field(ge=0, max_digits=6, decimal_places=2)]
    description: Text

    def command(self, case_id: str, hq: Headquarters, who: Principal) -> planning_messages.FilePlanningCase:
        return planning_messages.FilePlanningCase(
            application_id=case_id,
            kind=self.kind,
            parcel_id=self.parcel_id,
            applicant=self.applicant,
            use=self.use,
            floor_area_m2=self.floor_area_m2,
            height_m=self.height_m,
            description=self.description,
            filed_on=hq.today(),
        )


class Escalation(Body):
    reason: Text

    def command(self, case_id: str, hq: Headquarters, who: Principal) -> planning_messages.EscalateCase:
        return planning_messages.EscalateCase(reason=self.reason, escalated_on=hq.today())


class Decision(Body):
    outcome: planning_messages.Outcome = Field(
        description="application: approved/refused; violation: sanctioned/dismissed"
    )
    reasons: str = Field("", max_length=2000)

    def command(self, case_id: str, hq: Headquarters, who: Principal) -> planning_messages.DecideCase:
        return planning_messages.DecideCase(
            outcome=self.outcome, reasons=self.reasons, authority=hq.authority(who), decided_on=hq.today()
        )


class Appeal(Body):
    grounds: Text

    def command(self, case_id: str, hq: Headquarters, who: Principal) -> planning_messages.AppealDecision:
        return planning_messages.AppealDecision(grounds=self.grounds, appealed_on=hq.today())


class AppealRuling(Body):
    appeal_outcome: Literal["upheld", "overturned"]
    reasons: Text

    def command(self, case_id: str, hq: Headquarters, who: Principal) -> planning_messages.DecideAppeal:
        return planning_messages.DecideAppeal(
            appeal_outcome=self.appeal_outcome,
            reasons=self.reasons,
            authority=hq.authority(who),
            decided_on=hq.today(),
        )


class PlanningPublic(PlanningCreate):
    model_config = ConfigDict(extra="ignore")

    application_id: str
    filed_on: date
    status: Status
    outcome: planning_messages.Outcome | None
    reasons: str | None
    decided_by: Literal["head", "planner"] | None
    planner_level: int | None
    decided_on: date | None
    escalation: dict[str, Any] | None
    appeal: dict[str, Any] | None


add_case_routes(
    router,
    CaseFile(
        aggregate=lambda hq: hq.planning,
        collection="planning_cases",
        what="planning case",
        public=PlanningPublic,
        id_name="application_id",
        id_prefix="pla",
        opening=Step(
            "",
            "file_case",
            PlanningCreate,
            OfficialOrPlanner,
            "File an application or violation",
            status_code=201,
        ),
        check=lambda hq, command: hq.ensure_parcel(command),
        filters={"status": Status, "kind": planning_messages.CaseKind},
        summaries=("Planning cases", "One planning case"),
        steps=[
            Step("escalate", "escalate", Escalation, Planner, "Escalate to the head"),
            Step(
                "decision",
                "decide",
                Decision,
                PlannerOrHead,
                "Decide",
                "A planner decides within their level's limits (else 403: escalate); the head decides all.",
            ),
            Step("appeal", "appeal", Appeal, OfficialOrPlanner, "Appeal once"),
            Step("appeal-decision", "decide_appeal", AppealRuling, Head, "Rule on the appeal"),
        ],
    ),
)
