"""The one rule for versions recorded from another service: each step once, early steps as told."""

from __future__ import annotations

from datetime import date

import pytest
from park_shared.command import Command
from park_shared.errors import Invalid
from park_shared.events import Event
from park_shared.recorded_versions import RecordedVersion, RecordedVersions


class Publish(Command):
    policy_id: str
    version: int
    effective_from: date
    title: str


class Supersede(Command):
    policy_id: str
    version: int
    effective_until: date


class Revoke(Command):
    policy_id: str
    version: int
    revoked_on: date


class Published(Event):
    policy_id: str
    version: int
    effective_from: date
    title: str


class Superseded(Event):
    policy_id: str
    version: int
    effective_until: date


class Revoked(Event):
    policy_id: str
    version: int
    revoked_on: date


class Titled(RecordedVersion):
    title: str = ""


def _refuse_blank(command: Publish) -> None:
    if not command.title:
        raise Invalid("a title is needed", field="title")


def record(
    *, early: bool
) -> RecordedVersions[Titled, Publish, Published, Supersede, Superseded, Revoke, Revoked]:
    return RecordedVersions(
        Titled, Publish, Published, Supersede, Superseded, Revoke, Revoked, early=early, check=_refuse_blank
    )


JAN, FEB, MAR = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)
PUBLISH = Publish(policy_id="p", version=1, effective_from=JAN, title="fees")
PUBLISHED = Published(policy_id="p", version=1, effective_from=JAN, title="fees")
SUPERSEDED = Superseded(policy_id="p", version=1, effective_until=FEB)
REVOKED = Revoked(policy_id="p", version=1, revoked_on=MAR)


@pytest.mark.parametrize("early", [True, False])
def test_each_step_is_recorded_once(early: bool) -> None:
    decider = record(early=early).decider()
    assert decider.given([], PUBLISH) == [PUBLISHED]
    assert decider.given([PUBLISHED], PUBLISH) == []
    supersede = Supersede(policy_id="p", version=1, effective_until=FEB)
    assert decider.given([PUBLISHED], supersede) == [SUPERSEDED]
    assert decider.given([PUBLISHED, SUPERSEDED], supersede) == []
    revoke = Revoke(policy_id="p", version=1, revoked_on=MAR)
    assert decider.given([PUBLISHED], revoke) == [REVOKED]
    assert decider.given([PUBLISHED, REVOKED], revoke) == []


def test_early_steps_are_recorded_only_when_told() -> None:
    supersede = Supersede(policy_id="p", version=1, effective_until=FEB)
    assert record(early=True).decider().given([], supersede) == [SUPERSEDED]
    assert record(early=False).decider().given([], supersede) == []


def test_the_version_folds_its_steps_and_is_in_force_by_the_validity_rule() -> None:
    rule = record(early=True)
    early = rule.decider().fold([SUPERSEDED, PUBLISHED]).versions[1]
    assert early == Titled(policy_id="p", version=1, effective_from=JAN, title="fees", effective_until=FEB)
    assert early.in_force_on(JAN) and not early.in_force_on(FEB)
    revoked = rule.apply(Titled(), REVOKED)
    assert (revoked.policy_id, revoked.version, revoked.revoked_on, revoked.effective_from) == (
        "p",
        1,
        MAR,
        None,
    )


def test_a_publication_the_check_refuses_is_not_recorded() -> None:
    with pytest.raises(Invalid):
        record(early=False).decider().given([], PUBLISH.model_copy(update={"title": ""}))
