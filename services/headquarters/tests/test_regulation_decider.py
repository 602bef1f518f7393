"""Regulations: drafted, published from a date, amended article by article, repealed; a rule
cites an article of the version in force on its day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from park_headquarters.domain.regulation import (
    AmendRegulation,
    Article,
    DraftRegulation,
    PublishRegulation,
    RegulationAmendmentDrafted,
    RegulationDrafted,
    RegulationEvent,
    RegulationPublished,
    RegulationRepealed,
    RepealRegulation,
    cite,
    decider,
)
from park_shared.errors import Conflict, Invalid, NotFound
from pydantic import ValidationError

FEES = "foreign-enterprise-fees"
NOON = datetime(2026, 3, 2, 4, tzinfo=UTC)
TODAY = date(2026, 3, 2)


def article(number: int, zh: str = "条文", en: str = "text") -> Article:
    return Article(number=number, text_zh=f"{zh}{number}", text_en=f"{en} {number}")


def draft(*numbers: int, kind: str = "foreign_enterprise_fees") -> DraftRegulation:
    return DraftRegulation(
        regulation_id=FEES,
        kind=kind,
        title_zh="外商投资企业行政性收费管理办法",
        title_en="Administrative fees of foreign-invested enterprises",
        articles=tuple(article(n) for n in numbers),
        drafted_on=date(2026, 3, 1),
    )


def publish(version: int, effective_from: date) -> PublishRegulation:
    return PublishRegulation(
        regulation_id=FEES, version=version, effective_from=effective_from, today=TODAY, published_at=NOON
    )


def history(*commands: object) -> list[RegulationEvent]:
    events: list[RegulationEvent] = []
    for command in commands:
        events += decider.given(events, command)  # type: ignore[arg-type]
    return events


def published_v1() -> list[RegulationEvent]:
    return history(draft(1, 2, 3), publish(1, date(2026, 4, 1)))


def test_a_draft_has_its_articles_in_number_order() -> None:
    [drafted] = decider.given([], draft(3, 1, 2))
    assert isinstance(drafted, RegulationDrafted)
    assert [a.number for a in drafted.articles] == [1, 2, 3]
    assert drafted.version == 1


def test_an_article_number_twice_is_refused_naming_the_field() -> None:
    with pytest.raises(Invalid) as refused:
        decider.given([], draft(1, 2, 2))
    assert refused.value.field == "articles"
    assert "[2]" in refused.value.detail


def test_the_five_kinds_of_the_report_and_a_zone_s_own_kind_are_accepted_a_malformed_one_is_not() -> None:
    assert decider.given([], draft(1, kind="off_budget_funds"))
    assert decider.given([], draft(1, kind="zone_greening"))
    with pytest.raises(ValidationError, match="kind"):
        draft(1, kind="Fees!")


def test_a_regulation_is_drafted_once() -> None:
    with pytest.raises(Conflict):
        decider.given(history(draft(1)), draft(1))


def test_publishing_puts_the_version_in_force_from_its_date() -> None:
    state = decider.fold(published_v1())
    assert state.in_force_on(date(2026, 3, 31)) is None
    in_force = state.in_force_on(date(2026, 4, 1))
    assert in_force is not None and in_force.version == 1


def test_publishing_an_unknown_or_published_version_is_refused() -> None:
    with pytest.raises(NotFound):
        decider.given(history(draft(1)), publish(2, date(2026, 4, 1)))
    with pytest.raises(Conflict, match="published already"):
        decider.given(published_v1(), publish(1, date(2026, 5, 1)))


def test_an_amendment_changes_adds_and_removes_articles_and_keeps_the_rest() -> None:
    amend = AmendRegulation(
        regulation_id=FEES,
        articles=(article(2, "改", "changed"), article(4)),
        removed=(3,),
        drafted_on=date(2026, 5, 1),
    )
    [amended] = decider.given(published_v1(), amend)
    assert isinstance(amended, RegulationAmendmentDrafted)
    assert amended.version == 2
    assert [(a.number, a.text_en) for a in amended.articles] == [
        (1, "text 1"),
        (2, "changed 2"),
        (4, "text 4"),
    ]
    assert (amended.changed, amended.removed) == ((2, 4), (3,))
    assert amended.title_en == "Administrative fees of foreign-invested enterprises"


def test_the_amended_version_supersedes_the_old_on_its_date_and_the_old_answers_before() -> None:
    amend = AmendRegulation(regulation_id=FEES, removed=(3,), drafted_on=date(2026, 5, 1))
    state = decider.fold(
        history(draft(1, 2, 3), publish(1, date(2026, 4, 1)), amend, publish(2, date(2026, 6, 1)))
    )
    before, after = state.in_force_on(date(2026, 5, 31)), state.in_force_on(date(2026, 6, 1))
    assert before is not None and before.version == 1 and before.article(3) is not None
    assert after is not None and after.version == 2 and after.article(3) is None


def test_an_amendment_must_take_effect_after_the_version_it_amends() -> None:
    amend = AmendRegulation(regulation_id=FEES, removed=(3,), drafted_on=date(2026, 5, 1))
    with pytest.raises(Invalid) as refused:
        decider.given(
            history(draft(1, 2, 3), publish(1, date(2026, 4, 1)), amend), publish(2, date(2026, 4, 1))
        )
    assert refused.value.field == "effective_from"


@pytest.mark.parametrize(
    ("amend", "field"),
    [
        (AmendRegulation(regulation_id=FEES, removed=(9,), drafted_on=date(2026, 5, 1)), "removed"),
        (AmendRegulation(regulation_id=FEES, drafted_on=date(2026, 5, 1)), "articles"),
        (AmendRegulation(regulation_id=FEES, removed=(1, 2, 3), drafted_on=date(2026, 5, 1)), "removed"),
        (
            AmendRegulation(
                regulation_id=FEES, articles=(article(2),), removed=(2,), drafted_on=date(2026, 5, 1)
            ),
            "articles",
        ),
    ],
    ids=["no-such-article", "changes-nothing", "removes-every-article", "changed-and-removed"],
)
def test_a_malformed_amendment_is_refused_naming_the_field(amend: AmendRegulation, field: str) -> None:
    with pytest.raises(Invalid) as refused:
        decider.given(published_v1(), amend)
    assert refused.value.field == field


def test_a_second_draft_waits_for_the_first_to_be_published() -> None:
    amend = AmendRegulation(regulation_id=FEES, removed=(3,), drafted_on=date(2026, 5, 1))
    with pytest.raises(Conflict, match="still a draft"):
        decider.given(history(draft(1, 2, 3), publish(1, date(2026, 4, 1)), amend), amend)


def test_a_repealed_regulation_is_in_force_until_the_day_before_and_cannot_be_amended() -> None:
    repeal = RepealRegulation(
        regulation_id=FEES, repealed_on=date(2026, 9, 1), today=TODAY, reason="replaced by national law"
    )
    events = history(draft(1, 2, 3), publish(1, date(2026, 4, 1)), repeal)
    assert isinstance(events[-1], RegulationRepealed)
    state = decider.fold(events)
    assert state.in_force_on(date(2026, 8, 31)) is not None
    assert state.in_force_on(date(2026, 9, 1)) is None
    with pytest.raises(Conflict, match="repealed"):
        decider.given(events, AmendRegulation(regulation_id=FEES, removed=(3,), drafted_on=date(2026, 9, 2)))
    with pytest.raises(Conflict, match="already"):
        decider.given(events, repeal)


def test_a_regulation_never_published_cannot_be_repealed() -> None:
    with pytest.raises(Conflict, match="never published"):
        decider.given(
            history(draft(1)),
            RepealRegulation(regulation_id=FEES, repealed_on=date(2026, 9, 1), today=TODAY, reason="x"),
        )


def test_a_citation_names_the_article_of_the_version_in_force_on_the_rule_s_day() -> None:
    amend = AmendRegulation(regulation_id=FEES, removed=(3,), drafted_on=date(2026, 5, 1))
    state = decider.fold(
        history(draft(1, 2, 3), publish(1, date(2026, 4, 1)), amend, publish(2, date(2026, 6, 1)))
    )
    assert cite(state, 3, date(2026, 5, 1), field="items[0].article").version == 1
    with pytest.raises(Invalid) as refused:
        cite(state, 3, date(2026, 6, 1), field="items[0].article")
    assert refused.value.field == "items[0].article"
    assert "no article 3" in refused.value.detail


def test_a_citation_of_a_regulation_not_in_force_or_of_another_kind_is_refused() -> None:
    state = decider.fold(published_v1())
    with pytest.raises(Invalid, match="not in force"):
        cite(state, 1, date(2026, 3, 1), field="basis")
    with pytest.raises(Invalid, match="not off_budget_funds"):
        cite(state, 1, date(2026, 4, 2), kind="off_budget_funds", field="basis")
    assert cite(state, 1, date(2026, 4, 2), kind="foreign_enterprise_fees", field="basis").article == 1


def test_publication_carries_the_whole_text_for_readers_of_the_event() -> None:
    published = published_v1()[-1]
    assert isinstance(published, RegulationPublished)
    assert [a.number for a in published.articles] == [1, 2, 3]
    assert published.kind == "foreign_enterprise_fees" and published.superseded_version is None


def test_a_regulation_is_neither_published_nor_repealed_in_the_past() -> None:
    with pytest.raises(Invalid, match="in the past") as past:
        decider.given(history(draft(1)), publish(1, TODAY - timedelta(days=1)))
    assert past.value.field == "effective_from"
    (published,) = decider.given(history(draft(1)), publish(1, TODAY))
    assert isinstance(published, RegulationPublished) and published.effective_from == TODAY
    repeal = RepealRegulation(
        regulation_id=FEES, repealed_on=TODAY - timedelta(days=1), today=TODAY, reason="x"
    )
    with pytest.raises(Invalid, match="in the past") as late:
        decider.given(published_v1(), repeal)
    assert late.value.field == "repealed_on"
