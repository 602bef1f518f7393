"""The one application context of headquarters, built once by bootstrap: each aggregate bound to
its decider, its stream naming and the state each command expects; and what the routes, the
reactions and the workers ask beyond one aggregate (the zone calendar, planning authority, the
parcel of a planning case, a new policy's id)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date
from typing import Any

from park_shared.application import Application
from park_shared.auth import Principal
from park_shared.errors import Invalid
from park_shared.runtime import Runtime
from park_shared.working_days import WorkingCalendar

from park_headquarters.application.authority import authority_of
from park_headquarters.application.calendar import calendar_on
from park_headquarters.domain import (
    approval,
    coordination,
    offering,
    parcel,
    park,
    planning,
    policy,
    revocation,
    supervision,
)
from park_headquarters.domain.planning_messages import Authority, FilePlanningCase
from park_headquarters.domain.policy_messages import AdoptCalendar, DraftPolicy
from park_headquarters.domain.policy_terms import PolicyKind, calendar_policy_id
from park_headquarters.settings import HeadquartersSettings

__all__ = ["Headquarters"]


class Headquarters(Application):
    """Stream names are `<prefix>-<id>` as they always were. A command that repeats or
    compensates (a registration from configuration, a redelivered request, a release) takes its
    stream in any state, and so does one whose decider answers a missing or existing stream in
    its own words (`upserts`); ids assigned here start new streams (`creates`)."""

    def __init__(self, runtime: Runtime, settings: HeadquartersSettings) -> None:
        super().__init__(runtime)
        self.settings = settings
        self.parks = self.aggregate(
            park.decider, stream="park", upserts=(park.RegisterPark,), missing=("park", "park_id")
        )
        self.parcels = self.aggregate(
            parcel.decider,
            stream="parcel",
            # "already registered" (409); an unknown parcel named in a body is invalid (422)
            upserts=(parcel.RegisterParcel, parcel.AllocateParcel, parcel.ReleaseParcel),
        )
        self.policies = self.aggregate(
            policy.decider,
            stream="policy",
            creates=(DraftPolicy,),
            upserts=(AdoptCalendar,),
            missing=("policy", "policy_id"),
        )
        self.approvals = self.aggregate(
            approval.decider, stream="approval", upserts=(approval.ReceiveApprovalRequest,)
        )
        self.planning = self.aggregate(
            planning.decider,
            stream="planning",
            creates=(FilePlanningCase,),
            missing=("planning case", "application_id"),
        )
        self.supervision = self.aggregate(
            supervision.decider,
            stream="supervision",
            creates=(supervision.FileComplaint,),
            upserts=(supervision.OpenForOverdueStep,),
            missing=("supervision case", "supervision_id"),
        )
        self.coordination = self.aggregate(
            coordination.decider,
            stream="coordination",
            creates=(coordination.OpenMatter,),
            missing=("coordination matter", "matter_id"),
        )
        self.offerings = self.aggregate(
            offering.decider, stream="offering", upserts=(offering.RecordOfferingClosed,)
        )
        self.revocations = self.aggregate(
            # a second revocation is refused with the first one's time (409)
            revocation.decider,
            stream="revocation",
            upserts=(revocation.RevokeToken,),
        )

    async def calendar(self, on: date) -> WorkingCalendar:
        """The zone's working-day calendar as in force on `on`."""
        return await calendar_on(await self.read_models(), on)

    def authority(self, principal: Principal) -> Authority:
        """What `principal` may decide of planning cases (the head, or a planner's level)."""
        return authority_of(principal, self.settings)

    def new_policy_id(self, kind: PolicyKind, terms: Mapping[str, Any]) -> str:
        """A year's calendar is the policy of its year; any other policy gets a fresh id."""
        year = terms.get("year")
        if kind == "working_calendar" and isinstance(year, int):
            return calendar_policy_id(year)
        return f"pol-{uuid.uuid4().hex[:12]}"

    async def ensure_parcel(self, case: FilePlanningCase) -> None:
        """A planning case concerns a registered parcel (422 otherwise)."""
        state, _ = await self.parcels.load(case.parcel_id)
        if state.status == "none":
            raise Invalid(f"there is no parcel {case.parcel_id!r}", field="parcel_id")
