"""The lead registry read model: one document per lead, for officers, duplicate lookups by
normalised name, and the funnel report. No personal data: referrers by id only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from park_shared.events import RecordedEvent
from park_shared.projections.port import Doc
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_investment.domain.company_name import normalise_company_name
from park_investment.domain.lead_events import (
    DuplicateLeadRefused,
    LeadContacted,
    LeadLanded,
    LeadLost,
    LeadNegotiating,
    LeadRegistered,
    LeadRegisteredForService,
    LeadSigned,
    PossibleDuplicateFlagged,
    PossibleDuplicateResolved,
    RewardGranted,
)

__all__ = ["COLLECTION", "LeadsProjection"]

COLLECTION = "leads"


def _registered(e: LeadRegistered) -> Doc:
    return {
        **e.model_dump(mode="json"),
        "normalised_name": normalise_company_name(e.company_name),
        "status": "new",
        "reached": ["new"],
        "possible_duplicate_of": [],
        "duplicate_status": "none",
        "merged_into": None,
        "refused_duplicates": 0,
        "reward_id": None,
    }


def _signed(e: LeadSigned) -> Doc:
    keep = {"signed_amount", "signed_on", "preferred_parcel_id", "green_channel"}
    return {"status": "signed", **e.model_dump(mode="json", include=keep)}


def _lost(e: LeadLost) -> Doc:
    return {"status": "lost", "lost_stage": e.stage, "lost_reason": e.reason}


def _resolved(e: PossibleDuplicateResolved) -> Doc:
    return {"duplicate_status": e.resolution, "merged_into": e.into_lead_id}


Updater = Callable[[Any], Doc]

UPDATES: dict[type[BaseModel], Updater] = {
    LeadContacted: lambda e: {"status": "contacted", "contacted_on": str(e.contacted_on)},
    LeadNegotiating: lambda e: {"status": "negotiating", "negotiating_since": str(e.negotiating_since)},
    LeadSigned: _signed,
    LeadRegisteredForService: lambda e: {"status": "registered", "case_id": e.case_id},
    LeadLanded: lambda e: {"status": "landed", "case_id": e.case_id, "landed_on": str(e.landed_on)},
    LeadLost: _lost,
    PossibleDuplicateFlagged: lambda e: {
        "possible_duplicate_of": list(e.of_lead_ids),
        "duplicate_status": "open",
    },
    PossibleDuplicateResolved: _resolved,
    RewardGranted: lambda e: {"reward_id": e.reward_id},
}


class LeadsProjection:
    name: str = "leads"
    collections: tuple[str, ...] = (COLLECTION,)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        if isinstance(event, LeadRegistered):
            view.put(COLLECTION, event.lead_id, _registered(event))
            return
        if isinstance(event, DuplicateLeadRefused):
            await self._count_refusal(event, view)
            return
        update = UPDATES.get(type(event))
        if update is None:
            return
        doc = await view.get(COLLECTION, record.stream_id)
        if doc is not None:
            changes = update(event)
            reached = doc["reached"] + [changes["status"]] if "status" in changes else doc["reached"]
            view.put(COLLECTION, record.stream_id, {**doc, **changes, "reached": _unique(reached)})

    async def _count_refusal(self, event: DuplicateLeadRefused, view: ProjectionView) -> None:
        doc = await view.get(COLLECTION, event.existing_lead_id)
        if doc is not None:
            refused = doc["refused_duplicates"] + 1
            view.put(COLLECTION, event.existing_lead_id, {**doc, "refused_duplicates": refused})


def _unique(stages: list[str]) -> list[str]:
    return [s for s in dict.fromkeys(stages) if s != "lost"]
