"""The one application context of headquarters, built once by bootstrap: each aggregate bound to
its decider, its stream naming and the state each command expects; and what the routes, the
reactions and the workers ask beyond one aggregate (the zone calendar, planning authority, the
parcel of a planning case, a new policy's id)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from park_shared.application import Application
from park_shared.auth import Principal
from park_shared.errors import Conflict, Invalid
from park_shared.personal_data import PersonalDataVault
from park_shared.runtime import Runtime
from park_shared.working_days import WorkingCalendar

from park_headquarters.application.authority import authority_of
from park_headquarters.application.calendar import calendar_on
from park_headquarters.application.policy_queries import in_force
from park_headquarters.domain import (
    approval,
    coordination,
    household,
    land_requisition,
    offering,
    parcel,
    park,
    planning,
    policy,
    regulation,
    revocation,
    supervision,
)
from park_headquarters.domain.land_requisition import CompensationStandard
from park_headquarters.domain.planning_messages import Authority, FilePlanningCase
from park_headquarters.domain.policy_messages import AdoptCalendar, DraftPolicy
from park_headquarters.domain.policy_terms import CompensationStandardTerms, PolicyKind, calendar_policy_id
from park_headquarters.domain.regulation import Citation, cite
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
            upserts=(
                parcel.RegisterParcel,
                parcel.AllocateParcel,
                parcel.ReleaseParcel,
                parcel.NameParcelForRequisition,
                parcel.CompleteParcelRequisition,
                parcel.RecordHeldLand,
                parcel.UnnameParcel,
            ),
        )
        self.policies = self.aggregate(
            policy.decider,
            stream="policy",
            creates=(DraftPolicy,),
            upserts=(AdoptCalendar,),
            missing=("policy", "policy_id"),
        )
        self.approvals = self.aggregate(
            approval.decider, stream="approval", mostly_new=(approval.ReceiveApprovalRequest,)
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
        self.regulations = self.aggregate(
            regulation.decider,
            stream="regulation",
            creates=(regulation.DraftRegulation,),
            missing=("regulation", "regulation_id"),
        )
        self.requisitions = self.aggregate(
            land_requisition.decider,
            stream="requisition",
            creates=(land_requisition.OpenRequisition,),
            missing=("requisition case", "case_id"),
        )
        self.households = self.aggregate(
            household.decider,
            stream="household",
            creates=(household.RegisterHousehold,),
            missing=("household", "household_id"),
        )
        """Households of requisition cases: `household-<hh-hex>`, their personal data sealed."""
        self.revocations = self.aggregate(
            # a second revocation is refused with the first one's time (409)
            revocation.decider,
            stream="revocation",
            upserts=(revocation.RevokeToken,),
        )

    @property
    def vault(self) -> PersonalDataVault:
        """Seals and opens households' personal data; keys in the service's own database (which
        connects when the runtime starts, after this context is built)."""
        return PersonalDataVault(self.runtime.read_models, self.settings)

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

    async def fee_citations(self, policy_id: str, version: int, effective_from: date) -> dict[str, Citation]:
        """The legal bases of a fee schedule's version, each the article of the regulation in force
        on `effective_from` (422 on `terms.items[i].legal_basis` when it is not); a foreign-invested
        item cites a foreign_enterprise_fees regulation. Nothing for other policies."""
        state, _ = await self.policies.load(policy_id)
        drafted = next((v for v in state.versions if v.version == version), None)
        if state.kind != "fee_schedule" or drafted is None:
            return {}
        citations: dict[str, Citation] = {}
        for i, item in enumerate(drafted.terms["items"]):
            basis = item.get("legal_basis")
            if basis is None:
                continue
            field = f"terms.items[{i}].legal_basis"
            found, _ = await self.regulations.load(basis["regulation_id"])
            if not found.exists:
                raise Invalid(f"there is no regulation {basis['regulation_id']!r}", field=field)
            kind = "foreign_enterprise_fees" if item.get("applies_to_foreign_invested") else None
            citations[item["code"]] = cite(found, basis["article"], effective_from, kind=kind, field=field)
        return citations

    async def compensation_standard(self, on: date) -> CompensationStandard:
        """The compensation standard in force on `on` (409 when none is): the one published
        latest of those in force, if the zone keeps more than one."""
        found = await in_force(await self.read_models(), on, "compensation_standard")
        if not found:
            raise Conflict(f"no compensation standard is in force on {on}", on=on.isoformat())
        latest = max(found, key=lambda f: (f.version.effective_from or on, f.policy_id))
        terms = CompensationStandardTerms.model_validate(latest.version.terms)
        return CompensationStandard(
            policy_id=latest.policy_id, version=latest.version.version, per_mu=terms.per_mu
        )

    def requisition_limits(self) -> dict[str, int]:
        """The working days promised per stage of a requisition case (HQ_REQUISITION_LIMITS)."""
        return {str(stage): days for stage, days in self.settings.hq_requisition_limits.items()}

    async def ensure_requisitionable(self, parcel_ids: Sequence[str], field: str = "parcel_ids") -> None:
        """Every parcel named is `<park>-<code>` of a park of the zone (422 on `field`) and not
        known yet: land the zone holds, or another case's, is not requisitioned (409 naming the
        parcel's state)."""
        for parcel_id in parcel_ids:
            parcel.split_parcel_id(parcel_id, self.settings.park_parks, field)
            state, _ = await self.parcels.load(parcel_id)
            if state.status != "none":
                case = state.requisition_case_id
                taken = f" in requisition case {case}" if case else ""
                raise Conflict(
                    f"parcel {parcel_id} is {state.status.replace('_', ' ')}{taken} already",
                    parcel_id=parcel_id,
                    parcel_status=state.status,
                    **({"case_id": case} if case else {}),
                )

    async def ensure_parcel(self, case: FilePlanningCase) -> None:
        """A planning case concerns a registered parcel (422 otherwise)."""
        state, _ = await self.parcels.load(case.parcel_id)
        if state.status == "none":
            raise Invalid(f"there is no parcel {case.parcel_id!r}", field="parcel_id")
