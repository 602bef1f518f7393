"""HQ's fee schedule as industrial-co keeps it: each version recorded once (HQ's events may come
twice), supersession and revocation of known versions only, and the version in force on a day."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from park_industrial_co.domain.fee_schedule import (
    FacilityFeeItem,
    FeeScheduleRecorded,
    FeeScheduleVersion,
    RecordFeeSchedule,
    RecordFeeScheduleRevoked,
    RecordFeeScheduleSuperseded,
    decider,
    in_force,
)

LAB = FacilityFeeItem(
    code="LAB-HOUR", name="lab", amount=Decimal("80.00"), facility_kind="testing_laboratory"
)


def record(version: int, effective_from: date, amount: str = "80.00") -> RecordFeeSchedule:
    item = LAB.model_copy(update={"amount": Decimal(amount)})
    return RecordFeeSchedule(
        policy_id="fees",
        version=version,
        effective_from=effective_from,
        published_at=f"v{version}",
        items=(item,),
    )


def test_a_version_is_recorded_once_and_only_known_versions_end() -> None:
    [first] = decider.given([], record(1, date(2026, 1, 1)))
    assert isinstance(first, FeeScheduleRecorded) and first.items[0].amount == Decimal("80.00")
    assert decider.given([first], record(1, date(2026, 1, 1))) == []  # delivered again
    assert (
        decider.given(
            [], RecordFeeScheduleSuperseded(policy_id="x", version=1, effective_until=date(2026, 2, 1))
        )
        == []
    )
    [ended] = decider.given(
        [first], RecordFeeScheduleSuperseded(policy_id="fees", version=1, effective_until=date(2026, 3, 5))
    )
    assert (
        decider.given(
            [first, ended],
            RecordFeeScheduleSuperseded(policy_id="fees", version=1, effective_until=date(2026, 3, 5)),
        )
        == []
    )
    [revoked] = decider.given(
        [first], RecordFeeScheduleRevoked(policy_id="fees", version=1, revoked_on=date(2026, 2, 1))
    )
    assert (
        decider.given(
            [first, revoked],
            RecordFeeScheduleRevoked(policy_id="fees", version=1, revoked_on=date(2026, 2, 2)),
        )
        == []
    )


def test_the_version_in_force_on_a_day() -> None:
    v1, v2 = (
        decider.given([], record(1, date(2026, 1, 1))),
        decider.given([], record(2, date(2026, 3, 5), "100.00")),
    )
    state = decider.fold([*v1, *v2])
    versions = list(state.versions.values())
    assert in_force(versions, date(2025, 12, 31)) is None
    found = in_force(versions, date(2026, 3, 4))
    assert found is not None and found.version == 1 and found.item("LAB-HOUR") is not None
    found = in_force(versions, date(2026, 3, 5))
    assert (
        found is not None
        and found.version == 2
        and found.item("LAB-HOUR") == LAB.model_copy(update={"amount": Decimal("100.00")})
    )
    revoked = [
        v.model_copy(update={"revoked_on": date(2026, 3, 6)}) if v.version == 2 else v for v in versions
    ]
    found = in_force(revoked, date(2026, 3, 9))
    assert found is not None and found.version == 1
    assert in_force([FeeScheduleVersion()], date(2026, 3, 9)) is None
