"""Given/when/then for the lead: registration, duplicates, the funnel, landing, rewards."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from park_investment.domain.lead import lead_decider
from park_investment.domain.lead_commands import (
    AdvanceLead,
    LandLead,
    LoseLead,
    PayReward,
    RegisterForService,
    RegisterLead,
    ResolvePossibleDuplicate,
    SignLead,
    lead_id_for,
)
from park_investment.domain.lead_events import (
    DuplicateLeadRefused,
    LeadContacted,
    LeadEvent,
    LeadLanded,
    LeadLost,
    LeadNegotiating,
    LeadRegistered,
    LeadRegisteredForService,
    LeadSigned,
    PossibleDuplicateFlagged,
    PossibleDuplicateResolved,
    RewardGranted,
    RewardPaid,
)
from park_investment.domain.reward import PolicyVersion, RewardTerms
from park_shared.errors import Conflict, Invalid, NotFound
from park_shared.identifiers import check_character

CODE = "9111000000000000" + "1" + check_character("91110000000000001")
LEAD = lead_id_for(CODE)
DAY = date(2025, 3, 1)
PARKS = ("north", "south")


def register(**overrides: Any) -> RegisterLead:
    fields: dict[str, Any] = {
        "company_name": "华光精密制造有限公司",
        "credit_code": CODE,
        "industry": "precision machinery",
        "planned_investment": Decimal("50000000.00"),
        "park_id": "north",
        "platform": "merchant",
        "referrer_id": "ref-1",
        "registered_on": DAY,
        "known_parks": PARKS,
    }
    return RegisterLead(**{**fields, **overrides})


def registered(**overrides: Any) -> list[LeadEvent]:
    return list(lead_decider.given([], register(**overrides)))


def negotiating(**overrides: Any) -> list[LeadEvent]:
    return [
        *registered(**overrides),
        LeadContacted(lead_id=LEAD, contacted_on=DAY),
        LeadNegotiating(lead_id=LEAD, negotiating_since=DAY),
    ]


def sign(amount: str = "80000000.00", **overrides: Any) -> SignLead:
    fields: dict[str, Any] = {
        "signed_amount": Decimal(amount),
        "signed_on": date(2025, 4, 1),
        "preferred_parcel_id": "north-A01",
        "green_channel_requested": False,
        "green_channel_threshold": Decimal("100000000.00"),
        "today": date(2025, 4, 2),
    }
    return SignLead(**{**fields, **overrides})


def signed(**overrides: Any) -> list[LeadEvent]:
    history = negotiating(**overrides)
    return history + list(lead_decider.given(history, sign()))


V1 = PolicyVersion(
    policy_id="reward",
    version=1,
    effective_from=date(2024, 1, 1),
    terms=RewardTerms(
        rate_percent=Decimal("0.5"), fixed_amount=Decimal("10000.00"), cap=Decimal("500000.00")
    ),
)


def land(policy: PolicyVersion | None = V1) -> LandLead:
    return LandLead(
        case_id="case-1",
        landed_on=date(2025, 9, 1),
        policy=policy,
        reward_id=f"reward-{LEAD}",
        granted_on=DAY,
    )


# -- registration ------------------------------------------------------------------------
def test_a_new_code_registers_a_lead() -> None:
    [event] = registered()
    assert isinstance(event, LeadRegistered)
    assert (event.lead_id, event.platform, event.referrer_id, event.park_id) == (
        LEAD,
        "merchant",
        "ref-1",
        "north",
    )


def test_a_second_registration_of_the_code_is_refused_and_the_first_referrer_keeps_it() -> None:
    history = registered()
    again = register(platform="all_staff", referrer_id="ref-2", park_id="south")
    [refusal] = lead_decider.given(history, again)
    assert refusal == DuplicateLeadRefused(
        existing_lead_id=LEAD, platform="all_staff", park_id="south", refused_on=DAY
    )
    state = lead_decider.fold([*history, refusal])
    assert (state.referrer_id, state.platform, state.park_id, state.status) == (
        "ref-1",
        "merchant",
        "north",
        "new",
    )
    assert state.refused_duplicates == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"credit_code": CODE[:-1] + ("0" if CODE[-1] != "0" else "1")}, "credit_code"),
        ({"credit_code": CODE[:17]}, "credit_code"),
        ({"park_id": "east"}, "park_id"),
        ({"platform": "merchant", "referrer_id": None}, "referrer_id"),
        ({"platform": "all_staff", "referrer_id": None}, "referrer_id"),
        ({"planned_investment": Decimal("-1.00")}, "planned_investment"),
        ({"company_name": "有限公司"}, "company_name"),
    ],
)
def test_bad_registrations_are_invalid_naming_the_field(overrides: dict[str, Any], field: str) -> None:
    with pytest.raises(Invalid) as refused:
        lead_decider.given([], register(**overrides))
    assert refused.value.field == field


def test_an_online_lead_needs_no_referrer() -> None:
    [event] = registered(platform="online", referrer_id=None)
    assert isinstance(event, LeadRegistered) and event.referrer_id is None


def test_a_name_that_normalises_like_other_leads_is_flagged() -> None:
    events = lead_decider.given([], register(same_name_leads=("lead-B", LEAD, "lead-A")))
    assert isinstance(events[0], LeadRegistered)
    assert events[1] == PossibleDuplicateFlagged(
        lead_id=LEAD, normalised_name="华光精密制造", of_lead_ids=("lead-A", "lead-B")
    )


def test_merging_a_flagged_lead_loses_it_into_the_earlier_one() -> None:
    history = lead_decider.given([], register(same_name_leads=("lead-A",)))
    events = lead_decider.given(
        history, ResolvePossibleDuplicate(resolution="merge", into_lead_id=None, on=DAY)
    )
    assert isinstance(events[0], PossibleDuplicateResolved) and events[0].into_lead_id == "lead-A"
    assert isinstance(events[1], LeadLost) and events[1].stage == "new"
    state = lead_decider.fold([*history, *events])
    assert (state.status, state.duplicate_status) == ("lost", "merged")


def test_confirming_distinct_closes_the_flag_once() -> None:
    history = list(lead_decider.given([], register(same_name_leads=("lead-A", "lead-B"))))
    distinct = ResolvePossibleDuplicate(resolution="distinct", into_lead_id=None, on=DAY)
    [event] = lead_decider.given(history, distinct)
    assert isinstance(event, PossibleDuplicateResolved) and event.resolution == "distinct"
    with pytest.raises(Conflict, match="no open possible-duplicate"):
        lead_decider.given([*history, event], distinct)


def test_merging_among_several_needs_a_flagged_target() -> None:
    history = lead_decider.given([], register(same_name_leads=("lead-A", "lead-B")))
    with pytest.raises(Invalid) as refused:
        lead_decider.given(
            history, ResolvePossibleDuplicate(resolution="merge", into_lead_id="lead-X", on=DAY)
        )
    assert refused.value.field == "into_lead_id"


# -- the funnel --------------------------------------------------------------------------
def test_the_funnel_goes_one_stage_at_a_time() -> None:
    history = registered()
    with pytest.raises(Conflict, match="from contacted"):
        lead_decider.given(history, AdvanceLead(to="negotiating", on=DAY))
    [contacted] = lead_decider.given(history, AdvanceLead(to="contacted", on=DAY))
    assert isinstance(contacted, LeadContacted)
    with pytest.raises(Conflict, match="negotiation"):
        lead_decider.given([*history, contacted], sign())


@pytest.mark.parametrize("stage", ["registered", "landed"])
def test_registered_and_landed_cannot_be_set_by_hand(stage: str) -> None:
    with pytest.raises(Conflict, match="service-center"):
        lead_decider.given(signed(), AdvanceLead(to=stage, on=DAY))  # type: ignore[arg-type]


def test_signing_emits_the_contract_event_with_green_channel() -> None:
    [event] = lead_decider.given(negotiating(), sign("80000000.00"))
    assert isinstance(event, LeadSigned)
    assert event.green_channel is False
    assert (event.signed_amount, event.signed_on, event.preferred_parcel_id) == (
        Decimal("80000000.00"),
        date(2025, 4, 1),
        "north-A01",
    )
    assert (event.referrer_id, event.platform, event.credit_code) == ("ref-1", "merchant", CODE)
    [big] = lead_decider.given(negotiating(), sign("100000000.00"))
    [asked] = lead_decider.given(negotiating(), sign("1.00", green_channel_requested=True))
    assert isinstance(big, LeadSigned) and big.green_channel
    assert isinstance(asked, LeadSigned) and asked.green_channel


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"signed_amount": Decimal("0.00")}, "signed_amount"),
        ({"signed_on": date(2025, 5, 1)}, "signed_on"),
        ({"signed_on": date(2025, 2, 1)}, "signed_on"),
        ({"preferred_parcel_id": "south-B02"}, "preferred_parcel_id"),
    ],
)
def test_bad_agreements_are_invalid(overrides: dict[str, Any], field: str) -> None:
    with pytest.raises(Invalid) as refused:
        lead_decider.given(negotiating(), sign(**overrides))
    assert refused.value.field == field


def test_a_lost_lead_cannot_be_signed_or_lost_again() -> None:
    history = [*negotiating(), LeadLost(lead_id=LEAD, reason="went to another zone", stage="negotiating")]
    with pytest.raises(Conflict, match="lost"):
        lead_decider.given(history, sign())
    with pytest.raises(Conflict, match="lost"):
        lead_decider.given(history, LoseLead(reason="again", on=DAY))


def test_lost_from_any_stage_before_landed() -> None:
    [lost] = lead_decider.given(signed(), LoseLead(reason=" chose another province ", on=DAY))
    assert lost == LeadLost(lead_id=LEAD, reason="chose another province", stage="signed")


def test_unknown_lead_is_not_found() -> None:
    with pytest.raises(NotFound):
        lead_decider.given([], AdvanceLead(to="contacted", on=DAY))


# -- service-center's events -------------------------------------------------------------
def test_case_opened_registers_a_signed_lead_once() -> None:
    history = signed()
    [event] = lead_decider.given(history, RegisterForService(case_id="case-1"))
    assert event == LeadRegisteredForService(lead_id=LEAD, case_id="case-1")
    assert lead_decider.given([*history, event], RegisterForService(case_id="case-1")) == []


def test_landing_grants_the_reward_once_by_the_given_policy() -> None:
    history = [*signed(), LeadRegisteredForService(lead_id=LEAD, case_id="case-1")]
    landed, reward = lead_decider.given(history, land())
    assert landed == LeadLanded(lead_id=LEAD, case_id="case-1", landed_on=date(2025, 9, 1))
    assert isinstance(reward, RewardGranted)
    # 0.5 % of 80 000 000 + 10 000 = 410 000 (under the 500 000 cap)
    assert (reward.amount, reward.policy_version, reward.referrer_id) == (Decimal("410000.00"), 1, "ref-1")
    assert lead_decider.given([*history, landed, reward], land()) == []


def test_an_online_lead_without_referrer_earns_nothing() -> None:
    history = [
        *signed(platform="online", referrer_id=None),
        LeadRegisteredForService(lead_id=LEAD, case_id="c"),
    ]
    assert [type(e) for e in lead_decider.given(history, land())] == [LeadLanded]


def test_no_policy_in_force_no_reward() -> None:
    history = [*signed(), LeadRegisteredForService(lead_id=LEAD, case_id="case-1")]
    assert [type(e) for e in lead_decider.given(history, land(policy=None))] == [LeadLanded]


def test_an_unsigned_lead_cannot_land() -> None:
    with pytest.raises(Conflict, match="cannot land"):
        lead_decider.given(negotiating(), land())


def test_payouts_up_to_the_reward() -> None:
    history = [*signed(), *lead_decider.given(signed(), land())]
    reward_id = f"reward-{LEAD}"
    [paid] = lead_decider.given(
        history, PayReward(reward_id=reward_id, amount=Decimal("400000.00"), paid_on=DAY)
    )
    assert paid == RewardPaid(reward_id=reward_id, amount=Decimal("400000.00"), paid_on=DAY)
    with pytest.raises(Conflict, match="outstanding"):
        lead_decider.given(
            [*history, paid], PayReward(reward_id=reward_id, amount=Decimal("10000.01"), paid_on=DAY)
        )
    with pytest.raises(NotFound):
        lead_decider.given(history, PayReward(reward_id="reward-x", amount=Decimal("1.00"), paid_on=DAY))
