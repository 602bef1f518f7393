"""`parkctl audit ID`: investment and the service center run in-process on one embedded data
directory; a lead signed at investment becomes a case at the service center; the trail of the lead
names both services' events, in order, with who did it and in which conversation."""

from __future__ import annotations

import asyncio
import itertools
from pathlib import Path

from park_investment.app import create_app as investment_app
from park_investment.settings import InvestmentSettings
from park_service_center.app import create_app as service_center_app
from park_service_center.settings import ServiceCenterSettings
from park_shared.audit import trail_from_settings
from park_shared.identifiers import ALPHABET, check_character
from park_shared.settings import ParkSettings
from park_shared.testing.apps import auth_header, running_app, wait_until
from parkctl.app import app
from typer.testing import CliRunner

runner = CliRunner(env={"COLUMNS": "200"})
OFFICER = auth_header("inv", "inv.officer", subject="alice")
_serial = itertools.count(7_000)


def credit_code() -> str:
    n = next(_serial)
    body = "91440300" + "".join(ALPHABET[(n // 31**i) % 31] for i in range(9))
    return body + check_character(body)


async def sign_a_lead(data: Path) -> str:
    """Returns the lead id, once the service center has the case for it."""
    inv = investment_app(InvestmentSettings(park_env="test", park_data_dir=data))
    sc = service_center_app(ServiceCenterSettings(park_env="test", park_data_dir=data))
    async with running_app(inv) as investment, running_app(sc):
        body = {
            "company_name": "Audit Trail Robotics Co., Ltd.", "credit_code": credit_code(),
            "industry": "robotics", "planned_investment": "2000000.00", "park_id": "north",
            "platform": "online", "referrer_id": None,
        }  # fmt: skip
        created = await investment.post("/leads", json=body, headers=OFFICER)
        assert created.status_code == 201, created.text
        lead_id: str = created.json()["lead_id"]
        for stage in ("contacted", "negotiating"):
            moved = await investment.post(f"/leads/{lead_id}/stage", json={"stage": stage}, headers=OFFICER)
            assert moved.status_code == 200, moved.text
        signed = await investment.post(
            f"/leads/{lead_id}/agreement", json={"signed_amount": "1500000.00"}, headers=OFFICER
        )
        assert signed.status_code == 200, signed.text

        async def case_recorded() -> bool:
            records = await sc.state.runtime.store.read_all(0, 1000)
            return any(".Case" in r.type and lead_id in r.data.decode() for r in records)

        await wait_until(case_recorded, timeout=20, what="the service center to take up the lead")
    return lead_id


def test_audit_prints_the_trail_of_a_lead_across_both_services(tmp_path: Path) -> None:
    data = tmp_path / "data"
    lead_id = asyncio.run(sign_a_lead(data))
    env = {"PARK_ENV": "test", "PARK_DATA_DIR": str(data), "PARK_STORE": "sqlite"}

    result = runner.invoke(app, ["audit", lead_id], env=env)

    assert result.exit_code == 0, result.output
    header, *lines = result.output.strip().splitlines()
    entries = asyncio.run(trail_from_settings(ParkSettings(park_env="test", park_data_dir=data), lead_id))
    assert header == f"audit trail of {lead_id}: {len(entries)} events in investment, service-center"
    assert len(lines) == len(entries) >= 4
    services = [line.split()[1] for line in lines]
    kinds = [line.split()[2] for line in lines]
    assert services[0] == "investment" and "service-center" in services
    assert kinds.index("LeadSigned") < services.index("service-center"), lines
    assert [line.split()[0] for line in lines] == sorted(line.split()[0] for line in lines), "in time order"
    assert all("inv:inv.officer:alice" in line for line in lines), "the actor, carried into the reaction"
    signed = next(e for e in entries if e.type.endswith(".LeadSigned.v1"))
    at_center = [e for e in entries if e.service == "service-center"]
    assert {e.correlation_id for e in at_center} == {signed.correlation_id}
    assert {e.causation_id for e in at_center} == {signed.event_id}
    for line, entry in zip(lines, entries, strict=True):
        assert f"corr={entry.correlation_id[:8]}" in line and entry.stream_id in line

    by_dir = runner.invoke(app, ["audit", lead_id, "--dir", str(tmp_path)], env={"PARK_ENV": "test"})
    assert (by_dir.exit_code, by_dir.output) == (0, result.output)


def test_audit_of_an_unknown_id_says_so_and_exits_1(tmp_path: Path) -> None:
    data = tmp_path / "data"
    lead_id = asyncio.run(sign_a_lead(data))
    env = {"PARK_ENV": "test", "PARK_DATA_DIR": str(data), "PARK_STORE": "sqlite"}

    result = runner.invoke(app, ["audit", "lead-NO-SUCH-LEAD"], env=env)

    assert result.exit_code == 1
    assert f"error: nothing found for 'lead-NO-SUCH-LEAD' in {data.resolve()}" in result.output
    assert lead_id not in result.output and "Traceback" not in result.output
    empty = runner.invoke(app, ["audit", lead_id, "--dir", str(tmp_path / "elsewhere")], env=env)
    assert empty.exit_code == 1 and "no service has stored anything in" in empty.output


def test_audit_help_says_what_it_prints() -> None:
    result = runner.invoke(app, ["audit", "--help"])
    assert result.exit_code == 0
    for words in ("Who did what to ID", "correlation id", "--dir", "exits 1 when nothing is found"):
        assert words in " ".join(result.output.split()), words
