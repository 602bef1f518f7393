"""Headquarters revokes department tokens (TokenRevoked.v1) and every one of the four services
refuses a revoked token within 5 s, on the embedded default and on Kafka + FerretDB; a second
revocation is a 409 naming when, a bad one a 422 naming the field, and either stores nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path

import jwt
import pytest
from park_shared.auth import mint_token
from park_shared.revocation import COLLECTION
from park_shared.settings import ParkSettings
from park_shared.testing.apps import auth_header, dev_key, wait_until

from .conftest import Running, started

# one route of each service that any of the department's read roles may call
PROBES = {
    "headquarters": ("hq", "hq.official", "/parks"),
    "service-center": ("sc", "sc.officer", "/cases"),
    "industrial-co": ("ic", "ic.manager", "/offerings"),
    "investment": ("inv", "inv.officer", "/leads"),
}
WITHIN_SECONDS = 5.0


@pytest.fixture
async def suite(park_settings: ParkSettings, tmp_path: Path) -> AsyncIterator[dict[str, Running]]:
    """The four services in one process, on one bus (and, on the real backend, one namespace)."""
    shared = park_settings.model_dump(exclude={"park_env", "park_data_dir"})
    async with AsyncExitStack() as stack:
        suite = {
            name: await stack.enter_async_context(
                started(name, tmp_path, park_data_dir_override=park_settings.park_data_dir, **shared)
            )
            for name in PROBES
        }
        yield suite


def token_of(service: str) -> str:
    department, role, _ = PROBES[service]
    return mint_token(dev_key(department), [role], f"{department}-user")


async def revoke(hq: Running, token: str, reason: str = "laptop stolen") -> dict[str, object]:
    claims = jwt.decode(token, options={"verify_signature": False})
    body = {"jti": claims["jti"], "issuer": claims["iss"], "expires_at": claims["exp"], "reason": reason}
    response = await hq.client.post("/tokens/revocations", json=body, headers=auth_header("hq", "hq.head"))
    assert response.status_code == 201, response.text
    answer: dict[str, object] = response.json()
    return answer


async def answer(running: Running, token: str) -> tuple[int, str]:
    path = PROBES[running.name][2]
    response = await running.client.get(path, headers={"Authorization": f"Bearer {token}"})
    return response.status_code, response.json().get("detail", "") if response.status_code != 200 else ""


async def test_a_revoked_token_is_refused_by_all_four_services_within_5_s(suite: dict[str, Running]) -> None:
    hq = suite["headquarters"]
    # each consumer has joined its group and reads headquarters' topic: a first revocation arrives
    warm_up = await revoke(hq, token_of("investment"), "warm-up")
    for running in suite.values():
        await wait_until(
            lambda r=running: r.runtime.read_models.get(COLLECTION, str(warm_up["jti"])),
            timeout=120,
            what=f"{running.name} to record the first revocation",
        )
    tokens = {name: token_of(name) for name in PROBES}
    assert {name: await answer(suite[name], token) for name, token in tokens.items()} == {
        name: (200, "") for name in PROBES
    }
    for token in tokens.values():
        await revoke(hq, token)

    async def all_refused() -> bool:
        answers = [await answer(suite[name], token) for name, token in tokens.items()]
        return all(status == 401 and "has been revoked" in detail for status, detail in answers)

    await wait_until(all_refused, timeout=WITHIN_SECONDS, what="every service to refuse the revoked tokens")
    # a token of the same departments that was not revoked still works
    fresh = {name: await answer(suite[name], token_of(name)) for name in PROBES}
    assert fresh == {name: (200, "") for name in PROBES}


async def test_a_second_or_a_bad_revocation_is_refused_and_stores_nothing(suite: dict[str, Running]) -> None:
    hq = suite["headquarters"]
    token = token_of("service-center")
    first = await revoke(hq, token)
    before = await hq.runtime.store.last_position()
    claims = jwt.decode(token, options={"verify_signature": False})
    again = {"jti": claims["jti"], "issuer": "sc", "expires_at": claims["exp"], "reason": "again"}
    head = auth_header("hq", "hq.head")
    response = await hq.client.post("/tokens/revocations", json=again, headers=head)
    assert response.status_code == 409 and response.json()["revoked_at"] == first["revoked_at"]
    response = await hq.client.post(
        "/tokens/revocations", json={**again, "jti": "x2" * 8, "issuer": "acme"}, headers=head
    )
    assert response.status_code == 422 and response.json()["field"] == "issuer"
    planner = auth_header("hq", "hq.planner")
    response = await hq.client.post("/tokens/revocations", json={**again, "jti": "x3" * 8}, headers=planner)
    assert response.status_code == 403 and "hq.official or hq.head" in response.json()["detail"]
    assert await hq.runtime.store.last_position() == before
    listed = (await hq.client.get("/tokens/revocations", headers=head)).json()
    assert [r["jti"] for r in listed] == [claims["jti"]]
