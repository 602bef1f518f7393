"""The labour market: vacancies posted with a sane pay range, filled place by place, closed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from park_service_center.domain.vacancy import (
    CloseVacancy,
    FillPlaces,
    PostVacancy,
    VacancyClosed,
    VacancyEvent,
    VacancyFilled,
    VacancyPosted,
    decider,
)
from park_shared.errors import Conflict, Invalid, NotFound


def post(pay_min: str = "6000", pay_max: str = "9000", places: int = 3) -> PostVacancy:
    return PostVacancy(
        vacancy_id="v-1",
        enterprise_id="ent-1",
        park_id="south",
        sector="electronics",
        title_zh="电气工程师",
        title_en="Electrical engineer",
        places=places,
        pay_min=Decimal(pay_min),
        pay_max=Decimal(pay_max),
        requirements_zh="本科",
        requirements_en="Bachelor's degree",
        posted_on=date(2026, 3, 2),
    )


def fill(places: int, enterprise_id: str = "ent-1") -> FillPlaces:
    return FillPlaces(
        vacancy_id="v-1", enterprise_id=enterprise_id, places=places, filled_on=date(2026, 3, 20)
    )


def posted() -> list[VacancyEvent]:
    return list(decider.given([], post()))


def test_a_vacancy_is_posted_in_both_languages_with_its_pay_range() -> None:
    [event] = posted()
    assert isinstance(event, VacancyPosted)
    assert (event.title_zh, event.title_en, event.pay_min, event.pay_max) == (
        "电气工程师",
        "Electrical engineer",
        Decimal("6000.00"),
        Decimal("9000.00"),
    )


def test_a_pay_range_upside_down_is_refused_naming_pay_max() -> None:
    with pytest.raises(Invalid) as refused:
        decider.given([], post(pay_min="9000", pay_max="6000"))
    assert refused.value.field == "pay_max"


def test_places_are_filled_until_none_is_left_and_then_the_vacancy_is_filled() -> None:
    events = posted() + list(decider.given(posted(), fill(2)))
    assert decider.fold(events).status == "open"
    [last] = decider.given(events, fill(1))
    assert isinstance(last, VacancyFilled) and last.places_left == 0
    assert decider.fold([*events, last]).status == "filled"
    with pytest.raises(Conflict, match="filled"):
        decider.given([*events, last], fill(1))


def test_more_places_than_are_left_or_another_enterprise_s_vacancy_are_refused() -> None:
    with pytest.raises(Invalid) as refused:
        decider.given(posted(), fill(4))
    assert refused.value.field == "places"
    with pytest.raises(Invalid) as refused:
        decider.given(posted(), fill(1, enterprise_id="ent-2"))
    assert refused.value.field == "enterprise_id"


def test_a_closed_vacancy_takes_nothing_more_and_an_unknown_one_is_not_found() -> None:
    close = CloseVacancy(
        vacancy_id="v-1", enterprise_id="ent-1", reason="hired elsewhere", closed_on=date(2026, 4, 1)
    )
    [closed] = decider.given(posted(), close)
    assert isinstance(closed, VacancyClosed) and closed.places_left == 3
    with pytest.raises(Conflict, match="closed"):
        decider.given([*posted(), closed], fill(1))
    with pytest.raises(NotFound):
        decider.given([], close)
    with pytest.raises(Conflict, match="exists already"):
        decider.given(posted(), post())
