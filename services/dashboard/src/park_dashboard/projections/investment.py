"""Investment (招商): each lead's furthest stage by platform and park, duplicates refused,
rewards granted and paid, the opportunities published on the online platform."""

from __future__ import annotations

from typing import Protocol

from park_shared.projections.port import Doc
from park_shared.projections.runner import ProjectionView

from park_dashboard.domain.observed import EventObserved
from park_dashboard.domain.readings import investment as inv
from park_dashboard.projections.base import Handler, ObservedProjection, money

__all__ = ["DUPLICATES", "LEADS", "OPPORTUNITIES", "REWARDS", "STAGES", "InvestmentProjection"]

LEADS = "inv_leads"
DUPLICATES = "inv_duplicates"
REWARDS = "inv_rewards"
OPPORTUNITIES = "inv_opportunities"
STAGES: tuple[str, ...] = ("new", "contacted", "negotiating", "signed", "registered", "landed")
"""The funnel, in order: registered (new) → contacted → negotiating → signed → registered for
service (a case opened) → landed (commissioned)."""


class _LeadEvent(Protocol):
    @property
    def lead_id(self) -> str: ...


class InvestmentProjection(ObservedProjection):
    name: str = "dashboard-investment"
    collections: tuple[str, ...] = (LEADS, DUPLICATES, REWARDS, OPPORTUNITIES)

    def __init__(self) -> None:
        super().__init__(
            {
                inv.LeadRegistered: self._registered,
                inv.LeadContacted: self._stage("contacted"),
                inv.LeadNegotiating: self._stage("negotiating"),
                inv.LeadSigned: self._signed,
                inv.LeadRegisteredForService: self._stage("registered"),
                inv.LeadLanded: self._stage("landed"),
                inv.LeadLost: self._lost,
                inv.DuplicateLeadRefused: self._duplicate,
                inv.RewardGranted: self._granted,
                inv.RewardPaid: self._paid,
                inv.OpportunityPublished: self._published,
                inv.OpportunityWithdrawn: self._withdrawn,
            }
        )

    @staticmethod
    async def _lead(view: ProjectionView, lead_id: str) -> Doc:
        empty = {"lead_id": lead_id, "platform": None, "park_id": None, "reached": 0, "lost": False}
        return await view.get(LEADS, lead_id) or empty

    async def _registered(self, e: inv.LeadRegistered, _: EventObserved, view: ProjectionView) -> None:
        lead = await self._lead(view, e.lead_id)
        view.put(LEADS, e.lead_id, {**lead, "platform": e.platform, "park_id": e.park_id})

    def _stage(self, stage: str) -> Handler:
        index = STAGES.index(stage)

        async def reached(e: _LeadEvent, _: EventObserved, view: ProjectionView) -> None:
            lead = await self._lead(view, e.lead_id)
            view.put(LEADS, e.lead_id, {**lead, "reached": max(int(lead["reached"]), index)})

        return reached

    async def _signed(self, e: inv.LeadSigned, o: EventObserved, view: ProjectionView) -> None:
        lead = await self._lead(view, e.lead_id)
        reached = max(int(lead["reached"]), STAGES.index("signed"))
        signed = {"platform": e.platform, "park_id": e.park_id, "signed_amount": money(e.signed_amount)}
        view.put(LEADS, e.lead_id, {**lead, **signed, "reached": reached})

    async def _lost(self, e: inv.LeadLost, _: EventObserved, view: ProjectionView) -> None:
        lead = await self._lead(view, e.lead_id)
        view.put(LEADS, e.lead_id, {**lead, "lost": True})

    async def _duplicate(self, e: inv.DuplicateLeadRefused, o: EventObserved, view: ProjectionView) -> None:
        doc = {"platform": e.platform, "park_id": e.park_id, "existing_lead_id": e.existing_lead_id}
        view.put(DUPLICATES, o.id, doc)

    async def _granted(self, e: inv.RewardGranted, _: EventObserved, view: ProjectionView) -> None:
        reward = await view.get(REWARDS, e.reward_id) or {"paid": False}
        view.put(REWARDS, e.reward_id, {**reward, "lead_id": e.lead_id, "amount": money(e.amount)})

    async def _paid(self, e: inv.RewardPaid, _: EventObserved, view: ProjectionView) -> None:
        reward = await view.get(REWARDS, e.reward_id) or {"amount": money(e.amount)}
        view.put(REWARDS, e.reward_id, {**reward, "paid": True})

    async def _published(self, e: inv.OpportunityPublished, _: EventObserved, view: ProjectionView) -> None:
        view.put(OPPORTUNITIES, e.listing_id, e.model_dump(mode="json"))

    async def _withdrawn(self, e: inv.OpportunityWithdrawn, _: EventObserved, view: ProjectionView) -> None:
        view.delete(OPPORTUNITIES, e.listing_id)
