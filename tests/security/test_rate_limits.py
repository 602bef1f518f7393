"""Rate limits on the public routes (web/rate_limits.py): per client address and route, 429 as a
problem with Retry-After, the refused request changes nothing; other clients, other routes and
the routes that need a token are not limited."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from park_shared.identifiers import ALPHABET, check_character
from park_shared.settings import ParkSettings
from park_shared.testing.apps import auth_header
from park_shared.web.rate_limits import is_public, limits_for
from pydantic import ValidationError

from .conftest import SERVICES, Running, every_role, operations, started

LIMIT = 3
PUBLIC_SERVICES = ("headquarters", "service-center", "investment", "dashboard")
INTERNALS = re.compile(r"Traceback|File \"|\.py\b|limits\.|starlette|MemoryStorage", re.IGNORECASE)


def public_gets(service: Running) -> list[str]:
    return [p for m, p, _ in operations(service.app) if m == "GET" and is_public(p)]


def token_for(service: Running) -> dict[str, str]:
    roles = [r for r in every_role() if r.startswith(f"{service.department}.")]
    return auth_header(service.department, *roles, subject="rate-probe")


def unlimited_route(service: Running) -> tuple[str, dict[str, str]]:
    """A GET route that is not public: one that needs a token where the service has such."""
    gets = [(p, op) for m, p, op in operations(service.app) if m == "GET" and not is_public(p)]
    plain = [(p, op) for p, op in gets if "probe" not in p and p not in ("/metrics", "/ready")]
    secured = [p for p, op in plain if op.get("security")]
    return (secured[0], token_for(service)) if secured else (plain[0][0], {})


@asynccontextmanager
async def client_at(service: Running, address: str) -> AsyncIterator[httpx.AsyncClient]:
    """Another client of the same running app, calling from ``address`` (in-process, no network)."""
    transport = httpx.ASGITransport(app=service.app, client=(address, 40000), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


def assert_refused(response: httpx.Response, limit_seconds: int = 60) -> None:
    assert response.status_code == 429, response.text
    assert response.headers["content-type"] == "application/problem+json"
    wait = int(response.headers["retry-after"])
    assert 1 <= wait <= limit_seconds
    body = response.json()
    assert (body["status"], body["title"], body["retry_after"]) == (429, "Too many requests", wait)
    assert "from your address" in body["detail"]
    assert not INTERNALS.search(response.text), response.text


@pytest.mark.parametrize("name", PUBLIC_SERVICES)
async def test_a_public_route_refuses_a_client_over_the_limit_and_no_one_else(
    name: str, tmp_path: Path
) -> None:
    async with started(name, tmp_path, park_public_rate_limit=f"{LIMIT}/minute") as service:
        first, *others = public_gets(service)
        assert others or name == "investment"  # its other public route is the inquiry form (below)
        before = await service.settled()
        for _ in range(LIMIT):
            assert (await service.client.get(first)).status_code == 200
        assert_refused(await service.client.get(first))
        assert_refused(await service.client.get(first))  # still refused: a refusal is no slot freed
        for other_route in others:
            assert (await service.client.get(other_route)).status_code in (200, 404), other_route
        async with client_at(service, "203.0.113.7") as other:
            assert (await other.get(first)).status_code == 200, "another client is its own count"
        path, headers = unlimited_route(service)
        statuses = {(await service.client.get(path, headers=headers)).status_code for _ in range(2 * LIMIT)}
        assert statuses == {200}, f"{path} (not public) answered {statuses}"
        assert await service.position() == before


async def test_a_route_counts_by_its_template_not_by_the_id_asked_for(tmp_path: Path) -> None:
    async with started("headquarters", tmp_path, park_public_rate_limit=f"{LIMIT}/minute") as hq:
        statuses = [(await hq.client.get(f"/public/policies/p-{i}")).status_code for i in range(LIMIT + 1)]
        assert statuses == [404] * LIMIT + [429]
        assert (await hq.client.get("/public/policies")).status_code == 200


def credit_code(serial: int) -> str:
    body = "91310000" + "".join(ALPHABET[(serial // 31**i) % 31] for i in range(9))
    return body + check_character(body)


async def test_a_refused_inquiry_stores_nothing(tmp_path: Path) -> None:
    """Investment's own inquiry bucket (5 at once) is wider than this limit, so the 429 is ours;
    the listings, used up first, are a route of their own."""
    async with started("investment", tmp_path, park_public_rate_limit=f"{LIMIT}/minute") as inv:
        for _ in range(LIMIT):
            assert (await inv.client.get("/public/listings")).status_code == 200
        assert_refused(await inv.client.get("/public/listings"))
        form = {"company_name": "星河半导体有限公司", "industry": "semiconductors"}
        form |= {"planned_investment": "300000000.00", "park_id": "south"}
        for serial in range(LIMIT):
            sent = await inv.client.post(
                "/public/inquiries", json={**form, "credit_code": credit_code(serial)}
            )
            assert sent.status_code == 201, sent.text
        before = await inv.settled()
        code = credit_code(LIMIT)
        refused = await inv.client.post("/public/inquiries", json={**form, "credit_code": code})
        assert_refused(refused)
        assert await inv.position() == before
        officer = auth_header("inv", "inv.officer")
        assert (await inv.client.get(f"/leads/lead-{code}", headers=officer)).status_code == 404


async def test_industrial_co_has_no_public_route_but_would_be_limited(tmp_path: Path) -> None:
    async with started("industrial-co", tmp_path, park_public_rate_limit=f"{LIMIT}/minute") as ic:
        assert public_gets(ic) == [] and not [p for _, p, _ in operations(ic.app) if is_public(p)]
        statuses = [(await ic.client.get("/public/anything")).status_code for _ in range(LIMIT + 1)]
        assert statuses == [404] * LIMIT + [429]
        path, headers = unlimited_route(ic)
        assert headers, "industrial-co's GET routes need a token"
        statuses_set = {(await ic.client.get(path, headers=headers)).status_code for _ in range(2 * LIMIT)}
        assert statuses_set == {200}


@pytest.mark.parametrize("name", list(SERVICES))
async def test_the_openapi_documents_429_on_public_routes_only(name: str, tmp_path: Path) -> None:
    async with started(name, tmp_path) as service:
        for _, path, op in operations(service.app):
            documented = "429" in op["responses"]
            assert documented == is_public(path), path
            if documented:
                assert "Retry-After" in op["responses"]["429"]["headers"]


def test_the_limit_is_configured_and_checked() -> None:
    def items(**fields: object) -> list[str]:
        return [str(i) for i in limits_for(ParkSettings(**fields))]  # type: ignore[arg-type]

    assert items() == ["120 per 1 minute"]
    assert items(park_env="test") == []
    assert items(park_env="test", park_public_rate_limit="5/second;100/hour") == [
        "5 per 1 second",
        "100 per 1 hour",
    ]
    assert items(park_public_rate_limit="off") == []
    with pytest.raises(ValidationError, match="park_public_rate_limit"):
        ParkSettings(park_public_rate_limit="lots")
