"""Shared public resources over HTTP (/shared-facilities): registered by a manager with capacity,
opening hours and its fee item of HQ's fee schedule; booked from either park; an overlap beyond
capacity is 409 naming the booking it collides with; outside opening hours is 422; each booking
is charged the rate of the fee schedule in force on its day (none: 409 naming fee_code);
cancellation keeps half the fee when late; utilisation per park. Every refusal stores nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

from ic_testkit import FINANCE, LAB_HOUR, Driver, publish_fee_schedule
from park_shared.testing.apps import wait_until
from park_shared.testing.events import emit

NORTH_CO = "91310000MA1K00001X"
SOUTH_CO = "91310000MA1K00002Y"
LAB = "/shared-facilities/testing-lab"


def facility(**overrides: Any) -> dict[str, Any]:
    return {
        "facility_id": "testing-lab", "kind": "testing_laboratory", "name": "检测实验室 Testing laboratory",
        "capacity": 4, "hours": {"weekdays": [1, 2, 3, 4, 5], "opens": "08:00", "closes": "18:00"},
        "fee_code": "LAB-HOUR",
        **overrides,
    }  # fmt: skip


def slot(
    at: str, until: str, units: int = 2, park: str = "north", day: str = "2026-03-04", **overrides: Any
) -> dict[str, Any]:
    """A slot on `day` (a Wednesday unless told), zone time."""
    enterprise = NORTH_CO if park == "north" else SOUTH_CO
    return {
        "enterprise_id": enterprise, "park_id": park, "units": units,
        "start": f"{day}T{at}:00+08:00", "end": f"{day}T{until}:00+08:00",
        **overrides,
    }  # fmt: skip


async def registered(driver: Driver, **overrides: Any) -> dict[str, Any]:
    await publish_fee_schedule(driver)
    response = await driver.post("/shared-facilities", facility(**overrides))
    assert response.status_code == 201, response.text
    return dict(response.json())


async def booked(driver: Driver, body: dict[str, Any]) -> dict[str, Any]:
    response = await driver.post(f"{LAB}/bookings", body)
    assert response.status_code == 201, response.text
    return dict(response.json())


def use(detail: dict[str, Any]) -> dict[str, tuple[int, str, str]]:
    return {u["park_id"]: (u["bookings"], u["unit_hours"], u["fees"]) for u in detail["utilisation"]}


async def test_a_facility_is_registered_with_its_hours_rate_and_no_use_yet(driver: Driver) -> None:
    lab = await registered(driver)
    assert (lab["capacity"], lab["fee_code"], lab["per_unit_hour"], lab["registered_on"]) == (
        4, "LAB-HOUR", "80.00", "2026-03-02",
    )  # fmt: skip
    assert lab["hours"] == {"weekdays": [1, 2, 3, 4, 5], "opens": "08:00:00", "closes": "18:00:00"}
    assert lab["bookings"] == [] and use(lab) == {"north": (0, "0.00", "0.00"), "south": (0, "0.00", "0.00")}
    listed = await driver.get("/shared-facilities", who=FINANCE)
    assert listed.status_code == 200 and [f["facility_id"] for f in listed.json()] == ["testing-lab"]
    again = await driver.post("/shared-facilities", facility(name="another"))
    assert again.status_code == 409
    assert (
        await driver.post("/shared-facilities", facility(facility_id="lab-2"), who=FINANCE)
    ).status_code == 403


async def test_bad_registrations_are_refused_naming_the_field(driver: Driver) -> None:
    no_schedule = await driver.post("/shared-facilities", facility())
    assert no_schedule.status_code == 422 and no_schedule.json()["field"] == "fee_code"
    assert "fee schedule in force on 2026-03-02" in no_schedule.json()["detail"]
    await publish_fee_schedule(driver)
    before = await driver.snapshot()
    upside = facility(hours={"weekdays": [1], "opens": "18:00", "closes": "08:00"})
    refused = await driver.post("/shared-facilities", upside)
    assert refused.status_code == 422 and refused.json()["field"].startswith("hours")
    for field, value in (
        ("kind", "cinema"),
        ("capacity", 0),
        ("fee_code", "HALL-HOUR"),  # not in the schedule
        ("facility_id", "A B"),
    ):
        refused = await driver.post("/shared-facilities", facility(**{field: value}))
        assert refused.status_code == 422 and refused.json()["field"] == field, (field, refused.json())
    hall = facility(facility_id="hall", kind="exhibition_hall")  # LAB-HOUR prices laboratories
    refused = await driver.post("/shared-facilities", hall)
    assert refused.status_code == 422 and refused.json()["field"] == "fee_code"
    assert await driver.snapshot() == before


async def test_both_parks_book_at_once_and_an_overlap_beyond_capacity_names_the_booking(
    driver: Driver,
) -> None:
    await registered(driver)
    north = await booked(driver, slot("09:00", "11:30", units=2, park="north"))
    assert (north["fee"], north["fee_code"], north["schedule_version"]) == ("400.00", "LAB-HOUR", 1)
    assert (north["status"], north["start"]) == ("booked", "2026-03-04T09:00:00+08:00")
    south = await booked(driver, slot("10:00", "12:00", units=2, park="south"))
    before = await driver.snapshot()
    refused = await driver.post(f"{LAB}/bookings", slot("11:00", "13:00", units=1, park="south"))
    assert refused.status_code == 409
    assert refused.json()["conflicting_booking_id"] == north["booking_id"]
    assert north["booking_id"] in refused.json()["detail"]
    assert await driver.snapshot() == before
    after_them = await booked(driver, slot("12:00", "13:00", units=4, park="north"))  # back to back: free
    lab = (await driver.get(LAB, who=FINANCE)).json()
    ids = [b["booking_id"] for b in lab["bookings"]]
    assert ids == [north["booking_id"], south["booking_id"], after_them["booking_id"]]
    assert use(lab) == {"north": (2, "9.00", "720.00"), "south": (1, "4.00", "320.00")}


async def test_a_booking_outside_opening_hours_or_otherwise_wrong_is_refused_naming_the_field(
    driver: Driver,
) -> None:
    await registered(driver)
    before = await driver.snapshot()
    cases = [
        (slot("07:30", "09:00"), 422, "start"),  # before it opens
        (slot("17:00", "19:00"), 422, "start"),  # after it closes
        (slot("09:00", "10:00", day="2026-03-07"), 422, "start"),  # a Saturday
        (slot("09:00", "10:00", start="2026-03-04T09:00:00"), 422, "start"),  # no zone: ambiguous
        (slot("11:00", "10:00"), 422, "end"),
        (slot("09:00", "10:00", units=5), 422, "units"),
        (slot("09:00", "10:00", park_id="east"), 422, "park_id"),
        (slot("09:00", "10:00", day="2026-02-27"), 422, "start"),  # a Friday gone by
    ]  # fmt: skip
    for body, status, field in cases:
        refused = await driver.post(f"{LAB}/bookings", body)
        assert (refused.status_code, refused.json().get("field")) == (status, field), (body, refused.json())
    missing = await driver.post("/shared-facilities/warehouse-9/bookings", slot("09:00", "10:00"))
    assert missing.status_code == 404 and missing.json()["facility_id"] == "warehouse-9"
    assert (await driver.get("/shared-facilities/warehouse-9")).status_code == 404
    assert await driver.snapshot() == before


async def test_a_slot_given_in_utc_is_checked_in_zone_time(driver: Driver) -> None:
    await registered(driver)
    utc = slot("09:00", "10:00", start="2026-03-04T01:00:00Z", end="2026-03-04T02:00:00Z")
    made = await booked(driver, utc)  # 09:00-10:00 in the zone
    assert (made["start"], made["end"]) == ("2026-03-04T09:00:00+08:00", "2026-03-04T10:00:00+08:00")
    late_utc = slot("09:00", "10:00", start="2026-03-04T11:00:00Z", end="2026-03-04T12:00:00Z")
    refused = await driver.post(f"{LAB}/bookings", late_utc)  # 19:00-20:00 in the zone: closed
    assert refused.status_code == 422 and refused.json()["field"] == "start"


async def test_cancelling_early_keeps_nothing_late_keeps_half_and_frees_the_slot(driver: Driver) -> None:
    await registered(driver)
    early = await booked(driver, slot("09:00", "11:00", units=4, park="north"))
    late = await booked(driver, slot("14:00", "15:00", units=2, park="south"))
    cancel = f"{LAB}/bookings/{early['booking_id']}/cancel"
    before = await driver.snapshot()
    not_theirs = await driver.post(cancel, {"enterprise_id": SOUTH_CO})
    assert not_theirs.status_code == 422 and not_theirs.json()["field"] == "enterprise_id"
    unknown = await driver.post(f"{LAB}/bookings/bkg-nope/cancel", {"enterprise_id": NORTH_CO})
    assert unknown.status_code == 404 and unknown.json()["booking_id"] == "bkg-nope"
    assert await driver.snapshot() == before
    done = await driver.post(cancel, {"enterprise_id": NORTH_CO})  # two days ahead
    assert done.status_code == 200 and (done.json()["status"], done.json()["fee_kept"]) == (
        "cancelled",
        "0.00",
    )
    again = await driver.post(cancel, {"enterprise_id": NORTH_CO})
    assert again.status_code == 409 and "cancelled already" in again.json()["detail"]
    await booked(driver, slot("09:00", "11:00", units=4, park="south"))  # the units are free again
    driver.set_today(date(2026, 3, 4))  # 10:00 on the day: four hours before the start
    kept = await driver.post(f"{LAB}/bookings/{late['booking_id']}/cancel", {"enterprise_id": SOUTH_CO})
    assert kept.status_code == 200 and kept.json()["fee_kept"] == "80.00"  # half of 160.00
    lab = (await driver.get(LAB)).json()
    assert use(lab) == {"north": (0, "0.00", "0.00"), "south": (1, "8.00", "720.00")}


async def test_a_booking_is_charged_the_rate_in_force_on_its_day_and_none_is_a_409(driver: Driver) -> None:
    await registered(driver)
    dearer = {**LAB_HOUR, "amount": "100.00"}
    await publish_fee_schedule(driver, [dearer], version=2, effective_from="2026-03-05")
    wednesday = await booked(driver, slot("09:00", "10:00", units=1, day="2026-03-04"))
    thursday = await booked(driver, slot("09:00", "10:00", units=1, day="2026-03-05"))
    assert (wednesday["fee"], wednesday["schedule_version"]) == ("80.00", 1)
    assert (thursday["fee"], thursday["schedule_version"]) == ("100.00", 2)

    other = {**LAB_HOUR, "code": "LAB-DAY"}  # version 3 drops LAB-HOUR from 9 March
    await publish_fee_schedule(driver, [other], version=3, effective_from="2026-03-09")
    before = await driver.snapshot()
    refused = await driver.post(f"{LAB}/bookings", slot("09:00", "10:00", day="2026-03-09"))
    assert refused.status_code == 409 and refused.json()["fee_code"] == "LAB-HOUR"
    assert "no facility_use item LAB-HOUR" in refused.json()["detail"]
    assert await driver.snapshot() == before
    revoked = {"policy_id": "fee-schedule", "version": 2, "revoked_on": "2026-03-02", "reason": "x"}
    await emit(driver.runtime.settings, "headquarters", "PolicyRevoked.v1", revoked, "policy-fee-schedule")

    async def still_v1() -> bool:
        docs = await driver.runtime.read_models.find("fee_schedules", {})
        return any(d["version"] == 2 and d["revoked_on"] for d in docs)

    await wait_until(still_v1, timeout=20, what="version 2 revoked")
    friday = await booked(driver, slot("09:00", "10:00", units=1, day="2026-03-06"))
    assert (friday["fee"], friday["schedule_version"]) == ("80.00", 1)


async def test_a_started_booking_a_second_cancellation_or_registration_is_a_409_storing_nothing(
    driver: Driver,
) -> None:
    await registered(driver)
    started = await booked(driver, slot("09:00", "11:00", units=1, park="north"))
    gone = await booked(driver, slot("14:00", "15:00", units=1, park="south"))
    cancel = f"{LAB}/bookings/{gone['booking_id']}/cancel"
    assert (await driver.post(cancel, {"enterprise_id": SOUTH_CO})).status_code == 200
    driver.set_today(date(2026, 3, 4))  # 10:00 on the day: the first booking has started
    before = await driver.snapshot()
    late = await driver.post(f"{LAB}/bookings/{started['booking_id']}/cancel", {"enterprise_id": NORTH_CO})
    assert late.status_code == 409 and "has started" in late.json()["detail"]
    again = await driver.post(cancel, {"enterprise_id": SOUTH_CO})
    assert again.status_code == 409 and again.json()["booking_id"] == gone["booking_id"]
    twice = await driver.post("/shared-facilities", facility(capacity=9))
    assert twice.status_code == 409 and twice.json()["facility_id"] == "testing-lab"
    assert await driver.snapshot() == before
    lab = (await driver.get(LAB)).json()
    assert (lab["capacity"], [b["status"] for b in lab["bookings"]]) == (4, ["booked", "cancelled"])
