"""The share offering (股份募集) aggregate: drafted → open → closed (or cancelled), with its
subscriptions, payment confirmation, pro-rata allotment at closing and refunds."""

from __future__ import annotations

from park_shared.decider import Decider

from park_industrial_co.domain.offering import commands, events, state
from park_industrial_co.domain.offering.commands import *
from park_industrial_co.domain.offering.commands import OfferingCommand
from park_industrial_co.domain.offering.decide import decide
from park_industrial_co.domain.offering.events import *
from park_industrial_co.domain.offering.events import OfferingEvent
from park_industrial_co.domain.offering.state import *
from park_industrial_co.domain.offering.state import OfferingState, evolve, initial_state

# the public names of the modules, and the decider
__all__ = ["decider"]
__all__ += commands.__all__
__all__ += events.__all__
__all__ += state.__all__

decider: Decider[OfferingCommand, OfferingState, OfferingEvent] = Decider(initial_state, decide, evolve)
