"""Which HQ policies are in force on a day, read from the local policy read model."""

from __future__ import annotations

from datetime import date

from park_shared.projections.port import ReadModelStore
from park_shared.working_days import CalendarYear, WorkingCalendar

from park_service_center.domain.case_commands import CatalogueInForce
from park_service_center.domain.policy import PolicyVersion, in_force, latest_in_force
from park_service_center.domain.policy_terms import (
    FeeSchedule,
    PreferentialRule,
    PreferentialTerms,
    ProcedureCatalogue,
    TalentTerms,
    WorkingCalendarTerms,
)
from park_service_center.domain.talent import TalentCategoryTerms
from park_service_center.projections.names import POLICY_VERSIONS

__all__ = [
    "FeesInForce",
    "calendar_in_force",
    "catalogue_and_calendar_in_force",
    "catalogue_in_force",
    "catalogue_version_in_force",
    "fees_in_force",
    "talent_terms_in_force",
]


async def _versions(read_models: ReadModelStore) -> list[PolicyVersion]:
    return [PolicyVersion.model_validate(doc) for doc in await read_models.find(POLICY_VERSIONS)]


async def catalogue_version_in_force(read_models: ReadModelStore, day: date) -> PolicyVersion | None:
    return latest_in_force(await _versions(read_models), day, "procedure_catalogue")


async def catalogue_in_force(read_models: ReadModelStore, day: date) -> CatalogueInForce | None:
    return _catalogue(await _versions(read_models), day)


def _catalogue(versions: list[PolicyVersion], day: date) -> CatalogueInForce | None:
    version = latest_in_force(versions, day, "procedure_catalogue")
    if version is None:
        return None
    catalogue = ProcedureCatalogue.model_validate(version.terms)
    return CatalogueInForce(policy_id=version.policy_id, version=version.version, steps=catalogue.steps)


async def calendar_in_force(read_models: ReadModelStore, day: date) -> WorkingCalendar:
    """HQ's working-day calendar as it stands on `day`: each year's version in force then."""
    return _calendar(await _versions(read_models), day)


def _calendar(versions: list[PolicyVersion], day: date) -> WorkingCalendar:
    years = []
    for version in in_force(versions, day, "working_calendar"):
        terms = WorkingCalendarTerms.model_validate(version.terms)
        years.append(CalendarYear(terms.year, frozenset(terms.holidays), frozenset(terms.makeup_workdays)))
    return WorkingCalendar(years)


async def catalogue_and_calendar_in_force(
    read_models: ReadModelStore, day: date
) -> tuple[CatalogueInForce | None, WorkingCalendar]:
    """Both, from one read of the policy versions."""
    versions = await _versions(read_models)
    return _catalogue(versions, day), _calendar(versions, day)


class FeesInForce:
    def __init__(self, schedule: FeeSchedule | None, rules: list[PreferentialRule]) -> None:
        self.schedule = schedule
        self.rules = rules


async def fees_in_force(read_models: ReadModelStore, day: date) -> FeesInForce:
    versions = await _versions(read_models)
    schedule = latest_in_force(versions, day, "fee_schedule")
    rules = [
        rule
        for policy in in_force(versions, day, "preferential")
        for rule in PreferentialTerms.model_validate(policy.terms).rules
    ]
    return FeesInForce(None if schedule is None else FeeSchedule.model_validate(schedule.terms), rules)


async def talent_terms_in_force(
    read_models: ReadModelStore, day: date, category: str
) -> TalentCategoryTerms | None:
    """The category of HQ's talent policy in force on `day` (None: no policy, or no such
    category in it)."""
    version = latest_in_force(await _versions(read_models), day, "talent")
    if version is None:
        return None
    found = TalentTerms.model_validate(version.terms).category(category)
    if found is None:
        return None
    return TalentCategoryTerms(
        policy_id=version.policy_id,
        policy_version=version.version,
        category=found.code,
        one_off_subsidy=found.one_off_subsidy,
        housing_allowance_monthly=found.housing_allowance_monthly,
        housing_months=found.housing_months,
    )
