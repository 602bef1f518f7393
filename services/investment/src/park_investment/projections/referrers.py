"""Referrers for inv.officer: kind, enrolment, and the sealed token of their personal data,
opened only when a response shows it. An erased referrer keeps no token at all."""

from __future__ import annotations

from park_shared.personal_data.projection import SubjectsProjection

from park_investment.domain.referrer import PersonalDataErased, ReferrerEnrolled

__all__ = ["REFERRERS", "referrers_projection"]

REFERRERS = "referrers"


def referrers_projection() -> SubjectsProjection[ReferrerEnrolled]:
    return SubjectsProjection(
        REFERRERS, ReferrerEnrolled, PersonalDataErased, subject_of=lambda event: event.referrer_id
    )
