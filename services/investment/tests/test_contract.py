"""Our published events are exactly the contract of docs/events.md; the rest stay inside."""

from __future__ import annotations

from park_investment.contract import contract

CONTRACT = {
    "LeadRegistered": {
        "lead_id", "company_name", "credit_code", "industry", "planned_investment", "park_id", "platform",
        "referrer_id", "registered_on",
    },
    "DuplicateLeadRefused": {"existing_lead_id", "platform", "park_id", "refused_on"},
    "LeadContacted": {"lead_id", "contacted_on"},
    "LeadNegotiating": {"lead_id", "negotiating_since"},
    "LeadSigned": {
        "lead_id", "company_name", "credit_code", "industry", "park_id", "planned_investment",
        "signed_amount", "signed_on", "preferred_parcel_id", "platform", "referrer_id", "green_channel",
    },
    "LeadRegisteredForService": {"lead_id", "case_id"},
    "LeadLanded": {"lead_id", "case_id", "landed_on"},
    "LeadLost": {"lead_id", "reason", "stage"},
    "RewardGranted": {
        "reward_id", "lead_id", "referrer_id", "amount", "policy_id", "policy_version", "granted_on",
    },
    "RewardPaid": {"reward_id", "amount", "paid_on"},
    "OpportunityPublished": {
        "listing_id", "title", "park_id", "industry", "summary", "parcel_ids", "published_on",
    },
    "OpportunityWithdrawn": {"listing_id", "withdrawn_on"},
    "ProposalSubmitted": {"proposal_id", "proposer_lead_id", "referrer_id", "projects", "submitted_on"},
    "ProjectLeadOpened": {"proposal_id", "proposer_lead_id", "project", "lead_id"},
    "ProjectDuplicated": {"proposal_id", "proposer_lead_id", "project", "existing_lead_id"},
}  # fmt: skip
registry = contract().registry()


def test_the_published_events_are_the_contract_ones_with_their_fields() -> None:
    own = {t: m for t, m in registry.types() if t.startswith("park.investment.")}
    public = {t.split(".")[2]: m for t, m in own.items() if registry.is_public(t)}
    assert set(public) == set(CONTRACT)
    for name, fields in CONTRACT.items():
        assert set(public[name].model_fields) == fields, name
    internal = {t.split(".")[2] for t in own if not registry.is_public(t)}
    assert {"RewardPolicyVersionRecorded", "ParcelListed"} <= internal
    assert {"ReferrerEnrolled", "PersonalDataErased"} <= internal  # sealed personal data stays home
    assert not any("referrer" in f and f != "referrer_id" for m in own.values() for f in m.model_fields)
