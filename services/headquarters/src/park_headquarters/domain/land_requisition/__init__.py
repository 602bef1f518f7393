"""Land requisition and policy handling (土地征用、政策处理): before a parcel can be planned, its
land is requisitioned from the village collectives that hold it. A case names the parcels and
the collectives (counts of households, never their names), signs one agreement per collective
at no less than the compensation standard in force on the agreement's day, records the
compensation industrial-co paid, notes resettlement, and records and closes the policy-handling
issues raised on the way. When every agreement is signed and paid and no issue is open, the
case completes and its parcels are requisitioned."""

from __future__ import annotations

from park_shared.decider import Decider

from park_headquarters.domain.land_requisition.commands import (
    CloseIssue,
    NoteResettlement,
    OpenRequisition,
    RaiseIssue,
    RecordCompensationPaid,
    RequisitionCommand,
    SignAgreement,
)
from park_headquarters.domain.land_requisition.decide import decide
from park_headquarters.domain.land_requisition.events import (
    AgreementSigned,
    CompensationPaid,
    IssueClosed,
    IssueRaised,
    RequisitionCompleted,
    RequisitionEvent,
    RequisitionOpened,
    ResettlementNoted,
)
from park_headquarters.domain.land_requisition.state import Agreement, RequisitionState, evolve
from park_headquarters.domain.land_requisition.values import (
    LAND_CLASSES,
    Collective,
    CompensationStandard,
    LandClass,
    Mu,
    Yuan,
)

__all__ = [
    "LAND_CLASSES",
    "Agreement",
    "AgreementSigned",
    "CloseIssue",
    "Collective",
    "CompensationPaid",
    "CompensationStandard",
    "IssueClosed",
    "IssueRaised",
    "LandClass",
    "Mu",
    "NoteResettlement",
    "OpenRequisition",
    "RaiseIssue",
    "RecordCompensationPaid",
    "RequisitionCommand",
    "RequisitionCompleted",
    "RequisitionEvent",
    "RequisitionOpened",
    "RequisitionState",
    "ResettlementNoted",
    "SignAgreement",
    "Yuan",
    "decide",
    "decider",
    "evolve",
]

decider: Decider[RequisitionCommand, RequisitionState, RequisitionEvent] = Decider(
    initial_state=RequisitionState(), decide=decide, evolve=evolve
)
