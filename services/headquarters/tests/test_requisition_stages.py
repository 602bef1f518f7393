"""The promised time limits of a requisition case's stages on the zone's working-day calendar:
each stage's start, deadline and completion, and overdue only when not done after its deadline."""

from __future__ import annotations

from datetime import date

from park_headquarters.domain.requisition_stages import Progress, stage_timings
from park_shared.working_days import WorkingCalendar

MONDAY = date(2026, 3, 2)
LIMITS = {"agreements": 3, "payment": 2, "resettlement": 5, "issue": 1}
# a holiday on Wednesday 4 March, a make-up working day on Saturday 7 March
CALENDAR = WorkingCalendar.from_days(holidays=[date(2026, 3, 4)], makeup_workdays=[date(2026, 3, 7)])


def by_code(progress: Progress, today: date) -> dict[str, tuple[date | None, date | None, bool]]:
    return {
        t.code: (t.started_on, t.deadline, t.overdue)
        for t in stage_timings(progress, LIMITS, CALENDAR, today)
    }


def test_the_agreements_deadline_counts_working_days_of_the_zone_calendar_from_the_opening() -> None:
    opened = Progress(opened_on=MONDAY, households={"east": 3, "west": 2})
    # Tue 3, (Wed 4 off), Thu 5, Fri 6 → three working days end on Friday
    stages = by_code(opened, date(2026, 3, 6))
    assert stages["agreements"] == (MONDAY, date(2026, 3, 6), False)
    assert stages["payment"] == (None, None, False) and stages["resettlement"] == (None, None, False)
    assert by_code(opened, date(2026, 3, 7))["agreements"][2] is True  # the day after: overdue


def test_payment_and_resettlement_start_with_the_last_agreement_and_end_when_everyone_is_done() -> None:
    signed = Progress(
        opened_on=MONDAY,
        households={"east": 3, "west": 0},
        signed_on={"east": date(2026, 3, 3), "west": date(2026, 3, 5)},
        paid_on={"east": date(2026, 3, 6)},
        resettled={"east": (2, date(2026, 3, 6))},
    )
    stages = by_code(signed, date(2026, 3, 10))
    assert stages["agreements"][2] is False
    # from Thu 5: Fri 6, Sat 7 (a make-up working day) → payment due Saturday, overdue on Tuesday
    assert stages["payment"] == (date(2026, 3, 5), date(2026, 3, 7), True)
    assert stages["resettlement"] == (date(2026, 3, 5), date(2026, 3, 11), False)  # 2 of 3 households
    done = signed.model_copy(
        update={
            "paid_on": {"east": date(2026, 3, 6), "west": date(2026, 3, 9)},
            "resettled": {"east": (3, date(2026, 3, 9))},
        }
    )
    timings = {t.code: t for t in stage_timings(done, LIMITS, CALENDAR, date(2026, 3, 20))}
    assert (timings["payment"].done_on, timings["payment"].overdue) == (date(2026, 3, 9), False)
    assert timings["payment"].unit == "industrial-co" and timings["agreements"].unit == "headquarters"
    assert timings["resettlement"].done_on == date(2026, 3, 9)  # west has no household to resettle


def test_each_issue_has_its_own_limit_from_its_raising_until_it_is_closed() -> None:
    progress = Progress(
        opened_on=MONDAY,
        households={"east": 1},
        issues={"graves": (date(2026, 3, 5), None), "road": (date(2026, 3, 2), date(2026, 3, 3))},
    )
    stages = by_code(progress, date(2026, 3, 9))
    assert stages["issue-graves"] == (date(2026, 3, 5), date(2026, 3, 6), True)
    assert stages["issue-road"] == (MONDAY, date(2026, 3, 3), False)
