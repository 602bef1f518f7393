"""Land requisition and policy handling (土地征用、政策处理): before a parcel can be planned, its
land is requisitioned from the village collectives that hold it. A case names the parcels and
the collectives (counts of households, never their names), signs one agreement per collective
at no less than the compensation standard in force on the agreement's day, records the
compensation industrial-co paid, notes resettlement, and records and closes the policy-handling
issues raised on the way. When every agreement is signed and paid and no issue is open, the
case completes and its parcels are requisitioned."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Literal

from park_shared.command import Command
from park_shared.decider import Decider
from park_shared.errors import Conflict, Invalid, NotFound
from park_shared.events import Event
from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "LAND_CLASSES",
    "AgreementSigned",
    "CloseIssue",
    "Collective",
    "CompensationPaid",
    "CompensationStandard",
    "IssueClosed",
    "IssueRaised",
    "LandClass",
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
    "decider",
]

LandClass = Literal["arable", "garden", "forest", "homestead", "other"]
"""耕地, 园地, 林地, 宅基地, 其他."""
LAND_CLASSES: tuple[LandClass, ...] = ("arable", "garden", "forest", "homestead", "other")
Mu = Decimal
Yuan = Decimal


class CompensationStandard(BaseModel):
    """The compensation standard's version in force on a day: yuan per mu by land class."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    policy_id: str
    version: int
    per_mu: dict[LandClass, Yuan]

    def minimum(self, areas: dict[LandClass, Mu]) -> Yuan:
        missing = sorted(c for c in areas if c not in self.per_mu)
        if missing:
            raise Invalid(
                f"the compensation standard (version {self.version}) has no rate for {missing[0]} land",
                field="areas",
            )
        return sum((self.per_mu[c] * mu for c, mu in areas.items()), Decimal(0))


class Collective(BaseModel):
    """A village collective whose land the case takes: counts, never people."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    collective_id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,63}$")
    name: str = Field(min_length=1)
    households: int = Field(ge=0, le=1_000_000)
    parcel_ids: tuple[str, ...] = Field(min_length=1)


# -- commands ------------------------------------------------------------------------------
class OpenRequisition(Command):
    case_id: str
    parcel_ids: tuple[str, ...] = Field(min_length=1)
    collectives: tuple[Collective, ...] = Field(min_length=1)
    opened_on: date
    time_limits: dict[str, int] | None = None
    """Working days promised per stage (domain.requisition_stages), as the zone sets them today."""


class SignAgreement(Command):
    case_id: str
    collective_id: str
    parcel_ids: tuple[str, ...] = Field(min_length=1)
    areas: dict[LandClass, Mu] = Field(min_length=1)
    amount: Yuan = Field(gt=0)
    standard: CompensationStandard
    """The standard in force on `signed_on` (the application looks it up as of that day)."""
    signed_on: date
    today: date
    """An agreement is recorded once signed: `signed_on` is not after today."""


class RecordCompensationPaid(Command):
    """Industrial-co paid a collective's compensation from its allocated funds (by event)."""

    case_id: str
    collective_id: str
    amount: Yuan = Field(gt=0)
    payment_id: str
    paid_on: date


class NoteResettlement(Command):
    case_id: str
    collective_id: str
    households_resettled: int = Field(ge=0, le=1_000_000)
    note: str = ""
    noted_on: date


class RaiseIssue(Command):
    case_id: str
    issue_id: str
    description: str = Field(min_length=1)
    raised_on: date


class CloseIssue(Command):
    case_id: str
    issue_id: str
    resolution: str = Field(min_length=1)
    closed_on: date


RequisitionCommand = (
    OpenRequisition | SignAgreement | RecordCompensationPaid | NoteResettlement | RaiseIssue | CloseIssue
)


# -- events --------------------------------------------------------------------------------
class RequisitionOpened(Event):
    case_id: str
    parcel_ids: tuple[str, ...]
    collectives: tuple[Collective, ...]
    opened_on: date
    time_limits: dict[str, int] | None = None
    """Working days promised per stage (absent in cases opened before stages had limits)."""


class AgreementSigned(Event):
    case_id: str
    collective_id: str
    parcel_ids: tuple[str, ...]
    areas: dict[LandClass, Mu]
    amount: Yuan
    minimum: Yuan
    standard_policy_id: str
    standard_version: int
    signed_on: date


class CompensationPaid(Event):
    case_id: str
    collective_id: str
    amount: Yuan
    payment_id: str
    paid_on: date


class ResettlementNoted(Event):
    case_id: str
    collective_id: str
    households_resettled: int
    note: str
    noted_on: date


class IssueRaised(Event):
    case_id: str
    issue_id: str
    description: str
    raised_on: date


class IssueClosed(Event):
    case_id: str
    issue_id: str
    resolution: str
    closed_on: date


