"""The treasury decider, the postings each money event makes, and the property that the ledger
balances (and no account goes below zero) after any sequence of accepted commands."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from park_industrial_co.domain import ledger, offering, project, treasury
from park_shared.errors import Conflict, DomainError, Invalid

D = Decimal
DAY, LATER = date(2026, 3, 10), date(2026, 4, 1)
T0 = datetime(2026, 3, 10, tzinfo=UTC)


def allocate(
    amount: str, capital: str = "1000.00", budget: str = "800.00", pid: str = "prj-1"
) -> treasury.AllocateFunds:
    return treasury.AllocateFunds(
        allocation_id="alloc-1",
        project_id=pid,
        amount=D(amount),
        capital_raised=D(capital),
        project_budget=D(budget),
        on=DAY,
    )


def test_allocations_stay_within_the_raised_capital_and_the_budget() -> None:
    [event] = treasury.decider.given([], allocate("600.00"))
    assert event == treasury.FundsAllocated(
        allocation_id="alloc-1", project_id="prj-1", amount=D(600), allocated_on=DAY
    )
    with pytest.raises(Conflict, match="budget"):
        treasury.decider.given([event], allocate("300.00"))
    with pytest.raises(Conflict, match=r"only 400\.00 of the 1000\.00 raised capital is unallocated"):
        treasury.decider.given([event], allocate("500.00", budget="2000.00", pid="prj-2"))
    with pytest.raises(Invalid) as zero:
        treasury.decider.given([], allocate("0.00"))
    assert zero.value.field == "amount"


def test_each_money_event_posts_a_balanced_entry() -> None:
    postings = [
        ledger.posting_for(
            offering.SubscriptionPaid(offering_id="o", subscription_id="s", investor_type="sme", amount=D(50))
        ),
        ledger.posting_for(
            treasury.FundsAllocated(allocation_id="a", project_id="p", amount=D(30), allocated_on=DAY)
        ),
        ledger.posting_for(
            project.ContractorPaid(
                project_id="p", payment_id="x", milestone="m", contractor="c", amount=D(20), paid_on=DAY
            )
        ),
    ]
    assert all(p is not None for p in postings)
    balances = ledger.balances(p for p in postings if p is not None)
    assert balances == {
        "cash": D(20),
        "share-capital": D(50),
        "project-allocations:p": D(10),
        "contractor-payments:p": D(20),
    }
    assert ledger.posting_for(offering.OfferingOpened.model_construct()) is None
    with pytest.raises(ValueError, match="unbalanced"):
        ledger.Posting("broken", (ledger.Line("cash", debit=D(1)),))


# -- the property: any sequence of accepted commands leaves a balanced ledger ------------------

OFFERINGS = ("off-a", "off-b")
PROJECTS = {"prj-1": D("3000.00"), "prj-2": D("1500.00")}  # contract amounts; budget = contract + 500


class World:
    """The service's aggregates side by side, fed the way the application feeds them."""

    def __init__(self) -> None:
        self.streams: dict[str, list[Any]] = {"treasury": []}
        for oid in OFFERINGS:
            self.streams[oid] = [
                offering.OfferingDrafted(
                    offering_id=oid,
                    title=oid,
                    target_amount=D("2000.00"),
                    unit_price=D("10.00"),
                    min_subscription=D("10.00"),
                    max_subscription=D("2000.00"),
                    opens_on=DAY,
                    closes_on=DAY,
                    admitted_investor_types=("sme",),
                    drafted_on=DAY,
                ),
                offering.OfferingOpened(
                    offering_id=oid,
                    title=oid,
                    target_amount=D("2000.00"),
                    unit_price=D("10.00"),
                    opens_on=DAY,
                    closes_on=DAY,
                ),
            ]
        for pid, contract in PROJECTS.items():
            self.streams[pid] = [
                project.ProjectPlanned(
                    project_id=pid,
                    name=pid,
                    kind="power",
                    parcel_ids=("north-A01",),
                    budget=contract + 500,
                    planned_on=DAY,
                ),
                project.TenderOpened(project_id=pid, bids_until=DAY, max_duration_days=None, opened_on=DAY),
                project.BidSubmitted(
                    project_id=pid,
                    bid_id="b",
                    contractor="c",
                    amount=contract,
                    duration_days=10,
                    submitted_at=T0,
                ),
                project.ContractAwarded(
                    project_id=pid,
                    bid_id="b",
                    contractor="c",
                    contract_amount=contract,
                    duration_days=10,
                    suggested_bid_id="b",
                    reason=None,
                    awarded_on=LATER,
                ),
            ]
        deciders = {"treasury": treasury.decider, **dict.fromkeys(OFFERINGS, offering.decider)}
        self.states = {s: deciders.get(s, project.decider).fold(events) for s, events in self.streams.items()}
        self.capital = D(0)
        self.postings: list[ledger.Posting] = []

    def run(self, stream: str, decider: Any, command: Any) -> None:
        try:
            events = decider.decide(command, self.states[stream])
        except DomainError:
            return
        self.streams[stream] += events
        self.states[stream] = decider.fold(events, self.states[stream])
        self.capital += sum((e.raised_amount for e in events if isinstance(e, offering.OfferingClosed)), D(0))
        self.postings += [p for p in map(ledger.posting_for, events) if p is not None]

    def apply(self, step: tuple[Any, ...]) -> None:
        kind, *args = step
        if kind in ("place", "pay", "withdraw", "refund", "close", "cancel"):
            self._offering(kind, *args)
        elif kind == "allocate":
            pid, amount = args
            command = treasury.AllocateFunds(
                allocation_id="a",
                project_id=pid,
                amount=amount,
                capital_raised=self.capital,
                project_budget=PROJECTS[pid] + 500,
                on=LATER,
            )
            self.run("treasury", treasury.decider, command)
        elif kind == "milestone":
            pid, percent = args
            self.run(
                pid,
                project.decider,
                project.ReachMilestone(milestone=f"m{percent}", progress_percent=percent, on=LATER),
            )
        elif kind == "pay_contractor":
            pid, percent, amount = args
            funds = self.states["treasury"]
            command = project.PayContractor(
                payment_id="p",
                milestone=f"m{percent}",
                amount=amount,
                allocated=funds.allocated_to(pid),
                on=LATER,
            )
            self.run(pid, project.decider, command)

    def _offering(self, kind: str, oid: str, n: int = 0) -> None:
        sid = f"{oid}-s{n}"
        commands: dict[str, Any] = {
            "place": lambda: offering.PlaceSubscription(
                subscription_id=sid,
                investor_id=f"inv-{n}",
                investor_type="sme",
                amount=D(370 * (n + 1) + 370 * n),
                on=DAY,
                at=T0,
            ),
            "pay": lambda: offering.ConfirmPayment(subscription_id=sid, on=DAY),
            "withdraw": lambda: offering.WithdrawSubscription(subscription_id=sid, on=DAY),
            "refund": lambda: offering.PayRefund(subscription_id=sid, on=LATER),
            "close": lambda: offering.CloseOffering(on=LATER),
            "cancel": lambda: offering.CancelOffering(reason="changed plans", on=DAY),
        }
        self.run(oid, offering.decider, commands[kind]())


