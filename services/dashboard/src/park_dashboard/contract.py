"""The dashboard's event contract: it publishes nothing (no topic of its own); it keeps its
observations of what it read in its own store, and reads the four services' events with its
own models (domain/readings). The bootstrap builds the registry from it; so does the gate."""

from __future__ import annotations

from park_shared.contract import Contract

from park_dashboard.domain.observed import EventObserved, MessageRejected
from park_dashboard.domain.readings import READS
from park_dashboard.events import SERVICE

__all__ = ["contract"]


def contract() -> Contract:
    return Contract(SERVICE, publishes=(), keeps=(EventObserved, MessageRejected), reads=READS)
