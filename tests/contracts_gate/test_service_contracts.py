"""Each service's contract (`park_<svc>.contract.contract()`) registers exactly the event types,
under exactly the names, that its import-time registry held before contracts were values
(registered_types.json, recorded from it): what it publishes, keeps and reads. And the
dashboard sees the others' contracts only through the document it ships: it imports none.
Last, a small contract of its own shows how a contract becomes a registry."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from park_shared.contract import Contract, Reading, events_of
from park_shared.events import Event, ForeignEvent
from parkctl.contracts.catalog import PACKAGES, WHOLE_TOPIC_READERS, load_contract

RECORDED: dict[str, dict[str, str]] = json.loads(
    (Path(__file__).with_name("registered_types.json")).read_text(encoding="utf-8")
)


def _role(service: str, type_: str, public: bool) -> str:
    if type_.split(".")[1] != service:
        return "read"
    return "publishes" if public else "keeps"


@pytest.mark.parametrize(("service", "package"), sorted({**PACKAGES, **WHOLE_TOPIC_READERS}.items()))
def test_the_contract_registers_exactly_the_recorded_types(service: str, package: str) -> None:
    contract = load_contract(package)
    registry = contract.registry()
    roles = {type_: _role(service, type_, registry.is_public(type_)) for type_, _ in registry.types()}
    assert contract.service == service
    assert roles == RECORDED[service]
    assert contract.published_types() == {t for t, role in roles.items() if role == "publishes"}


def test_the_dashboard_imports_no_other_service() -> None:
    program = (
        "import sys, park_dashboard.app, park_dashboard.bootstrap, park_dashboard.contract;"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {sorted(PACKAGES.values())!r}))"
    )
    loaded = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"


class Opened(Event):
    case_id: str


class Noted(Event):
    note: str


class Closed(Event):
    case_id: str


class Seen(ForeignEvent):
    lead_id: str


def test_a_contract_built_from_a_deciders_event_union() -> None:
    stored = events_of(Opened | Noted | Closed, Noted, without=(Closed,))
    assert stored == [Opened, Noted]
    with pytest.raises(TypeError, match="not an event model"):
        events_of(Opened | str)
    contract = Contract("cases", publishes=(Closed,), keeps=stored, reads=(Reading("leads", Seen, "Signed"),))
    registry = contract.registry()
    assert [t for t, _ in registry.types()] == [
        "park.cases.Closed.v1",
        "park.cases.Noted.v1",
        "park.cases.Opened.v1",
        "park.leads.Signed.v1",
    ]
    assert contract.published_types() == {"park.cases.Closed.v1"}
    assert [registry.is_public(t) for t, _ in registry.types()] == [True, False, False, False]
