"""Investors for the register: type, and the sealed token of their details, opened only when a
response shows them. An erased investor keeps no token at all."""

from __future__ import annotations

from park_shared.personal_data.projection import SubjectsProjection

from park_industrial_co.domain.investor import InvestorIdentified, PersonalDataErased

__all__ = ["INVESTORS", "investors_projection"]

INVESTORS = "investors"


def investors_projection() -> SubjectsProjection[InvestorIdentified]:
    return SubjectsProjection(
        INVESTORS, InvestorIdentified, PersonalDataErased, subject_of=lambda event: event.investor_id
    )
