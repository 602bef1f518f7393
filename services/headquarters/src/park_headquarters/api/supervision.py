"""/supervision-cases: overdue steps (opened automatically) and complaints; counts by unit/step."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Literal

from fastapi import APIRouter
from park_shared.auth import Principal
from park_shared.projections.port import Doc
from pydantic import BaseModel

from park_headquarters.api.bodies import Body
from park_headquarters.api.cases import CaseFile, Step, add_case_routes
from park_headquarters.api.deps import AnyHq, HeadquartersDep, Official
from park_headquarters.application.context import Headquarters
from park_headquarters.domain import supervision
from park_headquarters.domain.values import Text, Unit

__all__ = ["router"]

router = APIRouter(prefix="/supervision-cases", tags=["supervision"])
Status = Literal["open", "assigned", "closed"]
Cause = Literal["overdue", "complaint"]
COLLECTION = "supervision_cases"


class ComplaintCreate(Body):
    unit: Unit
    case_id: str | None = None
    step_code: str | None = None
    description: Text

    def command(self, case_id: str, hq: Headquarters, who: Principal) -> supervision.FileComplaint:
        return supervision.FileComplaint(
            supervision_id=case_id,
            unit=self.unit,
            case_id=self.case_id,
            step_code=self.step_code,
            description=self.description,
            opened_on=hq.today(),
        )


class Assignment(Body):
    assignee: Text

    def command(self, case_id: str, hq: Headquarters, who: Principal) -> supervision.AssignSupervisionCase:
        return supervision.AssignSupervisionCase(assignee=self.assignee, assigned_on=hq.today())


class Closing(Body):
    findings: Text

    def command(self, case_id: str, hq: Headquarters, who: Principal) -> supervision.CloseSupervisionCase:
        return supervision.CloseSupervisionCase(findings=self.findings, closed_on=hq.today())


class SupervisionPublic(BaseModel):
    supervision_id: str
    cause: Cause
    unit: Unit
    case_id: str | None
    step_code: str | None
    step_name: str | None
    deadline: date | None
    enterprise_name: str | None
    description: str | None
    opened_on: date
    status: Status
    assignee: str | None
    assigned_on: date | None
    findings: str | None
    closed_on: date | None


class Tally(BaseModel):
    open: int = 0
    closed: int = 0
    total: int = 0


class SupervisionCounts(BaseModel):
    by_unit: dict[str, Tally]
    by_step: dict[str, Tally]


def _tally(docs: list[Doc], key: str) -> dict[str, Tally]:
    counts: dict[str, Counter[str]] = {}
    for doc in docs:
        if doc.get(key):
            state = "closed" if doc["status"] == "closed" else "open"
            counts.setdefault(doc[key], Counter())[state] += 1
    return {
        k: Tally(open=c["open"], closed=c["closed"], total=c["open"] + c["closed"])
        for k, c in sorted(counts.items())
    }


@router.get("/counts", summary="Counts by unit and by step")
async def counts(_: AnyHq, hq: HeadquartersDep) -> SupervisionCounts:
    docs = await (await hq.read_models()).find(COLLECTION)
    return SupervisionCounts(by_unit=_tally(docs, "unit"), by_step=_tally(docs, "step_code"))


add_case_routes(
    router,
    CaseFile(
        aggregate=lambda hq: hq.supervision,
        collection=COLLECTION,
        what="supervision case",
        public=SupervisionPublic,
        id_name="supervision_id",
        id_prefix="sup",
        opening=Step("", "file_complaint", ComplaintCreate, Official, "File a complaint", status_code=201),
        filters={"status": Status, "cause": Cause, "unit": Unit},
        summaries=("Supervision cases", "One case"),
        steps=[
            Step("assign", "assign", Assignment, Official, "Assign"),
            Step("close", "close", Closing, Official, "Close with findings"),
        ],
    ),
)
