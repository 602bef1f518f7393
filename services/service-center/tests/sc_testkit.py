"""Helpers of the talent tests: HQ's talent policy, well-formed identity numbers, applications."""

from __future__ import annotations

from typing import Any

from park_service_center.projections.names import POLICY_VERSIONS
from park_shared.testing.apps import wait_until
from park_shared.testing.events import emit

CREDIT = "91350100M000100Y43"
TALENT = {
    "categories": [
        {"code": "high_level_talent", "name": "高层次人才", "one_off_subsidy": "50000.00",
         "housing_allowance_monthly": "2000.00", "housing_months": 3},
        {"code": "skilled_worker", "name": "技能人才", "one_off_subsidy": "5000.00",
         "housing_allowance_monthly": "0.00", "housing_months": 0},
    ]
}  # fmt: skip


def policy(terms: dict[str, Any], version: int) -> dict[str, Any]:
    return {
        "policy_id": "talent", "version": version, "kind": "talent", "title": f"人才引进政策 v{version}",
        "effective_from": "2026-01-01" if version == 1 else "2026-04-06", "terms": terms,
        "published_at": f"2026-0{version}-01T09:00:00+08:00",
    }  # fmt: skip


_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def identity_number(serial: int) -> str:
    """A well-formed resident identity number (its check digit right), made up."""
    body = f"35010219900101{serial:03d}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, _WEIGHTS, strict=True)) % 11]


async def publish_talent(driver: Any, terms: dict[str, Any] = TALENT, version: int = 1) -> None:
    data = policy(terms, version)
    await emit(driver.settings, "headquarters", "PolicyPublished.v1", data, "policy-talent")
    read_models = driver.app.state.runtime.read_models

    async def recorded() -> bool:
        return any(
            d["kind"] == "talent" and d["version"] == version for d in await read_models.find(POLICY_VERSIONS)
        )

    await wait_until(recorded, timeout=20, what="the talent policy recorded")


def application(serial: int = 1, **overrides: Any) -> dict[str, Any]:
    return {
        "enterprise_id": CREDIT, "park_id": "north", "category": "high_level_talent",
        "hired_on": "2026-02-16", "person": {"name": "林晓 Lin Xiao", "id_number": identity_number(serial)},
        **overrides,
    }  # fmt: skip


async def apply(driver: Any, **overrides: Any) -> dict[str, Any]:
    response = await driver.client.post(
        "/talent-applications", json=application(**overrides), headers=driver.officer
    )
    assert response.status_code == 201, response.text
    return dict(response.json())
