"""Given/when/then for infrastructure projects: parcels, tender, bids, award, milestones,
progress payments within the contract and the allocation, completion once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from park_industrial_co.domain import parcel
from park_industrial_co.domain import project as p
from park_shared.errors import Conflict, DomainError, Invalid, NotFound

D = Decimal
DAY = date(2026, 5, 4)
AFTER = date(2026, 5, 21)
T0 = datetime(2026, 5, 4, 9, tzinfo=UTC)

PLANNED = p.ProjectPlanned(
    project_id="prj-1",
    name="North ring road",
    kind="road",
    parcel_ids=("north-A01", "north-A02"),
    budget=D("800000.00"),
    planned_on=DAY,
)
TENDER = p.TenderOpened(
    project_id="prj-1", bids_until=date(2026, 5, 20), max_duration_days=180, opened_on=DAY
)


def bid(bid_id: str, amount: str, days: int = 120, minute: int = 0) -> p.BidSubmitted:
    return p.BidSubmitted(
        project_id="prj-1",
        bid_id=bid_id,
        contractor=f"builder {bid_id}",
        amount=D(amount),
        duration_days=days,
        submitted_at=T0 + timedelta(minutes=minute),
    )


BIDS = [bid("b1", "750000.00"), bid("b2", "700000.00", minute=1), bid("b3", "650000.00", days=200, minute=2)]
AWARDED = p.ContractAwarded(
    project_id="prj-1",
    bid_id="b2",
    contractor="builder b2",
    contract_amount=D("700000.00"),
    duration_days=120,
    suggested_bid_id="b2",
    reason=None,
    awarded_on=AFTER,
)
UNDER_WAY: list[p.ProjectEvent] = [PLANNED, TENDER, *BIDS, AWARDED]


def milestone(name: str, percent: int) -> p.ProjectMilestoneReached:
    return p.ProjectMilestoneReached(project_id="prj-1", milestone=name, progress_percent=percent, on=AFTER)


def refused(error: type[DomainError], given: list[p.ProjectEvent], command: p.ProjectCommand) -> DomainError:
    with pytest.raises(error) as caught:
        p.decider.given(given, command)
    return caught.value


def submit(amount: str, days: int, on: date) -> p.SubmitBid:
    return p.SubmitBid(bid_id="b9", contractor="x", amount=D(amount), duration_days=days, on=on, at=T0)


def plan(parcels: tuple[str, ...], known: frozenset[str], budget: str = "800000.00") -> p.PlanProject:
    return p.PlanProject(
        project_id="prj-1",
        name="North ring road",
        kind="road",
        parcel_ids=parcels,
        budget=D(budget),
        known_parcel_ids=known,
        on=DAY,
    )


def test_a_project_serves_parcels_headquarters_registered() -> None:
    known = frozenset({"north-A01", "north-A02"})
    assert p.decider.given([], plan(("north-A01", "north-A02"), known)) == [PLANNED]


@pytest.mark.parametrize(
    ("parcels", "budget", "field"),
    [
        (("north-A01", "north-Z99"), "800000.00", "parcel_ids"),
        (("north-A01", "north-A01"), "800000.00", "parcel_ids"),
        ((), "800000.00", "parcel_ids"),
        (("north-A01",), "0.00", "budget"),
    ],
)
def test_planning_refuses_unknown_parcels_and_no_budget(
    parcels: tuple[str, ...], budget: str, field: str
) -> None:
    error = refused(Invalid, [], plan(parcels, frozenset({"north-A01"}), budget))
    assert error.field == field


def test_bids_come_while_the_tender_is_open_and_are_above_zero() -> None:
    command = p.SubmitBid(
        bid_id="b9", contractor="市政公司", amount=D("600000.00"), duration_days=90, on=DAY, at=T0
    )
    [event] = p.decider.given([PLANNED, TENDER], command)
    assert isinstance(event, p.BidSubmitted) and event.contractor == "市政公司"
    assert refused(Invalid, [PLANNED, TENDER], submit("0.00", 90, DAY)).field == "amount"
    assert "closed on 2026-05-20" in refused(Conflict, [PLANNED, TENDER], submit("1", 9, AFTER)).detail
    assert "planned" in refused(Conflict, [PLANNED], command).detail


def test_the_lowest_compliant_bid_is_suggested() -> None:
    state = p.decider.fold([PLANNED, TENDER, *BIDS])
    suggested = p.suggested_bid(state)
    assert suggested is not None and suggested.bid_id == "b2"  # b3 is cheaper but takes 200 > 180 days
    assert p.non_compliance(state, state.bids["b3"]) == "its duration 200 days is above the limit 180"


def test_awarding_the_suggested_bid_needs_no_reason() -> None:
    assert p.decider.given([PLANNED, TENDER, *BIDS], p.AwardContract(bid_id="b2", reason=None, on=AFTER)) == [
        AWARDED
    ]


def test_awarding_another_compliant_bid_needs_a_reason() -> None:
    error = refused(Invalid, [PLANNED, TENDER, *BIDS], p.AwardContract(bid_id="b1", reason="  ", on=AFTER))
    assert error.field == "reason" and "b2" in error.detail
    [event] = p.decider.given(
        [PLANNED, TENDER, *BIDS], p.AwardContract(bid_id="b1", reason="local firm, faster start", on=AFTER)
    )
    assert isinstance(event, p.ContractAwarded)
    assert (event.contract_amount, event.suggested_bid_id) == (D("750000.00"), "b2")


def test_awarding_a_non_compliant_bid_early_or_twice_is_refused() -> None:
    assert (
        "not compliant"
        in refused(
            Conflict, [PLANNED, TENDER, *BIDS], p.AwardContract(bid_id="b3", reason="cheap", on=AFTER)
        ).detail
    )
    assert (
        "runs until"
        in refused(
            Conflict, [PLANNED, TENDER, *BIDS], p.AwardContract(bid_id="b2", reason=None, on=DAY)
        ).detail
    )
    assert (
        "awarded already"
        in refused(Conflict, UNDER_WAY, p.AwardContract(bid_id="b1", reason="again", on=AFTER)).detail
    )
    refused(NotFound, [PLANNED, TENDER, *BIDS], p.AwardContract(bid_id="b7", reason=None, on=AFTER))


def test_milestones_move_progress_forward() -> None:
    [event] = p.decider.given(
        UNDER_WAY, p.ReachMilestone(milestone="base course", progress_percent=40, on=AFTER)
    )
    assert event == milestone("base course", 40)
    history = [*UNDER_WAY, event]
    assert (
        "40%"
        in refused(
            Conflict, history, p.ReachMilestone(milestone="kerbs", progress_percent=30, on=AFTER)
        ).detail
    )
    assert (
        refused(Invalid, history, p.ReachMilestone(milestone="x", progress_percent=101, on=AFTER)).field
        == "progress_percent"
    )


def pay(milestone_name: str, amount: str, allocated: str = "700000.00") -> p.PayContractor:
    return p.PayContractor(
        payment_id="pay-1", milestone=milestone_name, amount=D(amount), allocated=D(allocated), on=AFTER
    )


def test_a_progress_payment_is_made_for_a_reached_milestone_once() -> None:
    history = [*UNDER_WAY, milestone("base course", 40)]
    [paid] = p.decider.given(history, pay("base course", "280000.00"))
    assert isinstance(paid, p.ContractorPaid) and paid.contractor == "builder b2"
    assert "paid already" in refused(Conflict, [*history, paid], pay("base course", "1.00")).detail
    assert "not been reached" in refused(Conflict, history, pay("surface", "1.00")).detail


def test_a_payment_beyond_the_contract_or_the_allocation_is_refused() -> None:
    history = [*UNDER_WAY, milestone("base course", 40)]
    error = refused(Conflict, history, pay("base course", "700000.01", allocated="900000.00"))
    assert "beyond the contract" in error.detail
    error = refused(Conflict, history, pay("base course", "300000.00", allocated="250000.00"))
    assert "beyond the allocation" in error.detail


def test_completion_needs_full_progress_and_happens_once() -> None:
    assert "40%" in refused(Conflict, [*UNDER_WAY, milestone("a", 40)], p.CompleteProject(on=AFTER)).detail
    history = [*UNDER_WAY, milestone("a", 40), milestone("done", 100)]
    [completed] = p.decider.given(history, p.CompleteProject(on=AFTER))
    assert completed == p.InfrastructureCompleted(
        project_id="prj-1", kind="road", parcel_ids=["north-A01", "north-A02"], completed_on=AFTER
    )
    assert "completed already" in refused(Conflict, [*history, completed], p.CompleteProject(on=AFTER)).detail
    refused(NotFound, [], p.CompleteProject(on=AFTER))


def test_a_parcel_from_headquarters_is_recorded_once() -> None:
    command = parcel.RecordParcel(
        parcel_id="north-A01", park_id="north", code="A01", planned_use="industrial", area_m2=12000
    )
    [recorded] = parcel.decider.given([], command)
    assert recorded.parcel_id == "north-A01"
    assert parcel.decider.given([recorded], command) == []
    changed = parcel.RecordParcel(
        parcel_id="north-A01", park_id="north", code="A01", planned_use="industrial", area_m2=13000
    )
    assert parcel.decider.given([recorded], changed)[0].area_m2 == 13000
