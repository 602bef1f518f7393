"""Parks from configuration, renamed by the head; parcels to_requisition → requisitioned → planned →
serviced → allocated."""

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
HELD = parcel.ParcelRequisitioned(
    parcel_id="north-A01",
    park_id="north",
    code="A01",
    case_id=None,
    title_reference="浙(2026)北园不动产权第0001号",
    requisitioned_on=DAY,
)
NAMED = parcel.ParcelToRequisition(
    parcel_id="north-A01", park_id="north", code="A01", case_id="req-1", named_on=DAY
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
    assert parcel.decider.given([HELD], register()) == [REGISTERED]


def test_a_code_is_unique_within_its_park_and_the_park_must_exist() -> None:
    with pytest.raises(Conflict, match="already registered"):
        parcel.decider.given([HELD, REGISTERED], register())
    with pytest.raises(Invalid) as bad:
        parcel.decider.given([], register(park_id="east"))
    assert bad.value.field == "park_id"


def test_infrastructure_completion_services_a_planned_parcel_once() -> None:
    command = MarkParcelServiced(parcel_id="north-A01", serviced_on=DAY, by_project_id="road-1")
    assert parcel.decider.given([HELD, REGISTERED], command) == [SERVICED]
    assert parcel.decider.given([HELD, REGISTERED, SERVICED], command) == []
    with pytest.raises(NotFound):
        parcel.decider.given([], command)


def test_only_a_serviced_unallocated_parcel_of_the_projects_park_is_allocated() -> None:
    allocated = ParcelAllocated(parcel_id="north-A01", park_id="north", case_id="case-1", allocated_on=DAY)
    assert parcel.decider.given([HELD, REGISTERED, SERVICED], allocate()) == [allocated]
    with pytest.raises(Conflict, match="not serviced"):
        parcel.decider.given([HELD, REGISTERED], allocate())
    with pytest.raises(Conflict, match="already allocated to case case-1"):
        parcel.decider.given([HELD, REGISTERED, SERVICED, allocated], allocate("case-2"))
    with pytest.raises(Conflict, match="in park north"):
        parcel.decider.given([HELD, REGISTERED, SERVICED], allocate(park_id="south"))
    with pytest.raises(Invalid) as unknown:
        parcel.decider.given([], allocate())
    assert unknown.value.field == "parcel_id"


def test_allocating_again_to_the_same_case_changes_nothing() -> None:
    allocated = ParcelAllocated(parcel_id="north-A01", park_id="north", case_id="case-1", allocated_on=DAY)
    assert parcel.decider.given([HELD, REGISTERED, SERVICED, allocated], allocate()) == []


def name(case_id: str = "req-1", parcel_id: str = "north-A01") -> parcel.NameParcelForRequisition:
    return parcel.NameParcelForRequisition(
        parcel_id=parcel_id, case_id=case_id, named_on=DAY, known_parks=PARKS
    )


def complete(case_id: str = "req-1") -> parcel.CompleteParcelRequisition:
    return parcel.CompleteParcelRequisition(parcel_id="north-A01", case_id=case_id, requisitioned_on=DAY)


def hold(title: str = HELD.title_reference or "") -> parcel.RecordHeldLand:
    return parcel.RecordHeldLand(
        park_id="north", code="A01", title_reference=title, recorded_on=DAY, known_parks=PARKS
    )


def test_a_case_names_unknown_land_and_its_completion_requisitions_it_once() -> None:
    assert parcel.decider.given([], name()) == [NAMED]
    assert parcel.decider.given([NAMED], name()) == []  # the same case again
    requisitioned = HELD.model_copy(update={"case_id": "req-1", "title_reference": None})
    assert parcel.decider.given([NAMED], complete()) == [requisitioned]
    assert parcel.decider.given([NAMED, requisitioned], complete()) == []
    with pytest.raises(Conflict) as other:
        parcel.decider.given([NAMED], complete("req-2"))
    assert other.value.extra["parcel_status"] == "to_requisition"


def test_a_case_refuses_land_held_or_named_by_another_case_naming_its_state() -> None:
    for given, status in (([HELD], "requisitioned"), ([NAMED], "to_requisition")):
        with pytest.raises(Conflict) as refused:
            parcel.decider.given(given, name("req-2"))
        assert refused.value.extra == {"parcel_id": "north-A01", "parcel_status": status}
    with pytest.raises(Invalid) as bad:
        parcel.decider.given([], name(parcel_id="east-A01"))
    assert bad.value.field == "parcel_ids"


def test_held_land_is_recorded_once_with_its_title_and_is_then_requisitioned() -> None:
    assert parcel.decider.given([], hold()) == [HELD]
    assert parcel.decider.given([HELD], hold()) == []
    with pytest.raises(Conflict) as named:
        parcel.decider.given([NAMED], hold())
    assert named.value.extra["parcel_status"] == "to_requisition"
    with pytest.raises(Conflict):
        parcel.decider.given([HELD], hold("another title"))


def test_only_requisitioned_land_is_planned_and_the_refusal_names_the_parcels_state() -> None:
    for given, status in (([], "none"), ([NAMED], "to_requisition")):
        with pytest.raises(Conflict) as refused:
            parcel.decider.given(given, register())
        assert refused.value.extra == {"parcel_id": "north-A01", "parcel_status": status}
    requisitioned = HELD.model_copy(update={"case_id": "req-1", "title_reference": None})
    assert parcel.decider.given([NAMED, requisitioned], register()) == [REGISTERED]


def test_allocating_a_parcel_not_serviced_names_its_state() -> None:
    for given, status in (
        ([NAMED], "to_requisition"),
        ([HELD], "requisitioned"),
        ([HELD, REGISTERED], "planned"),
    ):
        with pytest.raises(Conflict) as refused:
            parcel.decider.given(given, allocate())
        assert refused.value.extra["parcel_status"] == status


def test_a_case_that_did_not_open_unnames_only_its_own_parcel() -> None:
    unname = parcel.UnnameParcel(parcel_id="north-A01", case_id="req-1", unnamed_on=DAY)
    unnamed = parcel.ParcelUnnamed(parcel_id="north-A01", case_id="req-1", unnamed_on=DAY)
    assert parcel.decider.given([NAMED], unname) == [unnamed]
    assert parcel.decider.given([NAMED, unnamed], name("req-2")) == [
        NAMED.model_copy(update={"case_id": "req-2"})
    ]
    assert parcel.decider.given([NAMED], unname.model_copy(update={"case_id": "req-2"})) == []
    assert parcel.decider.given([HELD], unname) == []
