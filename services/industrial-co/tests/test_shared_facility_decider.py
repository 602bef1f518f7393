"""Shared facilities: booked by enterprises of both parks within opening hours and capacity; an
overlap beyond capacity names the booking it collides with; late cancellation keeps half."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from park_industrial_co.domain.shared_facility import (
    BookFacility,
    BookingCancelled,
    BookingFee,
    CancelBooking,
    FacilityBooked,
    FacilityEvent,
    OpeningHours,
    RegisterFacility,
    decider,
)
from park_shared.errors import Conflict, Invalid, NotFound
from pydantic import ValidationError

LAB = "testing-lab"
FEE = BookingFee(fee_code="LAB-HOUR", schedule_version=3, per_unit_hour=Decimal("80.00"))
MONDAY = datetime(2026, 3, 9, tzinfo=UTC)  # a Monday


def at(hour: int, minute: int = 0, day: datetime = MONDAY) -> datetime:
    return day.replace(hour=hour, minute=minute)


def registered(capacity: int = 4) -> list[FacilityEvent]:
    return list(
        decider.given(
            [],
            RegisterFacility(
                facility_id=LAB,
                kind="testing_laboratory",
                name="检测实验室 Testing laboratory",
                capacity=capacity,
                hours=OpeningHours(weekdays=(1, 2, 3, 4, 5), opens=time(8), closes=time(18)),
                fee_code="LAB-HOUR",
                per_unit_hour=Decimal("60.00"),
                registered_on=date(2026, 3, 1),
            ),
        )
    )


def book(
    booking_id: str, start: datetime, end: datetime, units: int = 2, park: str = "north"
) -> BookFacility:
    return BookFacility(
        facility_id=LAB,
        booking_id=booking_id,
        enterprise_id=f"ent-{park}",
        park_id=park,
        units=units,
        start=start,
        end=end,
        fee=FEE,
        booked_at=MONDAY - timedelta(days=3),
    )


def with_(events: list[FacilityEvent], *commands: BookFacility | CancelBooking) -> list[FacilityEvent]:
    for command in commands:
        events = events + list(decider.given(events, command))
    return events


def test_a_booking_within_hours_and_capacity_is_charged_per_unit_hour() -> None:
    [booked] = decider.given(registered(), book("b1", at(9), at(11, 30), units=2))
    assert isinstance(booked, FacilityBooked)
    assert booked.fee == Decimal("400.00")  # 80 × 2.5 h × 2 units
    assert (booked.fee_code, booked.schedule_version) == ("LAB-HOUR", 3)


def test_without_a_schedule_s_rate_the_facility_s_registered_rate_is_charged() -> None:
    [booked] = decider.given(
        registered(), book("b1", at(9), at(11, 30), units=2).model_copy(update={"fee": None})
    )
    assert isinstance(booked, FacilityBooked)
    assert booked.fee == Decimal("300.00")  # 60 × 2.5 h × 2 units, as registered
    assert (booked.fee_code, booked.schedule_version) == ("LAB-HOUR", 0)


def test_enterprises_of_both_parks_share_the_capacity_at_the_same_time() -> None:
    events = with_(registered(), book("north-1", at(9), at(12), units=2, park="north"))
    [booked] = decider.given(events, book("south-1", at(10), at(11), units=2, park="south"))
    assert isinstance(booked, FacilityBooked) and booked.park_id == "south"


def test_an_overlap_beyond_capacity_is_refused_naming_the_conflicting_booking() -> None:
    events = with_(registered(), book("north-1", at(9), at(12), units=3))
    with pytest.raises(Conflict) as refused:
        decider.given(events, book("south-1", at(11), at(13), units=2, park="south"))
    assert refused.value.extra["conflicting_booking_id"] == "north-1"
    assert "north-1" in refused.value.detail


def test_back_to_back_bookings_do_not_overlap() -> None:
    events = with_(registered(), book("b1", at(9), at(12), units=4))
    assert decider.given(events, book("b2", at(12), at(14), units=4))


def test_the_peak_counts_only_bookings_that_meet_at_one_moment() -> None:
    # 9–10 and 11–12 take 3 units each but never at once: a 2-unit booking 9–12 fits (capacity 5)
    events = with_(
        registered(capacity=5), book("a", at(9), at(10), units=3), book("b", at(11), at(12), units=3)
    )
    assert decider.given(events, book("c", at(9), at(12), units=2))
    with pytest.raises(Conflict):
        decider.given(events, book("d", at(9), at(12), units=3))


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (at(7, 30), at(9)),
        (at(17), at(18, 30)),
        (at(9, day=MONDAY + timedelta(days=5)), at(10, day=MONDAY + timedelta(days=5))),  # Saturday
    ],
    ids=["before-opening", "after-closing", "closed-day"],
)
def test_a_booking_outside_opening_hours_is_refused_naming_the_start(start: datetime, end: datetime) -> None:
    with pytest.raises(Invalid) as refused:
        decider.given(registered(), book("b1", start, end))
    assert refused.value.field == "start"


def test_more_units_than_the_facility_has_and_an_upside_down_slot_are_refused() -> None:
    with pytest.raises(Invalid) as refused:
        decider.given(registered(capacity=4), book("b1", at(9), at(10), units=5))
    assert refused.value.field == "units"
    with pytest.raises(ValidationError, match="ends after it starts"):
        book("b1", at(11), at(10))


def test_a_booking_id_is_used_once_and_an_unknown_facility_is_not_found() -> None:
    events = with_(registered(), book("b1", at(9), at(10)))
    with pytest.raises(Conflict, match="exists already"):
        decider.given(events, book("b1", at(14), at(15)))
    with pytest.raises(NotFound):
        decider.given([], book("b1", at(9), at(10)))


def test_cancelling_early_keeps_nothing_late_keeps_half_and_frees_the_units() -> None:
    events = with_(registered(), book("b1", at(9), at(11), units=4))
    early = CancelBooking(
        facility_id=LAB, booking_id="b1", enterprise_id="ent-north", cancelled_at=at(8) - timedelta(days=2)
    )
    late = early.model_copy(update={"cancelled_at": at(8)})
    [cancelled] = decider.given(events, early)
    assert isinstance(cancelled, BookingCancelled) and cancelled.fee_kept == Decimal("0.00")
    [cancelled] = decider.given(events, late)
    assert isinstance(cancelled, BookingCancelled) and cancelled.fee_kept == Decimal("320.00")
    assert decider.given(with_(events, early), book("b2", at(9), at(11), units=4))


def test_a_started_booking_someone_else_s_or_a_cancelled_one_cannot_be_cancelled() -> None:
    events = with_(registered(), book("b1", at(9), at(11)))
    cancel = CancelBooking(
        facility_id=LAB, booking_id="b1", enterprise_id="ent-north", cancelled_at=at(9, 30)
    )
    with pytest.raises(Conflict, match="has started"):
        decider.given(events, cancel)
    with pytest.raises(Invalid) as refused:
        decider.given(events, cancel.model_copy(update={"enterprise_id": "ent-south", "cancelled_at": at(8)}))
    assert refused.value.field == "enterprise_id"
    done = with_(events, cancel.model_copy(update={"cancelled_at": at(8)}))
    with pytest.raises(Conflict, match="cancelled already"):
        decider.given(done, cancel.model_copy(update={"cancelled_at": at(8)}))


def test_opening_hours_that_close_before_they_open_are_refused() -> None:
    with pytest.raises(ValidationError, match="closes after it opens"):
        OpeningHours(weekdays=(1,), opens=time(18), closes=time(8))