class RequisitionCompleted(Event):
    case_id: str
    parcel_ids: tuple[str, ...]
    completed_on: date


RequisitionEvent = (
    RequisitionOpened
    | AgreementSigned
    | CompensationPaid
    | ResettlementNoted
    | IssueRaised
    | IssueClosed
    | RequisitionCompleted
)


# -- state ---------------------------------------------------------------------------------
class Agreement(BaseModel):
    model_config = ConfigDict(frozen=True)

    amount: Yuan
    signed_on: date
    paid_on: date | None = None
    payment_id: str | None = None


class RequisitionState(BaseModel):
    model_config = ConfigDict(frozen=True)

    case_id: str = ""
    parcel_ids: tuple[str, ...] = ()
    collectives: tuple[Collective, ...] = ()
    agreements: dict[str, Agreement] = Field(default_factory=dict)
    open_issues: frozenset[str] = frozenset()
    closed_issues: frozenset[str] = frozenset()
    completed_on: date | None = None

    @property
    def exists(self) -> bool:
        return bool(self.case_id)

    def collective(self, collective_id: str, field: str = "collective_id") -> Collective:
        found = next((c for c in self.collectives if c.collective_id == collective_id), None)
        if found is None:
            raise Invalid(f"collective {collective_id} is not part of case {self.case_id}", field=field)
        return found

    @property
    def settled(self) -> bool:
        """Every collective signed and paid, and no policy-handling issue open."""
        return (
            all(
                (a := self.agreements.get(c.collective_id)) is not None and a.paid_on is not None
                for c in self.collectives
            )
            and not self.open_issues
        )


# -- decide --------------------------------------------------------------------------------
def _open(c: OpenRequisition, s: RequisitionState) -> list[RequisitionEvent]:
    if s.exists:
        raise Conflict(f"requisition case {c.case_id} exists already", case_id=c.case_id)
    if len(set(c.parcel_ids)) != len(c.parcel_ids):
        raise Invalid("a parcel is named twice", field="parcel_ids")
    ids = [k.collective_id for k in c.collectives]
    if len(set(ids)) != len(ids):
        raise Invalid("a collective is named twice", field="collectives")
    for i, collective in enumerate(c.collectives):
        outside = sorted(set(collective.parcel_ids) - set(c.parcel_ids))
        if outside:
            raise Invalid(
                f"collective {collective.collective_id} holds parcel {outside[0]}, which is not in the case",
                field=f"collectives[{i}].parcel_ids",
            )
    return [
        RequisitionOpened(
            case_id=c.case_id,
            parcel_ids=c.parcel_ids,
            collectives=c.collectives,
            opened_on=c.opened_on,
            time_limits=c.time_limits,
        )
    ]


def _sign(c: SignAgreement, s: RequisitionState) -> list[RequisitionEvent]:
    _still_open(s)
    collective = s.collective(c.collective_id)
    if c.collective_id in s.agreements:
        raise Conflict(
            f"collective {c.collective_id} signed its agreement on {s.agreements[c.collective_id].signed_on}",
            collective_id=c.collective_id,
        )
    outside = sorted(set(c.parcel_ids) - set(collective.parcel_ids))
    if outside:
        raise Invalid(
            f"parcel {outside[0]} is not a parcel of collective {c.collective_id} in case {s.case_id}",
            field="parcel_ids",
        )
    if c.signed_on > c.today:
        raise Invalid(
            f"an agreement signed on {c.signed_on} is recorded once signed ({c.today})", field="signed_on"
        )
    if any(mu <= 0 for mu in c.areas.values()):
        raise Invalid("every area is more than 0 mu", field="areas")
    minimum = c.standard.minimum(c.areas)
    if c.amount < minimum:
        raise Invalid(
            f"{c.amount} yuan is below the compensation standard in force on {c.signed_on} "
            f"({c.standard.policy_id} version {c.standard.version}: {minimum} yuan for these areas)",
            field="amount",
            minimum=str(minimum),
        )
    return [
        AgreementSigned(
            case_id=s.case_id,
            collective_id=c.collective_id,
            parcel_ids=c.parcel_ids,
            areas=c.areas,
            amount=c.amount,
            minimum=minimum,
            standard_policy_id=c.standard.policy_id,
            standard_version=c.standard.version,
            signed_on=c.signed_on,
        )
    ]


