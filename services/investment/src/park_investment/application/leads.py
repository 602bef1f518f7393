"""Lead use cases: register (duplicates refused, same names flagged), the funnel by hand,
resolve a possible duplicate, pay a reward."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from park_shared.errors import Conflict, Invalid
from park_shared.handler import CommandContext
from pydantic import BaseModel, ConfigDict

from park_investment.application.service import Investment
from park_investment.domain.company_name import normalise_company_name
from park_investment.domain.lead import lead_stream, reward_stream_lead
from park_investment.domain.lead_commands import LeadCommand, PayReward, RegisterLead
from park_investment.domain.lead_events import DuplicateLeadRefused, Platform
from park_investment.domain.lead_state import Lead
from park_investment.domain.referrer import kinds_for
from park_investment.projections.referrers import REFERRERS

__all__ = ["NewLead", "act_on_lead", "pay_reward", "register_lead"]


class NewLead(BaseModel):
    model_config = ConfigDict(frozen=True)

    company_name: str
    credit_code: str
    industry: str
    planned_investment: Decimal
    park_id: str
    platform: Platform
    referrer_id: str | None = None


async def register_lead(inv: Investment, new: NewLead, context: CommandContext) -> Lead:
    """Registers the lead, or raises 409 naming the lead that holds the credit code."""
    await _check_referrer(inv, new)
    lead_id = lead_stream(new.credit_code)
    normalised = normalise_company_name(new.company_name)
    command = RegisterLead(
        lead_id=lead_id,
        normalised_name=normalised,
        registered_on=inv.today(),
        known_parks=tuple(inv.settings.park_parks),
        same_name_leads=await _same_name_leads(inv, normalised, lead_id),
        **new.model_dump(),
    )
    outcome = await inv.leads.handle(lead_id, command, expect="any", context=context)
    if any(isinstance(e, DuplicateLeadRefused) for e in outcome.events):
        existing = outcome.state
        raise Conflict(
            f"credit code {existing.credit_code} is already lead {existing.lead_id}"
            f" ({existing.platform} platform, park {existing.park_id}); the first referrer keeps it",
            existing_lead_id=existing.lead_id,
            existing_park_id=existing.park_id,
            existing_platform=existing.platform,
        )
    return outcome.state


async def _check_referrer(inv: Investment, new: NewLead) -> None:
    if new.referrer_id is None:
        return
    referrer = await inv.doc(REFERRERS, new.referrer_id)
    if referrer is None:
        raise Invalid(f"there is no referrer {new.referrer_id}", field="referrer_id")
    if referrer["erased"]:
        raise Conflict(f"the personal data of referrer {new.referrer_id} was erased; it refers no new leads")
    if referrer["kind"] not in kinds_for(new.platform):
        raise Invalid(
            f"a {new.platform} lead's referrer is one of: {', '.join(kinds_for(new.platform))}",
            field="referrer_id",
        )


async def _same_name_leads(inv: Investment, normalised: str, lead_id: str) -> tuple[str, ...]:
    read_models = await inv.read_models()
    docs = await read_models.find("leads", {"normalised_name": normalised})
    return tuple(d["lead_id"] for d in docs if d["lead_id"] != lead_id and d["duplicate_status"] != "merged")


async def act_on_lead(inv: Investment, lead_id: str, command: LeadCommand, context: CommandContext) -> Lead:
    outcome = await inv.leads.handle(lead_id, command, expect="existing", context=context)
    return outcome.state


async def pay_reward(
    inv: Investment, reward_id: str, amount: Decimal, paid_on: date, context: CommandContext
) -> Lead:
    command = PayReward(reward_id=reward_id, amount=amount, paid_on=paid_on)
    return await act_on_lead(inv, reward_stream_lead(reward_id), command, context)
