"""Talent read models: one document per application (category, park, enterprise, the terms
granted, the decision, the instalment plan and what is paid of it), named by the person's
pseudonym only; and one per person holding the sealed token of their personal data, opened only
when an officer's response shows it (no token at all once erased)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from park_shared.events import RecordedEvent
from park_shared.projections.fold import FoldProjection
from pydantic import BaseModel

from park_service_center.domain.talent import (
    ApplicationApproved,
    ApplicationRejected,
    Instalment,
    InstalmentPaid,
    SubsidyApplied,
    TalentCategoryTerms,
    TalentDecisionOverdue,
    TalentEvent,
)
from park_service_center.domain.talent_person import PersonalDataErased, PersonEvent, PersonIdentified
from park_service_center.projections.names import TALENT_APPLICATIONS, TALENT_PERSONS

__all__ = ["PersonDoc", "TalentApplicationDoc", "talent_applications_projection", "talent_persons_projection"]


class PaidInstalment(Instalment):
    paid_on: date | None = None


class TalentApplicationDoc(BaseModel):
    application_id: str = ""
    person_key: str = ""
    category: str = ""
    enterprise_id: str = ""
    park_id: str = ""
    hired_on: date | None = None
    applied_on: date | None = None
    deadline: date | None = None
    terms: TalentCategoryTerms | None = None
    status: Literal["none", "pending", "approved", "rejected"] = "none"
    overdue_on: date | None = None
    """When the scheduler found it undecided after its deadline (HQ's supervision was told)."""
    decided_on: date | None = None
    within_promise: bool | None = None
    reason: str | None = None
    instalments: tuple[PaidInstalment, ...] = ()
    granted: Decimal = Decimal("0.00")
    paid: Decimal = Decimal("0.00")
    instalments_paid: int = 0


def _evolve(doc: TalentApplicationDoc, event: TalentEvent) -> TalentApplicationDoc:
    match event:
        case SubsidyApplied():
            fields = event.model_dump(include=set(TalentApplicationDoc.model_fields))
            return TalentApplicationDoc(**fields, status="pending")
        case ApplicationApproved():
            plan = tuple(PaidInstalment(**i.model_dump()) for i in event.instalments)
            return doc.model_copy(
                update={
                    "status": "approved",
                    "decided_on": event.decided_on,
                    "within_promise": event.within_promise,
                    "instalments": plan,
                    "granted": event.total,
                }
            )
        case ApplicationRejected():
            return doc.model_copy(
                update={
                    "status": "rejected",
                    "decided_on": event.decided_on,
                    "within_promise": event.within_promise,
                    "reason": event.reason,
                }
            )
        case TalentDecisionOverdue():
            return doc.model_copy(update={"overdue_on": event.flagged_on})
        case InstalmentPaid():
            plan = tuple(
                i.model_copy(update={"paid_on": event.paid_on}) if i.number == event.number else i
                for i in doc.instalments
            )
            return doc.model_copy(
                update={
                    "instalments": plan,
                    "paid": doc.paid + event.amount,
                    "instalments_paid": event.number,
                }
            )


def _application(event: TalentEvent, _: RecordedEvent) -> str:
    return event.application_id


def talent_applications_projection() -> FoldProjection[TalentApplicationDoc]:
    return FoldProjection(
        "sc-talent-applications",
        TALENT_APPLICATIONS,
        (SubsidyApplied, ApplicationApproved, ApplicationRejected, InstalmentPaid, TalentDecisionOverdue),
        TalentApplicationDoc(),
        _evolve,
        _application,
    )


class PersonDoc(BaseModel):
    person_key: str = ""
    personal: str | None = None
    """The sealed token of the person's details; None once erased."""
    identified_on: date | None = None
    erased: bool = False
    erased_at: datetime | None = None


def _evolve_person(doc: PersonDoc, event: PersonEvent) -> PersonDoc:
    match event:
        case PersonIdentified():
            return PersonDoc(
                person_key=event.person_key, personal=event.personal, identified_on=event.identified_on
            )
        case PersonalDataErased():
            return doc.model_copy(update={"personal": None, "erased": True, "erased_at": event.erased_at})


def _person(event: PersonEvent, _: RecordedEvent) -> str:
    return event.person_key if isinstance(event, PersonIdentified) else event.subject_id


def talent_persons_projection() -> FoldProjection[PersonDoc]:
    return FoldProjection(
        "sc-talent-persons",
        TALENT_PERSONS,
        (PersonIdentified, PersonalDataErased),
        PersonDoc(),
        _evolve_person,
        _person,
    )
