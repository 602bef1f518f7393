"""The local record of HQ policies, the choice of what is in force, and support tickets."""

from datetime import date

import pytest
from park_service_center.domain.policy import (
    PolicyVersion,
    RecordPolicyPublished,
    RecordPolicyRevoked,
    RecordPolicySuperseded,
    in_force,
    latest_in_force,
    policy_decider,
)
from park_service_center.domain.ticket import AssignTicket, CloseTicket, OpenTicket, ticket_decider
from park_shared.errors import Conflict, Invalid

CATALOGUE = {"steps": [{"code": "a", "name": "A", "working_days": 3, "green_channel_working_days": 1}]}


def published(version: int, effective_from: date, kind: str = "procedure_catalogue") -> RecordPolicyPublished:
    return RecordPolicyPublished(
        policy_id="cat",
        version=version,
        kind=kind,
        title=f"v{version}",
        effective_from=effective_from,
        terms=CATALOGUE,
    )


def versions(*commands: object) -> list[PolicyVersion]:
    events: list[object] = []
    for command in commands:
        events += policy_decider.given(events, command)  # type: ignore[arg-type]
    return list(policy_decider.fold(events).versions.values())  # type: ignore[arg-type]


def test_recording_is_idempotent_and_checks_the_terms() -> None:
    first = policy_decider.given([], published(1, date(2026, 1, 1)))
    assert len(first) == 1 and policy_decider.given(first, published(1, date(2026, 1, 1))) == []
    with pytest.raises(Invalid) as bad:
        policy_decider.given(
            [],
            RecordPolicyPublished(
                policy_id="f",
                version=1,
                kind="fee_schedule",
                effective_from=date(2026, 1, 1),
                terms={"items": [{"code": "x"}]},
            ),
        )
    assert bad.value.field == "terms"


def test_the_latest_effective_version_is_in_force_and_a_future_one_not_yet() -> None:
    known = versions(published(1, date(2026, 1, 1)), published(2, date(2026, 5, 1)))
    assert [v.version for v in in_force(known, date(2026, 4, 30), "procedure_catalogue")] == [1]
    assert [v.version for v in in_force(known, date(2026, 5, 1), "procedure_catalogue")] == [2]
    assert in_force(known, date(2025, 12, 31), "procedure_catalogue") == []
    assert in_force(known, date(2026, 5, 1), "fee_schedule") == []


def test_a_revoked_version_is_out_of_force_and_a_superseded_one_after_its_end() -> None:
    known = versions(
        published(1, date(2026, 1, 1)),
        published(2, date(2026, 5, 1)),
        RecordPolicySuperseded(
            policy_id="cat", version=1, superseded_by=2, effective_until=date(2026, 4, 30)
        ),
        RecordPolicyRevoked(policy_id="cat", version=2, revoked_on=date(2026, 6, 1), reason="annulled"),
    )
    assert [v.version for v in in_force(known, date(2026, 5, 31), "procedure_catalogue")] == [2]
    assert in_force(known, date(2026, 6, 1), "procedure_catalogue") == []


def test_of_several_catalogues_the_most_recently_effective_wins() -> None:
    a = PolicyVersion(policy_id="a", version=1, kind="fee_schedule", effective_from=date(2026, 1, 1))
    b = PolicyVersion(policy_id="b", version=1, kind="fee_schedule", effective_from=date(2026, 2, 1))
    pick = latest_in_force([a, b], date(2026, 3, 1), "fee_schedule")
    assert pick is not None and pick.policy_id == "b"


def test_a_ticket_is_opened_assigned_then_done() -> None:
    day = date(2026, 4, 2)
    opened = ticket_decider.given(
        [], OpenTicket(ticket_id="t", kind="blueprint", description="5 A1 copies", case_id=None, on=day)
    )
    with pytest.raises(Conflict, match="must be assigned"):
        ticket_decider.given(opened, CloseTicket(note="", on=day))
    assigned = ticket_decider.given(opened, AssignTicket(assignee="print room", on=day))
    done = ticket_decider.given([*opened, *assigned], CloseTicket(note="delivered", on=day))
    state = ticket_decider.fold([*opened, *assigned, *done])
    assert (state.status, state.assignee, state.note) == ("done", "print room", "delivered")
    with pytest.raises(Conflict, match="done already"):
        ticket_decider.given([*opened, *assigned, *done], AssignTicket(assignee="x", on=day))
