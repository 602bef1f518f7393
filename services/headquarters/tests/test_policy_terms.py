"""The typed terms of each policy kind; a bad term is a 422 naming its field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from park_headquarters.domain.policy_terms import (
    FeeScheduleTerms,
    PolicyKind,
    PreferentialTerms,
    ProcedureCatalogueTerms,
    RewardTerms,
    TalentTerms,
    parse_terms,
)
from park_shared.errors import Invalid

STEP = {
    "code": "project_approval",
    "name": "立项审批",
    "legal_basis": "《企业投资项目核准和备案管理条例》",
    "required_documents": ["项目申请报告"],
    "working_days": 5,
    "green_channel_working_days": 3,
    "decided_by": "headquarters",
}


def field_of(kind: PolicyKind, terms: dict[str, Any]) -> str | None:
    with pytest.raises(Invalid) as bad:
        parse_terms(kind, terms)
    return bad.value.field


def test_each_kind_parses_to_its_terms_with_exact_decimals() -> None:
    fees = parse_terms(
        "fee_schedule",
        {"items": [{"code": "F1", "name": "配套费", "amount": "1250.5", "phase": "before_production"}]},
    )
    assert isinstance(fees, FeeScheduleTerms) and fees.items[0].amount == Decimal("1250.50")
    reward = parse_terms("reward", {"rate_percent": "0.5", "cap": 500000})
    assert isinstance(reward, RewardTerms) and reward.model_dump(mode="json")["cap"] == "500000.00"
    rules = parse_terms("preferential", {"rules": [{"fee_code": "F1", "waiver": True, "parks": ["north"]}]})
    assert isinstance(rules, PreferentialTerms) and rules.rules[0].discount_percent == 100
    catalogue = parse_terms("procedure_catalogue", {"steps": [STEP]})
    assert isinstance(catalogue, ProcedureCatalogueTerms)
    assert catalogue.step("project_approval") is not None and catalogue.step("fire") is None


@pytest.mark.parametrize(
    ("kind", "terms", "field"),
    [
        (
            "fee_schedule",
            {"items": [{"code": "F1", "name": "x", "amount": "-1", "phase": "before_production"}]},
            "terms.items.0.amount",
        ),
        (
            "fee_schedule",
            {"items": [{"code": "F1", "name": "x", "amount": 12.5, "phase": "before_production"}]},
            "terms.items.0.amount",
        ),
        (
            "fee_schedule",
            {"items": [{"code": "F1", "name": "x", "amount": "1.005", "phase": "before_production"}]},
            "terms.items.0.amount",
        ),
        ("fee_schedule", {"items": []}, "terms.items"),
        ("procedure_catalogue", {"steps": [{**STEP, "working_days": 0}]}, "terms.steps.0.working_days"),
        (
            "procedure_catalogue",
            {"steps": [{**STEP, "green_channel_working_days": 9}]},
            "terms.steps.0.green_channel_working_days",
        ),
        ("procedure_catalogue", {"steps": [STEP, STEP]}, "terms.steps"),
        ("procedure_catalogue", {"steps": [{**STEP, "code": "fire"}]}, "terms.steps.0.decided_by"),
        ("reward", {"rate_percent": "100.5", "cap": "1000"}, "terms.rate_percent"),
        ("reward", {"rate_percent": "1"}, "terms.cap"),
        ("reward", {"cap": "1000"}, "terms.fixed_amount"),
        ("preferential", {"rules": [{"fee_code": "F1"}]}, "terms.rules.0.waiver"),
        (
            "preferential",
            {"rules": [{"fee_code": "F1", "discount_percent": "120"}]},
            "terms.rules.0.discount_percent",
        ),
    ],
)
def test_bad_terms_name_the_field(kind: PolicyKind, terms: dict[str, Any], field: str) -> None:
    assert field_of(kind, terms) == field


TALENT = {
    "code": "high_level_talent",
    "name": "高层次人才 High-level talent",
    "one_off_subsidy": "50000",
    "housing_allowance_monthly": "2000",
    "housing_months": 36,
}


def test_talent_terms_carry_each_category_with_exact_amounts() -> None:
    skilled = {"code": "skilled_worker", "name": "技能人才", "one_off_subsidy": "5000"}
    terms = parse_terms("talent", {"categories": [TALENT, skilled]})
    assert isinstance(terms, TalentTerms)
    first, second = terms.categories
    assert (first.one_off_subsidy, first.housing_allowance_monthly, first.housing_months) == (
        Decimal("50000.00"),
        Decimal("2000.00"),
        36,
    )
    assert (second.housing_allowance_monthly, second.housing_months) == (Decimal("0.00"), 0)
    assert terms.model_dump(mode="json")["categories"][0]["one_off_subsidy"] == "50000.00"


@pytest.mark.parametrize(
    ("terms", "field"),
    [
        ({"categories": []}, "terms.categories"),
        ({"categories": [TALENT, TALENT]}, "terms.categories"),
        ({"categories": [{**TALENT, "one_off_subsidy": "-1"}]}, "terms.categories.0.one_off_subsidy"),
        ({"categories": [{**TALENT, "one_off_subsidy": 500.5}]}, "terms.categories.0.one_off_subsidy"),
        ({"categories": [{**TALENT, "housing_months": 0}]}, "terms.categories.0.housing_months"),
        ({"categories": [{**TALENT, "housing_months": 121}]}, "terms.categories.0.housing_months"),
        (
            {"categories": [{**TALENT, "housing_allowance_monthly": "0", "housing_months": 12}]},
            "terms.categories.0.housing_months",
        ),
        (
            {
                "categories": [
                    {**TALENT, "one_off_subsidy": "0", "housing_allowance_monthly": "0", "housing_months": 0}
                ]
            },
            "terms.categories.0",
        ),
        ({"categories": [{**TALENT, "code": "high level"}]}, "terms.categories.0.code"),
        ({"categories": [TALENT, {**TALENT, "code": "x", "name": ""}]}, "terms.categories.1.name"),
        ({"categories": [{**TALENT, "bonus": "1"}]}, "terms.categories.0.bonus"),
    ],
)
def test_bad_talent_terms_name_the_category_and_field(terms: dict[str, Any], field: str) -> None:
    assert field_of("talent", terms) == field


LAB_HOUR = {
    "code": "LAB-HOUR",
    "name": "检测实验室使用费",
    "amount": "80",
    "phase": "facility_use",
    "facility_kind": "testing_laboratory",
}


def test_a_facility_use_item_names_the_facility_kind_it_prices() -> None:
    fees = parse_terms("fee_schedule", {"items": [LAB_HOUR]})
    assert isinstance(fees, FeeScheduleTerms)
    assert (fees.items[0].facility_kind, fees.items[0].amount) == ("testing_laboratory", Decimal("80.00"))
    no_kind = {k: v for k, v in LAB_HOUR.items() if k != "facility_kind"}
    assert field_of("fee_schedule", {"items": [no_kind]}) == "terms.items.0.facility_kind"
    stray = {**LAB_HOUR, "phase": "before_production"}
    assert field_of("fee_schedule", {"items": [stray]}) == "terms.items.0.facility_kind"
    cinema = {**LAB_HOUR, "facility_kind": "cinema"}
    assert field_of("fee_schedule", {"items": [cinema]}) == "terms.items.0.facility_kind"
