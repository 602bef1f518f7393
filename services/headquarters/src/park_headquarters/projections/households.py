"""Households of requisition cases, for officials: case, collective, registration, and the sealed
token of their personal data, opened only when a response shows it. An erased household keeps
no token at all."""

from __future__ import annotations

from park_shared.personal_data.projection import SubjectsProjection

from park_headquarters.domain.household import HouseholdRegistered, PersonalDataErased

__all__ = ["HOUSEHOLDS", "households_projection"]

HOUSEHOLDS = "households"


def households_projection() -> SubjectsProjection[HouseholdRegistered]:
    return SubjectsProjection(
        HOUSEHOLDS, HouseholdRegistered, PersonalDataErased, subject_of=lambda event: event.household_id
    )
