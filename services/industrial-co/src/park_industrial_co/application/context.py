"""The industrial-co context, built once by bootstrap: each aggregate bound to its decider, its
streams and what each command expects, plus the reads the routes and use cases share."""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal

from park_shared.application import Application
from park_shared.errors import Conflict, Invalid, NotFound
from park_shared.handler import CommandContext
from park_shared.projections.port import Doc
from park_shared.runtime import Runtime

from park_industrial_co.domain import (
    fee_schedule,
    land_compensation,
    offering,
    parcel,
    project,
    shared_facility,
    treasury,
)
from park_industrial_co.domain.investor import IdentifyInvestor, investor_decider
from park_industrial_co.domain.money import ZERO
from park_industrial_co.projections.fee_schedules import FEE_SCHEDULES
from park_industrial_co.projections.offerings import OFFERINGS, SUBSCRIPTIONS
from park_industrial_co.projections.projects import PROJECTS
from park_industrial_co.projections.shared_facilities import SHARED_FACILITIES
from park_industrial_co.settings import IndustrialCoSettings

__all__ = ["IndustrialCo"]


class IndustrialCo(Application):
    def __init__(self, runtime: Runtime, settings: IndustrialCoSettings) -> None:
        super().__init__(runtime)
        self.settings = settings
        self.offerings = self.aggregate(offering.decider, creates=(offering.DraftOffering,))
        self.projects = self.aggregate(project.decider, creates=(project.PlanProject,))
        self.treasury = self.aggregate(
            treasury.decider, upserts=(treasury.AllocateFunds, treasury.EarmarkForRequisition)
        )
        self.compensations = self.aggregate(
            land_compensation.decider,
            stream=land_compensation.stream_of,
            upserts=(land_compensation.RecordAgreement,),
            missing=("land requisition case", "case_id"),
        )
        """What each requisition case at headquarters owes its collectives, and what is paid."""
        self.investors = self.aggregate(investor_decider, upserts=(IdentifyInvestor,))
        self.parcels = self.aggregate(parcel.decider, stream="parcel", upserts=(parcel.RecordParcel,))
        self.shared_facilities = self.aggregate(
            shared_facility.decider,
            stream="facility",
            creates=(shared_facility.RegisterFacility,),
            missing=("shared facility", "facility_id"),
        )
        """Facilities both parks share, each its own stream `facility-<id>` with its bookings."""
        self.fee_schedules = self.aggregate(
            fee_schedule.decider,
            stream="fee-schedule",
            upserts=(
                fee_schedule.RecordFeeSchedule,
                fee_schedule.RecordFeeScheduleSuperseded,
                fee_schedule.RecordFeeScheduleRevoked,
            ),
        )
        """HQ's fee schedules as recorded here (their facility items), `fee-schedule-<policy id>`."""

    def new_id(self, prefix: str) -> str:
        """A new aggregate or entity id: a readable prefix and a random part (12 hex digits,
        48 random bits: what the first 12 of a random UUID's are, without building the UUID)."""
        return f"{prefix}-{os.urandom(6).hex()}"

    async def fee_schedule_on(self, day: date) -> fee_schedule.FeeScheduleVersion | None:
        """HQ's fee schedule in force on `day`, as recorded here (None: none is)."""
        docs = await (await self.read_models()).find(FEE_SCHEDULES, {})
        return fee_schedule.in_force((fee_schedule.FeeScheduleVersion.model_validate(d) for d in docs), day)

    async def facility_rate(self, fee_code: str, kind: str, day: date) -> shared_facility.BookingFee | None:
        """The facility_use item `fee_code` for facilities of `kind` in the fee schedule in force
        on `day`, as a booking's rate; None when that schedule has no such item (or there is none)."""
        schedule = await self.fee_schedule_on(day)
        item = None if schedule is None else schedule.item(fee_code)
        if schedule is None or item is None or item.facility_kind != kind:
            return None
        return shared_facility.BookingFee(
            fee_code=fee_code, schedule_version=schedule.version, per_unit_hour=item.amount
        )

    async def register_facility(
        self, command: shared_facility.RegisterFacility, context: CommandContext
    ) -> None:
        """Registers a facility whose fee item is in the fee schedule in force today for its kind
        (422 naming fee_code otherwise); the event records that item's rate on the day."""
        rate = await self.facility_rate(command.fee_code, command.kind, command.registered_on)
        if rate is None:
            raise Invalid(
                f"the fee schedule in force on {command.registered_on} has no facility_use item "
                f"{command.fee_code} for a {command.kind}",
                field="fee_code",
            )
        priced = command.model_copy(update={"per_unit_hour": rate.per_unit_hour})
        await self.shared_facilities.handle(command.facility_id, priced, context)

    async def book_facility(self, command: shared_facility.BookFacility, context: CommandContext) -> None:
        """Books a slot of a shared facility for an enterprise of one of the zone's parks, charged
        by the facility's fee item in the fee schedule in force on the booking's day (409 naming
        fee_code when that schedule has none)."""
        self.park(command.park_id)
        facility = await self.facility_doc(command.facility_id)
        day = command.start.date()
        rate = await self.facility_rate(facility["fee_code"], facility["kind"], day)
        if rate is None:
            raise Conflict(
                f"the fee schedule in force on {day} has no facility_use item {facility['fee_code']} "
                f"for a {facility['kind']}: the booking cannot be charged",
                fee_code=facility["fee_code"],
            )
        priced = command.model_copy(update={"fee": rate})
        await self.shared_facilities.handle(command.facility_id, priced, context)

    @property
    def pseudonym_key(self) -> str:
        """The key of the investors' pseudonyms (IC_PSEUDONYM_KEY)."""
        return self.settings.ic_pseudonym_key.get_secret_value()

    # -- reads (fresh: after every event stored so far) ---------------------------------------
    async def offering_doc(self, offering_id: str) -> Doc:
        return await self.found(OFFERINGS, offering_id, f"there is no offering {offering_id}")

    async def subscription_doc(self, offering_id: str, subscription_id: str) -> Doc:
        doc = await self.found(SUBSCRIPTIONS, subscription_id, f"there is no subscription {subscription_id}")
        if doc["offering_id"] != offering_id:
            raise NotFound(f"offering {offering_id} has no subscription {subscription_id}")
        return doc

    async def project_doc(self, project_id: str) -> Doc:
        return await self.found(PROJECTS, project_id, f"there is no infrastructure project {project_id}")

    async def project_state(self, project_id: str) -> project.ProjectState:
        """The project as its decider sees it; 404 when it was never planned."""
        state, _version = await self.projects.load(project_id)
        if state.status == "none":
            raise NotFound(f"there is no infrastructure project {project_id}")
        return state

    async def facility_doc(self, facility_id: str) -> Doc:
        missing = f"there is no shared facility {facility_id!r}"
        return await self.found(SHARED_FACILITIES, facility_id, missing, facility_id=facility_id)

    async def facility_docs(self) -> list[Doc]:
        docs = await (await self.read_models()).find(SHARED_FACILITIES, {})
        return sorted(docs, key=lambda d: str(d["facility_id"]))

    async def capital_raised(self) -> Decimal:
        """The raised amounts of every closed offering, in all."""
        closed = await (await self.read_models()).find(OFFERINGS, {"status": "closed"})
        return sum((Decimal(o["raised_amount"]) for o in closed), ZERO)
