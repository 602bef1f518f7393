"""The zone's people and shared resources: the labour market's vacancies (service-center), talent
subsidy applications — category, park, amounts, never a person — (service-center), the shared
facilities of both parks and their bookings (industrial-co), and the related projects landed
enterprises propose on the merchant platform (investment)."""

from __future__ import annotations

from park_shared.projections.port import Doc
from park_shared.projections.runner import ProjectionView

from park_dashboard.domain.observed import EventObserved
from park_dashboard.domain.readings import industrial_co as ic
from park_dashboard.domain.readings import investment as inv
from park_dashboard.domain.readings import service_center as sc
from park_dashboard.projections.base import ObservedProjection, money

__all__ = [
    "BOOKINGS",
    "FACILITIES",
    "LEAD_NAMES",
    "PROPOSALS",
    "TALENT",
    "VACANCIES",
    "ResourcesProjection",
]

VACANCIES = "res_vacancies"
TALENT = "res_talent"
FACILITIES = "res_facilities"
BOOKINGS = "res_bookings"
PROPOSALS = "res_proposals"
LEAD_NAMES = "res_lead_names"


class ResourcesProjection(ObservedProjection):
    name: str = "dashboard-resources"
    collections: tuple[str, ...] = (VACANCIES, TALENT, FACILITIES, BOOKINGS, PROPOSALS, LEAD_NAMES)

    def __init__(self) -> None:
        super().__init__(
            {
                sc.VacancyPosted: self._posted,
                sc.VacancyFilled: self._filled,
                sc.VacancyClosed: self._closed,
                sc.SubsidyApplied: self._applied,
                sc.ApplicationApproved: self._approved,
                sc.ApplicationRejected: self._rejected,
                sc.InstalmentPaid: self._instalment,
                ic.FacilityRegistered: self._facility,
                ic.FacilityBooked: self._booked,
                ic.BookingCancelled: self._cancelled,
                inv.LeadRegistered: self._lead_named,
                inv.ProposalSubmitted: self._proposed,
                inv.ProjectLeadOpened: self._lead_opened,
                inv.ProjectDuplicated: self._duplicated,
            }
        )

    # -- vacancies -----------------------------------------------------------------------------
    async def _vacancy(self, view: ProjectionView, vacancy_id: str) -> Doc:
        return await view.get(VACANCIES, vacancy_id) or {"vacancy_id": vacancy_id, "status": "open"}

    async def _posted(self, e: sc.VacancyPosted, _: EventObserved, view: ProjectionView) -> None:
        doc = await self._vacancy(view, e.vacancy_id)
        fields = e.model_dump(
            mode="json", include={"enterprise_id", "park_id", "sector", "places", "posted_on"}
        )
        view.put(VACANCIES, e.vacancy_id, {"places_left": e.places, **doc, **fields})

    async def _filled(self, e: sc.VacancyFilled, _: EventObserved, view: ProjectionView) -> None:
        doc = await self._vacancy(view, e.vacancy_id)
        status = "filled" if e.places_left == 0 else doc["status"]
        view.put(VACANCIES, e.vacancy_id, {**doc, "places_left": e.places_left, "status": status})

    async def _closed(self, e: sc.VacancyClosed, _: EventObserved, view: ProjectionView) -> None:
        doc = await self._vacancy(view, e.vacancy_id)
        fields = {"places_left": e.places_left, "status": "closed", "closed_on": e.closed_on.isoformat()}
        view.put(VACANCIES, e.vacancy_id, {**doc, **fields})

    # -- talent subsidies (no person: the application, its category and park) ------------------
    async def _application(
        self, view: ProjectionView, application_id: str, category: str, park_id: str
    ) -> Doc:
        empty: Doc = {"application_id": application_id, "status": "pending", "paid": {}}
        doc = await view.get(TALENT, application_id) or empty
        return {**doc, "category": category, "park_id": park_id}

    async def _applied(self, e: sc.SubsidyApplied, _: EventObserved, view: ProjectionView) -> None:
        doc = await self._application(view, e.application_id, e.category, e.park_id)
        view.put(TALENT, e.application_id, {**doc, "applied_on": e.applied_on.isoformat()})

    async def _approved(self, e: sc.ApplicationApproved, _: EventObserved, view: ProjectionView) -> None:
        doc = await self._application(view, e.application_id, e.category, e.park_id)
        fields = {"status": "approved", "granted": money(e.total), "decided_on": e.decided_on.isoformat()}
        view.put(TALENT, e.application_id, {**doc, **fields})

    async def _rejected(self, e: sc.ApplicationRejected, _: EventObserved, view: ProjectionView) -> None:
        doc = await self._application(view, e.application_id, e.category, e.park_id)
        view.put(
            TALENT, e.application_id, {**doc, "status": "rejected", "decided_on": e.decided_on.isoformat()}
        )

    async def _instalment(self, e: sc.InstalmentPaid, _: EventObserved, view: ProjectionView) -> None:
        doc = await self._application(view, e.application_id, e.category, e.park_id)
        paid = {**doc["paid"], str(e.number): money(e.amount)}
        view.put(TALENT, e.application_id, {**doc, "paid": paid})

    # -- shared facilities -----------------------------------------------------------------------
    async def _facility(self, e: ic.FacilityRegistered, _: EventObserved, view: ProjectionView) -> None:
        view.put(FACILITIES, e.facility_id, e.model_dump(mode="json"))

    async def _booked(self, e: ic.FacilityBooked, _: EventObserved, view: ProjectionView) -> None:
        doc = await view.get(BOOKINGS, e.booking_id) or {"cancelled": False}
        fields = e.model_dump(mode="json", exclude={"fee"})
        view.put(BOOKINGS, e.booking_id, {**doc, **fields, "fee": money(e.fee)})

    async def _cancelled(self, e: ic.BookingCancelled, _: EventObserved, view: ProjectionView) -> None:
        doc = await view.get(BOOKINGS, e.booking_id) or {
            "booking_id": e.booking_id,
            "facility_id": e.facility_id,
        }
        view.put(BOOKINGS, e.booking_id, {**doc, "cancelled": True, "fee_kept": money(e.fee_kept)})

    # -- related projects on the merchant platform -----------------------------------------------
    async def _lead_named(self, e: inv.LeadRegistered, _: EventObserved, view: ProjectionView) -> None:
        if e.company_name:
            view.put(LEAD_NAMES, e.lead_id, {"lead_id": e.lead_id, "name": e.company_name})

    async def _proposal(self, view: ProjectionView, proposal_id: str, proposer: str) -> Doc:
        empty: Doc = {"proposal_id": proposal_id, "projects": [], "leads": {}, "duplicates": {}}
        return {**(await view.get(PROPOSALS, proposal_id) or empty), "proposer_lead_id": proposer}

    async def _proposed(self, e: inv.ProposalSubmitted, _: EventObserved, view: ProjectionView) -> None:
        doc = await self._proposal(view, e.proposal_id, e.proposer_lead_id)
        projects = [p.model_dump(mode="json") for p in e.projects]
        view.put(
            PROPOSALS,
            e.proposal_id,
            {**doc, "projects": projects, "submitted_on": e.submitted_on.isoformat()},
        )

    async def _lead_opened(self, e: inv.ProjectLeadOpened, _: EventObserved, view: ProjectionView) -> None:
        doc = await self._proposal(view, e.proposal_id, e.proposer_lead_id)
        view.put(PROPOSALS, e.proposal_id, {**doc, "leads": {**doc["leads"], str(e.project): e.lead_id}})

    async def _duplicated(self, e: inv.ProjectDuplicated, _: EventObserved, view: ProjectionView) -> None:
        doc = await self._proposal(view, e.proposal_id, e.proposer_lead_id)
        duplicates = {**doc["duplicates"], str(e.project): e.existing_lead_id}
        view.put(PROPOSALS, e.proposal_id, {**doc, "duplicates": duplicates})
