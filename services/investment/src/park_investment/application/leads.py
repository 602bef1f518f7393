"""Registering a lead: its referrer checked, leads of the same name found, a credit code that
is taken already refused with 409 naming the lead that holds it."""

from __future__ import annotations

from park_shared.errors import Conflict, Invalid
from park_shared.handler import CommandContext

from park_investment.application.context import Investment
from park_investment.domain.lead_commands import RegisterLead
from park_investment.domain.lead_events import DuplicateLeadRefused
from park_investment.domain.lead_state import Lead
from park_investment.domain.referrer import kinds_for
from park_investment.projections.leads import COLLECTION as LEADS
from park_investment.projections.referrers import REFERRERS

__all__ = ["check_referrer", "register_lead"]


async def register_lead(inv: Investment, command: RegisterLead, context: CommandContext) -> Lead:
    """Registers the lead, or raises 409 naming the lead that holds the credit code."""
    await _check_referrer(inv, command)
    same_name = command.model_copy(update={"same_name_leads": await _same_name_leads(inv, command)})
    outcome = await inv.leads.handle(command.lead_id, same_name, context)
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


async def _check_referrer(inv: Investment, command: RegisterLead) -> None:
    if command.referrer_id is not None:
        await check_referrer(inv, command.platform, command.referrer_id)


async def check_referrer(inv: Investment, platform: str, referrer_id: str) -> None:
    """The referrer exists, keeps its personal data and is of a kind `platform` takes; else 422
    naming referrer_id (409 once its data was erased)."""
    referrer = await inv.doc(REFERRERS, referrer_id)
    if referrer is None:
        raise Invalid(f"there is no referrer {referrer_id}", field="referrer_id")
    if referrer["erased"]:
        raise Conflict(f"the personal data of referrer {referrer_id} was erased; it refers no new leads")
    if referrer["kind"] not in kinds_for(platform):
        raise Invalid(
            f"a {platform} lead's referrer is one of: {', '.join(kinds_for(platform))}", field="referrer_id"
        )


async def _same_name_leads(inv: Investment, command: RegisterLead) -> tuple[str, ...]:
    """The other leads (not merged away) whose names normalise to the command's."""
    docs = await (await inv.read_models()).find(LEADS, {"normalised_name": command.normalised_name})
    return tuple(
        d["lead_id"] for d in docs if d["lead_id"] != command.lead_id and d["duplicate_status"] != "merged"
    )
