"""Reward computation, the reward policy in force on a date, and the listing deciders."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from park_investment.domain.opportunity import (
    OpportunityWithdrawn,
    PublishOpportunity,
    WithdrawOpportunity,
    opportunity_decider,
)
from park_investment.domain.parcel_listing import (
    ParcelDelisted,
    ParcelListed,
    ParcelOnOffer,
    RecordParcelAllocated,
    RecordParcelReleased,
    RecordParcelServiced,
    parcel_listing_decider,
)
from park_investment.domain.reward import PolicyVersion, RewardTerms, compute_reward, in_force_on
from park_investment.domain.reward_policy import (
    RecordPolicyPublished,
    RecordPolicyRevoked,
    RecordPolicySuperseded,
    reward_policy_decider,
)
from park_shared.errors import Conflict, Invalid

TERMS = RewardTerms(rate_percent=Decimal("1"), fixed_amount=None, cap=Decimal("300000.00"))
money = st.decimals(min_value=0, max_value=10**10, places=2, allow_nan=False, allow_infinity=False)


def version(n: int, start: date, **extra: object) -> PolicyVersion:
    return PolicyVersion(policy_id="p", version=n, effective_from=start, terms=TERMS, **extra)  # type: ignore[arg-type]


def test_reward_is_rate_plus_fixed_capped() -> None:
    both = RewardTerms(rate_percent=Decimal("0.3"), fixed_amount=Decimal("5000.00"), cap=Decimal("100000.00"))
    assert compute_reward(both, Decimal("10000000.00")) == Decimal("35000.00")
    assert compute_reward(both, Decimal("90000000.00")) == Decimal("100000.00")
    fixed = RewardTerms(fixed_amount=Decimal("8000.00"), cap=Decimal("9000.00"))
    assert compute_reward(fixed, Decimal("1.00")) == Decimal("8000.00")
    with pytest.raises(ValueError, match="rate or a fixed sum"):
        RewardTerms(cap=Decimal("1.00"))


@settings(deadline=None)
@given(money, money, money, money)
def test_reward_never_exceeds_the_cap_and_is_in_cents(
    rate: Decimal, fixed: Decimal, cap: Decimal, amount: Decimal
) -> None:
    terms = RewardTerms(rate_percent=rate / 10**8, fixed_amount=fixed, cap=cap)
    reward = compute_reward(terms, amount)
    assert Decimal(0) <= reward <= cap
    assert reward == reward.quantize(Decimal("0.01"))


def test_the_version_in_force_is_the_latest_effective_one_not_revoked_by_then() -> None:
    v1 = version(1, date(2024, 1, 1), effective_until=date(2025, 7, 1))  # exclusive: v2's first day
    v2 = version(2, date(2025, 7, 1), revoked_on=date(2025, 9, 1))
    assert in_force_on([v1, v2], date(2023, 12, 31)) is None
    assert in_force_on([v1, v2], date(2025, 6, 30)) == v1
    assert in_force_on([v1, v2], date(2025, 7, 1)) == v2
    assert in_force_on([v1, v2], date(2025, 8, 31)) == v2  # revoked only later
    assert in_force_on([v1, v2], date(2025, 9, 1)) is None  # v1 ended, v2 revoked


@settings(deadline=None)
@given(st.lists(st.integers(0, 400), min_size=1, max_size=6, unique=True), st.integers(0, 500))
def test_in_force_is_never_a_future_version(starts: list[int], day: int) -> None:
    base = date(2024, 1, 1)
    versions = [version(i + 1, base + timedelta(days=s)) for i, s in enumerate(starts)]
    chosen = in_force_on(versions, base + timedelta(days=day))
    eligible = [v for v in versions if v.effective_from <= base + timedelta(days=day)]
    assert chosen == (max(eligible, key=lambda v: v.effective_from) if eligible else None)


def test_recording_hq_policy_facts_is_idempotent() -> None:
    published = RecordPolicyPublished(
        policy_id="p", version=1, title="奖励办法", effective_from=date(2024, 1, 1), terms=TERMS
    )
    history = list(reward_policy_decider.given([], published))
    assert len(history) == 1 and reward_policy_decider.given(history, published) == []
    superseded = RecordPolicySuperseded(
        policy_id="p", version=1, superseded_by=2, effective_until=date(2025, 1, 1)
    )
    history += reward_policy_decider.given(history, superseded)
    assert reward_policy_decider.given(history, superseded) == []
    revoked = RecordPolicyRevoked(policy_id="p", version=1, revoked_on=date(2025, 2, 1))
    history += reward_policy_decider.given(history, revoked)
    state = reward_policy_decider.fold(history)
    assert state.versions[1].effective_until == date(2025, 1, 1)
    assert state.versions[1].revoked_on == date(2025, 2, 1)
    assert reward_policy_decider.given(history, revoked) == []
    # a fact about a policy that is not a reward policy (never recorded) changes nothing
    assert reward_policy_decider.given([], revoked) == []


PARCEL = ParcelOnOffer(
    parcel_id="north-A01", park_id="north", code="A01", planned_use="industrial", area_m2=12000
)


def test_a_parcel_is_listed_when_serviced_and_delisted_when_allocated() -> None:
    serviced = RecordParcelServiced(parcel=PARCEL, serviced_on=date(2025, 1, 1))
    allocated = RecordParcelAllocated(parcel_id="north-A01", park_id="north", allocated_on=date(2025, 2, 1))
    [listed] = parcel_listing_decider.given([], serviced)
    assert isinstance(listed, ParcelListed)
    assert parcel_listing_decider.given([listed], serviced) == []
    [delisted] = parcel_listing_decider.given([listed], allocated)
    assert isinstance(delisted, ParcelDelisted)
    assert parcel_listing_decider.given([delisted], serviced) == []  # allocation seen first
    assert parcel_listing_decider.given([listed, delisted], allocated) == []


def test_a_released_allocation_lists_the_parcel_again() -> None:
    serviced = RecordParcelServiced(parcel=PARCEL, serviced_on=date(2025, 1, 1))
    allocated = RecordParcelAllocated(parcel_id="north-A01", park_id="north", allocated_on=date(2025, 2, 1))
    released = RecordParcelReleased(parcel=PARCEL, serviced_on=date(2025, 1, 1), released_on=date(2025, 2, 1))
    [listed] = parcel_listing_decider.given([], serviced)
    [delisted] = parcel_listing_decider.given([listed], allocated)
    [relisted] = parcel_listing_decider.given([listed, delisted], released)
    assert relisted == listed
    assert parcel_listing_decider.given([listed, delisted, relisted], released) == []  # once
    assert parcel_listing_decider.given([listed], released) == []  # not allocated: nothing to undo


def test_opportunities_are_published_in_a_known_park_and_withdrawn_once() -> None:
    publish = PublishOpportunity(
        listing_id="listing-1",
        title="新能源电池产业链",
        park_id="south",
        industry="batteries",
        summary="",
        parcel_ids=("south-B02",),
        published_on=date(2025, 1, 1),
        known_parks=("north", "south"),
    )
    history = list(opportunity_decider.given([], publish))
    [withdrawn] = opportunity_decider.given(history, WithdrawOpportunity(withdrawn_on=date(2025, 2, 1)))
    assert withdrawn == OpportunityWithdrawn(listing_id="listing-1", withdrawn_on=date(2025, 2, 1))
    with pytest.raises(Conflict):
        opportunity_decider.given([*history, withdrawn], WithdrawOpportunity(withdrawn_on=date(2025, 2, 2)))
    with pytest.raises(Invalid) as bad_park:
        opportunity_decider.given([], publish.model_copy(update={"park_id": "east"}))
    assert bad_park.value.field == "park_id"
    with pytest.raises(Invalid) as bad_parcel:
        opportunity_decider.given([], publish.model_copy(update={"parcel_ids": ("north-A01",)}))
    assert bad_parcel.value.field == "parcel_ids"
