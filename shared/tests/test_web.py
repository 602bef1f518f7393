"""The HTTP edge: problem details for every error, department tokens, health and readiness."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import APIRouter, Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from park_shared.application import Application
from park_shared.auth import Principal, mint_token
from park_shared.errors import Conflict, Invalid
from park_shared.events import EventRegistry
from park_shared.keys import SigningKey
from park_shared.runtime import Runtime
from park_shared.settings import ParkSettings
from park_shared.testing.apps import auth_header, dev_key, running_app
from park_shared.web.app import create_service_app
from park_shared.web.security import DESCRIPTION, requires
from pydantic import BaseModel, Field

router = APIRouter()
Officer = Annotated[Principal, Depends(requires("inv.officer"))]


class LeadCreate(BaseModel):
    company: str = Field(min_length=2)
    amount: int = Field(ge=0)


@router.post("/leads")
async def create_lead(body: LeadCreate, who: Officer) -> dict[str, str]:
    if body.company == "dup":
        raise Conflict("a lead for this company exists", existing_lead="lead-1")
    if body.company == "bad":
        raise Invalid("the company is on a list", field="company")
    if body.company == "boom":
        raise RuntimeError("secret internals /etc/passwd")
    return {"by": who.actor}


@pytest.fixture
async def client(tmp_path: Path) -> httpx.AsyncClient:
    settings = ParkSettings(park_env="test", park_data_dir=tmp_path)

    async def bootstrap() -> Application:
        return Application(Runtime("investment", "inv", settings, EventRegistry("investment")))

    app = create_service_app(title="t", description="d", bootstrap=bootstrap, routers=[router])
    async with running_app(app) as c:
        yield c


async def test_health_and_readiness(client: httpx.AsyncClient) -> None:
    assert (await client.get("/health")).json() == {"status": "ok", "service": "investment"}
    assert (await client.get("/ready")).json() == {
        "ready": True,
        "service": "investment",
        "store": "ok",
        "bus": "ok",
    }


async def test_a_command_with_the_right_role_passes(client: httpx.AsyncClient) -> None:
    r = await client.post(
        "/leads", json={"company": "Acme", "amount": 1}, headers=auth_header("inv", "inv.officer")
    )
    assert r.status_code == 200 and r.json() == {"by": "inv:inv.officer:tester"}


async def test_no_token_is_401_and_a_bad_one_too(client: httpx.AsyncClient) -> None:
    r = await client.post("/leads", json={"company": "Acme", "amount": 1})
    assert r.status_code == 401 and r.headers["content-type"] == "application/problem+json"
    forged = mint_token(SigningKey("inv", "inv-1", Ed25519PrivateKey.generate()), ["inv.officer"], "x")
    r = await client.post(
        "/leads", json={"company": "Acme", "amount": 1}, headers={"Authorization": f"Bearer {forged}"}
    )
    assert r.status_code == 401 and "unknown" in r.json()["detail"]
    expired = mint_token(dev_key("inv"), ["inv.officer"], "x", ttl_seconds=-10)
    r = await client.post(
        "/leads", json={"company": "Acme", "amount": 1}, headers={"Authorization": f"Bearer {expired}"}
    )
    assert r.status_code == 401 and "expired" in r.json()["detail"]


async def test_a_token_not_sent_as_a_bearer_token_is_401(client: httpx.AsyncClient) -> None:
    token = auth_header("inv", "inv.officer")["Authorization"].split(" ", 1)[1]
    for header in (f"Basic {token}", "Bearer ", "Bearer", token):
        r = await client.post(
            "/leads", json={"company": "Acme", "amount": 1}, headers={"Authorization": header}
        )
        assert r.status_code == 401 and r.json()["detail"] == "a bearer token is required", header
    r = await client.post(
        "/leads", json={"company": "Acme", "amount": 1}, headers={"Authorization": f"bearer {token}"}
    )
    assert r.status_code == 200


def test_the_openapi_document_shows_the_bearer_scheme_as_a_bearer_dependency_would() -> None:
    """The role check is the bearer scheme itself (one dependency a request, not two): the
    document is the one a role check taking HTTPBearer's credentials as its own dependency gave."""
    bearer = HTTPBearer(auto_error=False, description=DESCRIPTION)

    async def principal(
        request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)
    ) -> Principal:
        raise AssertionError("not called")

    def documented(check: Callable[..., Awaitable[Principal]]) -> dict[str, Any]:
        plain = APIRouter()

        @plain.post("/leads")
        async def create_lead(body: LeadCreate, who: Principal = Depends(check)) -> dict[str, str]:
            return {}

        @plain.get("/open")
        async def open_route() -> dict[str, str]:
            return {}

        app = create_service_app(title="t", description="d", bootstrap=_never, routers=[plain])
        return app.openapi()

    assert documented(requires("inv.officer")) == documented(principal)
    assert documented(requires("inv.officer"))["components"]["securitySchemes"] == {
        "HTTPBearer": {"type": "http", "description": DESCRIPTION, "scheme": "bearer"}
    }


async def _never() -> Application:
    raise AssertionError("the lifespan does not run here")


async def test_another_department_or_a_missing_role_is_403_saying_why(client: httpx.AsyncClient) -> None:
    r = await client.post(
        "/leads", json={"company": "Acme", "amount": 1}, headers=auth_header("hq", "hq.head")
    )
    assert r.status_code == 403 and "department 'hq' may not act on investment" in r.json()["detail"]
    r = await client.post(
        "/leads", json={"company": "Acme", "amount": 1}, headers=auth_header("inv", "inv.finance")
    )
    assert r.status_code == 403 and r.json()["missing_role"] == ["inv.officer"]


async def test_errors_are_problem_details_naming_the_field_or_the_conflict(client: httpx.AsyncClient) -> None:
    officer = auth_header("inv", "inv.officer")
    r = await client.post("/leads", json={"company": "A", "amount": -1}, headers=officer)
    assert r.status_code == 422 and r.json()["field"] == "company"
    assert {e["field"] for e in r.json()["errors"]} == {"company", "amount"}
    r = await client.post("/leads", json={"company": "dup", "amount": 1}, headers=officer)
    assert r.status_code == 409 and r.json() | {"existing_lead": "lead-1", "status": 409} == r.json()
    r = await client.post("/leads", json={"company": "bad", "amount": 1}, headers=officer)
    assert r.status_code == 422 and r.json()["field"] == "company"


async def test_an_unexpected_failure_shows_no_internals(client: httpx.AsyncClient) -> None:
    r = await client.post(
        "/leads", json={"company": "boom", "amount": 1}, headers=auth_header("inv", "inv.officer")
    )
    assert r.status_code == 500
    assert "passwd" not in r.text and "Traceback" not in r.text


def test_production_needs_the_departments_public_keys() -> None:
    with pytest.raises(ValueError, match="PARK_JWKS"):
        ParkSettings(park_env="production")
    with pytest.raises(ValueError, match="MONGODB_URI"):
        ParkSettings(park_store="mongodb")
    assert ParkSettings(park_namespace="staging").topic("investment") == "staging.park.investment.events"