WEIGHTS = {"place": 6, "pay": 6, "withdraw": 1, "refund": 3, "close": 1, "cancel": 1}
WEIGHTS |= {"allocate": 4, "milestone": 2, "pay_contractor": 4}
KINDS = [kind for kind, weight in WEIGHTS.items() for _ in range(weight)]


def decode(code: int) -> tuple[Any, ...]:
    """One step from one drawn integer (one draw per step keeps hypothesis fast here)."""
    kind, rest = KINDS[code % len(KINDS)], code // len(KINDS)
    oid, n, pid = OFFERINGS[rest % 2], (rest // 2) % 3, sorted(PROJECTS)[(rest // 6) % 2]
    percent, amount = (25, 50, 100)[(rest // 12) % 3], D((rest // 36) % 250_000 + 1) / 100
    fields: dict[str, tuple[Any, ...]] = {"close": (oid,), "cancel": (oid,), "allocate": (pid, amount)}
    fields |= {"milestone": (pid, percent), "pay_contractor": (pid, percent, amount)}
    return (kind, *fields.get(kind, (oid, n)))


steps = st.integers(0, 2**40).map(decode)


@settings(max_examples=150, deadline=None)
@given(st.lists(steps, min_size=30, max_size=100))
def test_the_ledger_balances_after_any_sequence_of_accepted_commands(sequence: list[tuple[Any, ...]]) -> None:
    world = World()
    for step in sequence:
        world.apply(step)
        postings = world.postings
        lines = [line for p in postings for line in p.lines]
        assert sum(x.debit for x in lines) == sum(x.credit for x in lines)
        balances = ledger.balances(postings)
        assert all(b >= 0 for b in balances.values()), balances
        assets = sum((b for a, b in balances.items() if ledger.kind_of(a) == "asset"), D(0))
        assert assets == balances.get("share-capital", D(0)) + balances.get("refunds-payable", D(0))
    for pid, contract in PROJECTS.items():
        assert ledger.balances(world.postings).get(f"contractor-payments:{pid}", D(0)) <= contract
