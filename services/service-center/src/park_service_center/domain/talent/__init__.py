"""Talent introduction (人才引进): an enterprise applies for a subsidy for a person it hired; the
service-center decides within its promised time limit; an approved subsidy is granted by the
talent policy in force on the application's day and paid in instalments (a one-off subsidy, then
a housing allowance each month). One stream per person and category, so a person is subsidised
once per category. The person is a pseudonym here: names and identity numbers stay sealed."""

from __future__ import annotations

from park_shared.decider import Decider

from park_service_center.domain.talent.commands import (
    ApplyForSubsidy,
    ApproveApplication,
    FlagApplicationOverdue,
    PayInstalment,
    RejectApplication,
    TalentCommand,
)
from park_service_center.domain.talent.decide import decide
from park_service_center.domain.talent.events import (
    ApplicationApproved,
    ApplicationRejected,
    InstalmentPaid,
    SubsidyApplied,
    TalentDecisionOverdue,
    TalentEvent,
)
from park_service_center.domain.talent.state import TalentState, evolve, stream_key
from park_service_center.domain.talent.terms import (
    Instalment,
    TalentCategoryTerms,
    instalments,
    months_after,
)

__all__ = [
    "ApplicationApproved",
    "ApplicationRejected",
    "ApplyForSubsidy",
    "ApproveApplication",
    "FlagApplicationOverdue",
    "Instalment",
    "InstalmentPaid",
    "PayInstalment",
    "RejectApplication",
    "SubsidyApplied",
    "TalentCategoryTerms",
    "TalentCommand",
    "TalentDecisionOverdue",
    "TalentEvent",
    "TalentState",
    "decider",
    "instalments",
    "months_after",
    "stream_key",
]

decider: Decider[TalentCommand, TalentState, TalentEvent] = Decider(
    initial_state=TalentState(), decide=decide, evolve=evolve
)
