"""Parks from configuration, renamed by the head; parcels planned → serviced → allocated."""

from __future__ import annotations

from datetime import date

import pytest
from park_headquarters.domain import parcel, park
from park_headquarters.domain.parcel import (
    AllocateParcel,
    MarkParcelServiced,
    ParcelAllocated,
    ParcelRegistered,
    ParcelServiced,
    RegisterParcel,
)
from park_shared.errors import Conflict, Invalid, NotFound

PARKS = ("north", "south")
DAY = date(2026, 3, 2)
REGISTERED = ParcelRegistered(
    parcel_id="north-A01", park_id="north", code="A01", planned_use="industrial", area_m2=12000
)
SERVICED = ParcelServiced(**REGISTERED.model_dump(), serviced_on=DAY, by_project_id="road-1")


def register(park_id: str = "north", code: str = "A01") -> RegisterParcel:
    return RegisterParcel(
        park_id=park_id, code=code, planned_use="industrial", area_m2=12000, known_parks=PARKS
    )


def allocate(case_id: str = "case-1", park_id: str = "north") -> AllocateParcel:
    return AllocateParcel(parcel_id="north-A01", park_id=park_id, case_id=case_id, allocated_on=DAY)


def test_a_park_is_registered_once_however_often_configuration_is_applied() -> None:
    command = park.RegisterPark(park_id="north", name="北园")
    first = park.decider.given([], command)
    assert first == [park.ParkRegistered(park_id="north", name="北园")]
    assert park.decider.given(first, command) == []


def test_renaming_a_park_records_the_old_name_and_an_unknown_park_is_not_found() -> None:
    given = [park.ParkRegistered(park_id="north", name="北园")]
    renamed = park.decider.given(given, park.RenamePark(park_id="north", name="北园 Hi-Tech"))
    assert renamed == [park.ParkRenamed(park_id="north", name="北园 Hi-Tech", previous_name="北园")]
    assert park.decider.given(given, park.RenamePark(park_id="north", name="北园")) == []
    with pytest.raises(NotFound):
        park.decider.given([], park.RenamePark(park_id="east", name="东园"))


def test_a_parcel_is_registered_with_its_id_from_park_and_code() -> None:
    assert parcel.decider.given([], register()) == [REGISTERED]


def test_a_code_is_unique_within_its_park_and_the_park_must_exist() -> None:
    with pytest.raises(Conflict, match="already registered"):
        parcel.decider.given([REGISTERED], register())
    with pytest.raises(Invalid) as bad:
        parcel.decider.given([], register(park_id="east"))
    assert bad.value.field == "park_id"


def test_infrastructure_completion_services_a_planned_parcel_once() -> None:
    command = MarkParcelServiced(parcel_id="north-A01", serviced_on=DAY, by_project_id="road-1")
    assert parcel.decider.given([REGISTERED], command) == [SERVICED]
    assert parcel.decider.given([REGISTERED, SERVICED], command) == []
    with pytest.raises(NotFound):
        parcel.decider.given([], command)


def test_only_a_serviced_unallocated_parcel_of_the_projects_park_is_allocated() -> None:
    allocated = ParcelAllocated(parcel_id="north-A01", park_id="north", case_id="case-1", allocated_on=DAY)
    assert parcel.decider.given([REGISTERED, SERVICED], allocate()) == [allocated]
    with pytest.raises(Conflict, match="not serviced"):
        parcel.decider.given([REGISTERED], allocate())
    with pytest.raises(Conflict, match="already allocated to case case-1"):
        parcel.decider.given([REGISTERED, SERVICED, allocated], allocate("case-2"))
    with pytest.raises(Conflict, match="in park north"):
        parcel.decider.given([REGISTERED, SERVICED], allocate(park_id="south"))
    with pytest.raises(Invalid) as unknown:
        parcel.decider.given([], allocate())
    assert unknown.value.field == "parcel_id"


def test_allocating_again_to_the_same_case_changes_nothing() -> None:
    allocated = ParcelAllocated(parcel_id="north-A01", park_id="north", case_id="case-1", allocated_on=DAY)
    assert parcel.decider.given([REGISTERED, SERVICED, allocated], allocate()) == []
