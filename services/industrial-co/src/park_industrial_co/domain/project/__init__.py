"""The infrastructure project (基础设施工程) aggregate: planned → tendering → awarded → completed."""

from __future__ import annotations

from park_shared.decider import Decider

from park_industrial_co.domain.project import commands, events, state
from park_industrial_co.domain.project.commands import *
from park_industrial_co.domain.project.commands import ProjectCommand
from park_industrial_co.domain.project.decide import decide
from park_industrial_co.domain.project.events import *
from park_industrial_co.domain.project.events import ProjectEvent
from park_industrial_co.domain.project.state import *
from park_industrial_co.domain.project.state import ProjectState, evolve, initial_state

# the public names of the modules, and the decider
__all__ = ["decider"]
__all__ += commands.__all__
__all__ += events.__all__
__all__ += state.__all__

decider: Decider[ProjectCommand, ProjectState, ProjectEvent] = Decider(initial_state, decide, evolve)
