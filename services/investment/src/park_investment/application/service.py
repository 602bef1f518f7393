"""The investment application: the command handlers over the store, the personal-data vault,
the inquiry rate limit. Built in bootstrap; the API and the reactions use it."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from park_shared.decider import Decider
from park_shared.handler import CommandHandler
from park_shared.personal_data import PersonalDataVault
from park_shared.projections.port import Doc, ReadModelStore
from park_shared.runtime import Runtime
from pydantic import BaseModel

from park_investment.application.rate_limit import TokenBucket
from park_investment.domain.lead import Lead, lead_decider
from park_investment.domain.lead_commands import LeadCommand
from park_investment.domain.lead_events import LeadEvent
from park_investment.domain.opportunity import Command as OpportunityCommand
from park_investment.domain.opportunity import Opportunity, OpportunityEvent, opportunity_decider
from park_investment.domain.parcel_listing import Command as ParcelCommand
from park_investment.domain.parcel_listing import ListingEvent, ParcelListing, parcel_listing_decider
from park_investment.domain.referrer import Command as ReferrerCommand
from park_investment.domain.referrer import Referrer, ReferrerEvent, referrer_decider
from park_investment.domain.reward import PolicyVersion, in_force_on
from park_investment.domain.reward_policy import Command as PolicyCommand
from park_investment.domain.reward_policy import PolicyEvent, RewardPolicy, reward_policy_decider
from park_investment.settings import InvestmentSettings

__all__ = ["Investment"]

C = TypeVar("C")
S = TypeVar("S")
E = TypeVar("E", bound=BaseModel)


class Investment:
    def __init__(self, runtime: Runtime, settings: InvestmentSettings) -> None:
        self.runtime = runtime
        self.settings = settings
        self.inquiry_limit = TokenBucket(settings.inquiry_burst, settings.inquiry_refill_seconds)

    def today(self) -> date:
        return self.runtime.today()

    def _handler(self, decider: Decider[C, S, E]) -> CommandHandler[C, S, E]:
        return CommandHandler(self.runtime.store, self.runtime.registry, decider)

    @property
    def leads(self) -> CommandHandler[LeadCommand, Lead, LeadEvent]:
        return self._handler(lead_decider)

    @property
    def policies(self) -> CommandHandler[PolicyCommand, RewardPolicy, PolicyEvent]:
        return self._handler(reward_policy_decider)

    @property
    def parcels(self) -> CommandHandler[ParcelCommand, ParcelListing, ListingEvent]:
        return self._handler(parcel_listing_decider)

    @property
    def opportunities(self) -> CommandHandler[OpportunityCommand, Opportunity, OpportunityEvent]:
        return self._handler(opportunity_decider)

    @property
    def referrers(self) -> CommandHandler[ReferrerCommand, Referrer, ReferrerEvent]:
        return self._handler(referrer_decider)

    @property
    def vault(self) -> PersonalDataVault:
        """Seals and opens referrers' personal data; keys in the service's own database."""
        return PersonalDataVault(self.runtime.read_models, self.settings)

    async def read_models(self) -> ReadModelStore:
        """The read models, caught up with every stored event (read-your-writes)."""
        if self.runtime.projection_runner is not None:
            await self.runtime.projection_runner.catch_up()
        return self.runtime.read_models

    async def doc(self, collection: str, key: str) -> Doc | None:
        return await (await self.read_models()).get(collection, key)

    async def reward_policy_on(self, day: date) -> PolicyVersion | None:
        """The reward policy version in force on `day`, from the recorded HQ versions."""
        docs = await (await self.read_models()).find("reward_policy_versions")
        return in_force_on((PolicyVersion.model_validate(d) for d in docs), day)