def _paid(c: RecordCompensationPaid, s: RequisitionState) -> list[RequisitionEvent]:
    s.collective(c.collective_id)
    agreement = s.agreements.get(c.collective_id)
    if agreement is None:
        raise Conflict(
            f"collective {c.collective_id} has no signed agreement to pay", collective_id=c.collective_id
        )
    if agreement.paid_on is not None:
        if agreement.payment_id == c.payment_id:
            return []  # the same payment told twice: already recorded
        raise Conflict(
            f"collective {c.collective_id} was paid on {agreement.paid_on} (payment {agreement.payment_id})",
            payment_id=agreement.payment_id,
        )
    if c.amount != agreement.amount:
        raise Invalid(f"the agreement is for {agreement.amount} yuan, not {c.amount}", field="amount")
    paid = CompensationPaid(
        case_id=s.case_id,
        collective_id=c.collective_id,
        amount=c.amount,
        payment_id=c.payment_id,
        paid_on=c.paid_on,
    )
    return [paid, *_completion(s, paid, c.paid_on)]


def _completion(s: RequisitionState, event: RequisitionEvent, on: date) -> list[RequisitionEvent]:
    after = evolve(s, event)
    if after.settled and after.completed_on is None:
        return [RequisitionCompleted(case_id=s.case_id, parcel_ids=s.parcel_ids, completed_on=on)]
    return []


def _resettle(c: NoteResettlement, s: RequisitionState) -> list[RequisitionEvent]:
    _existing(s)
    collective = s.collective(c.collective_id)
    if c.households_resettled > collective.households:
        raise Invalid(
            f"collective {c.collective_id} has {collective.households} households, "
            f"not {c.households_resettled}",
            field="households_resettled",
        )
    return [
        ResettlementNoted(
            case_id=s.case_id,
            collective_id=c.collective_id,
            households_resettled=c.households_resettled,
            note=c.note,
            noted_on=c.noted_on,
        )
    ]


def _raise(c: RaiseIssue, s: RequisitionState) -> list[RequisitionEvent]:
    _still_open(s)
    if c.issue_id in s.open_issues or c.issue_id in s.closed_issues:
        raise Conflict(f"issue {c.issue_id} exists already in case {s.case_id}", issue_id=c.issue_id)
    return [
        IssueRaised(case_id=s.case_id, issue_id=c.issue_id, description=c.description, raised_on=c.raised_on)
    ]


def _close(c: CloseIssue, s: RequisitionState) -> list[RequisitionEvent]:
    _existing(s)
    if c.issue_id in s.closed_issues:
        raise Conflict(f"issue {c.issue_id} is closed already", issue_id=c.issue_id)
    if c.issue_id not in s.open_issues:
        raise NotFound(f"case {s.case_id} has no issue {c.issue_id}", issue_id=c.issue_id)
    closed = IssueClosed(
        case_id=s.case_id, issue_id=c.issue_id, resolution=c.resolution, closed_on=c.closed_on
    )
    return [closed, *_completion(s, closed, c.closed_on)]


def _existing(s: RequisitionState) -> None:
    if not s.exists:
        raise NotFound("there is no such requisition case")


def _still_open(s: RequisitionState) -> None:
    _existing(s)
    if s.completed_on is not None:
        raise Conflict(
            f"requisition case {s.case_id} was completed on {s.completed_on}",
            completed_on=s.completed_on.isoformat(),
        )


def decide(command: RequisitionCommand, state: RequisitionState) -> Sequence[RequisitionEvent]:
    match command:
        case OpenRequisition():
            return _open(command, state)
        case SignAgreement():
            return _sign(command, state)
        case RecordCompensationPaid():
            return _paid(command, state)
        case NoteResettlement():
            return _resettle(command, state)
        case RaiseIssue():
            return _raise(command, state)
        case CloseIssue():
            return _close(command, state)


def evolve(state: RequisitionState, event: RequisitionEvent) -> RequisitionState:
    match event:
        case RequisitionOpened():
            return RequisitionState(
                case_id=event.case_id, parcel_ids=event.parcel_ids, collectives=event.collectives
            )
        case AgreementSigned():
            agreement = Agreement(amount=event.amount, signed_on=event.signed_on)
            return state.model_copy(
                update={"agreements": {**state.agreements, event.collective_id: agreement}}
            )
        case CompensationPaid():
            signed = state.agreements[event.collective_id]
            paid = signed.model_copy(update={"paid_on": event.paid_on, "payment_id": event.payment_id})
            return state.model_copy(update={"agreements": {**state.agreements, event.collective_id: paid}})
        case ResettlementNoted():
            return state
        case IssueRaised():
            return state.model_copy(update={"open_issues": state.open_issues | {event.issue_id}})
        case IssueClosed():
            return state.model_copy(
                update={
                    "open_issues": state.open_issues - {event.issue_id},
                    "closed_issues": state.closed_issues | {event.issue_id},
                }
            )
        case RequisitionCompleted():
            return state.model_copy(update={"completed_on": event.completed_on})


decider: Decider[RequisitionCommand, RequisitionState, RequisitionEvent] = Decider(
    initial_state=RequisitionState(), decide=decide, evolve=evolve
)
