"""Talent introduction (人才引进): an enterprise applies for a subsidy for a person it hired; the
service-center decides within its promised time limit; an approved subsidy is granted by the
talent policy in force on the application's day and paid in instalments (a one-off subsidy, then
a housing allowance each month). One stream per person and category, so a person is subsidised
once per category. The person is a pseudonym here: names and identity numbers stay sealed."""

from __future__ import annotations

from park_shared.decider import Decider

from park_service_center.domain.talent import commands, events, state, terms
from park_service_center.domain.talent.commands import *
from park_service_center.domain.talent.commands import TalentCommand
from park_service_center.domain.talent.decide import decide
from park_service_center.domain.talent.events import *
from park_service_center.domain.talent.events import TalentEvent
from park_service_center.domain.talent.state import *
from park_service_center.domain.talent.state import TalentState, evolve
from park_service_center.domain.talent.terms import *

# the public names of the modules, and the decider
__all__ = ["decider"]
__all__ += commands.__all__
__all__ += events.__all__
__all__ += state.__all__
__all__ += terms.__all__

decider: Decider[TalentCommand, TalentState, TalentEvent] = Decider(
    initial_state=TalentState(), decide=decide, evolve=evolve
)
