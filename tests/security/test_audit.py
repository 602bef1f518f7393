"""The audit trail across services: headquarters publishes a policy, the service center records
it; the trail of the policy id names who did what, in which service, in order, and follows the
conversation into the other service."""

from __future__ import annotations

from pathlib import Path

from park_shared.audit import render, trail_from_settings
from park_shared.settings import ParkSettings
from park_shared.testing.apps import auth_header, wait_until

from .conftest import started

HEAD = auth_header("hq", "hq.head", subject="head-1")
OFFICIAL = auth_header("hq", "hq.official", subject="official-7")
FEES = {"items": [{"code": "F1", "name": "基础设施配套费", "amount": "100", "phase": "before_production"}]}


async def test_the_trail_of_a_policy_spans_both_services_in_order(tmp_path: Path) -> None:
    shared = tmp_path / "zone"  # one data dir: the embedded bus is shared by both services
    async with (
        started("headquarters", tmp_path, park_data_dir_override=shared) as hq,
        started("service-center", tmp_path, park_data_dir_override=shared) as sc,
    ):
        body = {"policy_id": "fees", "kind": "fee_schedule", "title": "收费标准", "terms": FEES}
        assert (await hq.client.post("/policies", json=body, headers=OFFICIAL)).status_code == 201
        today = str(hq.runtime.today())
        published = await hq.client.post(
            "/policies/fees/versions/1/publish", json={"effective_from": today}, headers=HEAD
        )
        assert published.status_code == 200, published.text

        async def recorded() -> bool:
            records = await sc.runtime.store.read_all(0, 1000)
            return any("PolicyVersionRecorded" in r.type and r.stream_id == "policy-fees" for r in records)

        await wait_until(recorded, timeout=20, what="the service center to record the policy")

    entries = await trail_from_settings(ParkSettings(park_env="test", park_data_dir=shared), "fees")
    lines = "\n".join(render(entries))
    kinds = [(e.service, e.type.split(".")[2], e.subject) for e in entries]
    assert kinds[0][0] == "headquarters" and kinds[0][2] == "official-7", lines
    assert ("headquarters", "PolicyPublished", "head-1") in kinds, lines
    recorded_by_sc = [e for e in entries if e.service == "service-center"]
    assert recorded_by_sc, lines
    assert all(e.department == "hq" and e.subject == "head-1" for e in recorded_by_sc), lines
    published_event = next(e for e in entries if e.type.endswith(".PolicyPublished.v1"))
    assert {e.causation_id for e in recorded_by_sc} == {published_event.event_id}, lines
    assert [e.at for e in entries] == sorted(e.at for e in entries)
    assert not [e for e in entries if e.service not in ("headquarters", "service-center")]
