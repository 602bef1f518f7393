"""The investment service's one application context, built once by bootstrap: its six
aggregates bound to their deciders and streams, the personal-data vault, the inquiry rate
limit, and the queries more than one use case asks. The API and the reactions take it."""

from __future__ import annotations

from datetime import date

from park_shared.application import Application
from park_shared.personal_data import PersonalDataVault
from park_shared.projections.port import Doc
from park_shared.runtime import Runtime

from park_investment.application.rate_limit import TokenBucket
from park_investment.domain.lead import lead_decider
from park_investment.domain.lead_commands import RegisterLead
from park_investment.domain.opportunity import PublishOpportunity, opportunity_decider
from park_investment.domain.parcel_listing import (
    RecordParcelAllocated,
    RecordParcelReleased,
    RecordParcelServiced,
    parcel_listing_decider,
)
from park_investment.domain.project_proposal import SubmitProposal
from park_investment.domain.project_proposal import decider as proposal_decider
from park_investment.domain.referrer import EnrolReferrer, referrer_decider
from park_investment.domain.reward import PolicyVersion, in_force_on
from park_investment.domain.reward_policy import (
    RecordPolicyPublished,
    RecordPolicyRevoked,
    RecordPolicySuperseded,
    reward_policy_decider,
)
from park_investment.projections.referrers import REFERRERS
from park_investment.projections.reward_policies import COLLECTION as REWARD_POLICY_VERSIONS
from park_investment.settings import InvestmentSettings

__all__ = ["PERSONAL_FIELDS", "Investment"]

PERSONAL_FIELDS = ("name", "phone", "relation", "organisation")
"""A referrer's personal data: sealed in its events, opened only for a response."""


class Investment(Application):
    def __init__(self, runtime: Runtime, settings: InvestmentSettings) -> None:
        super().__init__(runtime)
        self.settings = settings
        self.leads = self.aggregate(lead_decider, mostly_new=(RegisterLead,))
        """A second registration of a credit code is recorded against the lead that has it."""
        self.reward_policies = self.aggregate(
            reward_policy_decider,
            stream="reward-policy",
            upserts=(RecordPolicyPublished, RecordPolicySuperseded, RecordPolicyRevoked),
        )
        self.parcel_listings = self.aggregate(
            parcel_listing_decider,
            stream="parcel",
            upserts=(RecordParcelServiced, RecordParcelAllocated, RecordParcelReleased),
        )
        self.opportunities = self.aggregate(opportunity_decider, creates=(PublishOpportunity,))
        self.referrers = self.aggregate(referrer_decider, creates=(EnrolReferrer,))
        self.proposals = self.aggregate(
            proposal_decider, creates=(SubmitProposal,), missing=("project proposal", "proposal_id")
        )
        """Related-project proposals of landed enterprises: `proposal-<hex>`, its own stream."""
        self.inquiry_limit = TokenBucket(settings.inquiry_burst, settings.inquiry_refill_seconds)

    @property
    def vault(self) -> PersonalDataVault:
        """Seals and opens referrers' personal data; keys in the service's own database (which
        connects when the runtime starts, after this context is built)."""
        return PersonalDataVault(self.runtime.read_models, self.settings)

    @property
    def parks(self) -> tuple[str, ...]:
        return tuple(self.settings.park_parks)

    async def reward_policy_on(self, on: date) -> PolicyVersion | None:
        """The reward policy version in force on `on`, from the recorded HQ versions."""
        docs = await (await self.read_models()).find(REWARD_POLICY_VERSIONS)
        return in_force_on((PolicyVersion.model_validate(d) for d in docs), on)

    async def referrer(self, referrer_id: str) -> Doc | None:
        """The referrer's read model with its personal data opened (None fields once erased)."""
        doc = await self.doc(REFERRERS, referrer_id)
        return None if doc is None else await self.opened(doc)

    async def opened(self, referrer: Doc) -> Doc:
        return await self.vault.opened(referrer, PERSONAL_FIELDS)
