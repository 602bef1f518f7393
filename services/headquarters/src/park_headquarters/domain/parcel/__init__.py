"""Parcels (地块): to_requisition (named by a land requisition case) → requisitioned (the case
completed, or land the zone already holds, recorded with its title) → planned → serviced
(infrastructure done) → allocated (to an approved project); an allocation whose approval was
refused is released (serviced again). Only requisitioned land is planned."""

from __future__ import annotations

from park_shared.decider import Decider

from park_headquarters.domain.parcel import commands, events, ids, state
from park_headquarters.domain.parcel.commands import *
from park_headquarters.domain.parcel.commands import ParcelCommand
from park_headquarters.domain.parcel.decide import decide
from park_headquarters.domain.parcel.events import *
from park_headquarters.domain.parcel.events import ParcelEvent
from park_headquarters.domain.parcel.ids import *
from park_headquarters.domain.parcel.state import *
from park_headquarters.domain.parcel.state import ParcelState, evolve

# the public names of the modules, and the decider
__all__ = ["decide", "decider"]
__all__ += commands.__all__
__all__ += events.__all__
__all__ += ids.__all__
__all__ += state.__all__

decider: Decider[ParcelCommand, ParcelState, ParcelEvent] = Decider(ParcelState(), decide, evolve)
