"""Land requisition and policy handling (土地征用、政策处理): before a parcel can be planned, its
land is requisitioned from the village collectives that hold it. A case names the parcels and
the collectives (counts of households, never their names), signs one agreement per collective
at no less than the compensation standard in force on the agreement's day, records the
compensation industrial-co paid, notes resettlement, and records and closes the policy-handling
issues raised on the way. When every agreement is signed and paid and no issue is open, the
case completes and its parcels are requisitioned."""

from __future__ import annotations

from park_shared.decider import Decider

from park_headquarters.domain.land_requisition import commands, events, state, values
from park_headquarters.domain.land_requisition.commands import *
from park_headquarters.domain.land_requisition.commands import RequisitionCommand
from park_headquarters.domain.land_requisition.decide import decide
from park_headquarters.domain.land_requisition.events import *
from park_headquarters.domain.land_requisition.events import RequisitionEvent
from park_headquarters.domain.land_requisition.state import *
from park_headquarters.domain.land_requisition.state import RequisitionState, evolve
from park_headquarters.domain.land_requisition.values import *

# the public names of the modules, and the decider
__all__ = ["decide", "decider"]
__all__ += commands.__all__
__all__ += events.__all__
__all__ += state.__all__
__all__ += values.__all__

decider: Decider[RequisitionCommand, RequisitionState, RequisitionEvent] = Decider(
    initial_state=RequisitionState(), decide=decide, evolve=evolve
)
