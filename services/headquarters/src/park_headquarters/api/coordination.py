"""/coordination-matters: parties, agenda, meetings, resolutions, closing (协商)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter
from park_shared.auth import Principal
from park_shared.web.dates import Day
from pydantic import ConfigDict, Field

from park_headquarters.api.bodies import Body
from park_headquarters.api.cases import CaseFile, Step, add_case_routes
from park_headquarters.api.deps import Official
from park_headquarters.application.context import Headquarters
from park_headquarters.domain import coordination
from park_headquarters.domain.coordination import Party
from park_headquarters.domain.values import Text

__all__ = ["router"]

router = APIRouter(prefix="/coordination-matters", tags=["coordination"])
Status = Literal["open", "closed"]


class MatterCreate(Body):
    title: Text
    parties: Annotated[list[Party], Field(min_length=1)]
    agenda: Annotated[list[Text], Field(min_length=1)]

    def command(self, case_id: str, hq: Headquarters, who: Principal) -> coordination.OpenMatter:
        return coordination.OpenMatter(
            matter_id=case_id,
            title=self.title,
            parties=self.parties,
            agenda=self.agenda,
            opened_on=hq.today(),
        )


class MeetingCreate(Body):
    held_on: Day
    attendees: Annotated[list[Text], Field(min_length=1, description="names of parties")]
    minutes: Text

    def command(self, case_id: str, hq: Headquarters, who: Principal) -> coordination.HoldMeeting:
        return coordination.HoldMeeting(
            meeting_id=f"mtg-{uuid.uuid4().hex[:8]}",
            held_on=self.held_on,
            attendees=self.attendees,
            minutes=self.minutes,
        )


class ResolutionCreate(Body):
    meeting_id: str
    text: Text
    responsible_party: str | None = None
    due_on: Day | None = None

    def command(self, case_id: str, hq: Headquarters, who: Principal) -> coordination.AdoptResolution:
        return coordination.AdoptResolution(
            resolution_id=f"res-{uuid.uuid4().hex[:8]}",
            meeting_id=self.meeting_id,
            text=self.text,
            responsible_party=self.responsible_party,
            due_on=self.due_on,
        )


class MatterClose(Body):
    outcome: Text

    def command(self, case_id: str, hq: Headquarters, who: Principal) -> coordination.CloseMatter:
        return coordination.CloseMatter(outcome=self.outcome, closed_on=hq.today())


class Meeting(MeetingCreate):
    meeting_id: str


class Resolution(ResolutionCreate):
    resolution_id: str


class MatterPublic(MatterCreate):
    model_config = ConfigDict(extra="ignore")

    matter_id: str
    opened_on: date
    status: Status
    meetings: list[Meeting]
    resolutions: list[Resolution]
    outcome: str | None
    closed_on: date | None


add_case_routes(
    router,
    CaseFile(
        aggregate=lambda hq: hq.coordination,
        collection="coordination_matters",
        what="coordination matter",
        public=MatterPublic,
        id_name="matter_id",
        id_prefix="coo",
        opening=Step("", "open_matter", MatterCreate, Official, "Open a matter", status_code=201),
        filters={"status": Status},
        reads=("list_matters", "get_matter"),
        summaries=("Coordination matters", "One matter"),
        steps=[
            Step("meetings", "hold_meeting", MeetingCreate, Official, "Record a meeting", status_code=201),
            Step(
                "resolutions",
                "adopt_resolution",
                ResolutionCreate,
                Official,
                description="Records a resolution adopted at one of the matter's meetings.",
                status_code=201,
            ),
            Step("close", "close_matter", MatterClose, Official, "Close the matter"),
        ],
    ),
)
