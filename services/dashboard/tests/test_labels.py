"""Every kind of policy HQ publishes (read from the contract document the dashboard serves, which
the units' contracts write) has a label on the public page and on the dashboard, in both
languages; so do the people-and-resources events of the feed, the talent categories, the kinds of
shared facility and the talent decision step; and every event the units publish has a Chinese
name in the live feed."""

from __future__ import annotations

import json
import re
from importlib import resources

from park_dashboard.pages.labels import LABELS, label

RESOURCE_EVENTS = (
    "VacancyPosted", "VacancyFilled", "VacancyClosed", "SubsidyApplied", "ApplicationApproved",
    "ApplicationRejected", "InstalmentPaid", "TalentDecisionOverdue", "FacilityRegistered", "FacilityBooked",
    "BookingCancelled", "ProposalSubmitted", "ProjectLeadOpened", "ProjectDuplicated",
)  # fmt: skip


def _kinds(schema: str) -> list[str]:
    """The kinds an event of the contract document may carry."""
    document = json.loads((resources.files("park_dashboard") / "asyncapi.json").read_text())
    return list(document["components"]["schemas"][schema]["properties"]["kind"]["enum"])


def _policy_kinds() -> list[str]:
    return _kinds("park.headquarters.PolicyPublished.v1")


def _i18n(lang: str) -> str:
    text = (resources.files("park_dashboard") / "static" / "i18n.js").read_text()
    start = text.index(f"  {lang}: {{")
    return text[start : text.index("\n  },", start)]


def test_every_policy_kind_is_labelled_in_both_languages() -> None:
    kinds = _policy_kinds()
    assert {"talent", "compensation_standard", "working_calendar"} <= set(kinds)
    for kind in kinds:
        zh, en = label(kind, "zh"), label(kind, "en")
        assert kind in LABELS and zh != en and re.search(r"[\u4e00-\u9fff]", zh), kind
        for lang in ("zh", "en"):
            assert re.search(rf"\bkind_{kind}: \"[^\"]+\"", _i18n(lang)), (kind, lang)


def test_the_resource_events_and_the_talent_step_are_named_on_the_dashboard() -> None:
    text = (resources.files("park_dashboard") / "static" / "i18n.js").read_text()
    named = text[text.index("const EVENTS_ZH") :]
    named = named[: named.index("};")]
    assert [e for e in RESOURCE_EVENTS if not re.search(rf"\b{e}: \"", named)] == []
    for lang in ("zh", "en"):
        assert 'step_talent_decision: "' in _i18n(lang), lang
        for category in ("leading_talent", "high_level_talent", "skilled_worker"):
            assert f'talent_{category}: "' in _i18n(lang), (category, lang)
        for kind in _kinds("park.industrial-co.FacilityRegistered.v1"):
            assert f'facility_{kind}: "' in _i18n(lang), (kind, lang)


def test_every_published_event_has_a_chinese_name_in_the_feed() -> None:
    document = json.loads((resources.files("park_dashboard") / "asyncapi.json").read_text())
    published = {name.split(".")[2] for name in document["components"]["schemas"] if name.endswith(".v1")}
    text = (resources.files("park_dashboard") / "static" / "i18n.js").read_text()
    named = text[text.index("const EVENTS_ZH") :]
    named = named[: named.index("};")]
    assert sorted(e for e in published if not re.search(rf"\b{e}: \"", named)) == []
