from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from park_investment.app import create_app
from park_investment.settings import InvestmentSettings
from park_shared.identifiers import check_character
from park_shared.runtime import Runtime
from park_shared.testing.apps import auth_header, running_app, runtime_of

_serial = itertools.count(1)


def code_for(n: int) -> str:
    body = f"9111000{n:010d}"
    return body + check_character(body)


@pytest.fixture
def new_code() -> Callable[[], str]:
    """Distinct valid credit codes (GB 32100 check character computed)."""
    return lambda: code_for(next(_serial))


@pytest.fixture
def embedded(tmp_path: Path) -> InvestmentSettings:
    return InvestmentSettings(park_env="test", park_data_dir=tmp_path / "data")


@pytest.fixture
async def client(embedded: InvestmentSettings) -> AsyncIterator[httpx.AsyncClient]:
    async with running_app(create_app(embedded)) as c:
        yield c


OFFICER = auth_header("inv", "inv.officer", subject="officer-li")
FINANCE = auth_header("inv", "inv.finance", subject="cashier-wang")
HQ = auth_header("hq", "hq.official")


@dataclass
class Service:
    client: httpx.AsyncClient
    runtime: Runtime

    async def referrer(self, kind: str = "enterprise", **extra: str) -> str:
        body = {"kind": kind, "name": "陈建国", "phone": "+86 139 0000 1234", **extra}
        if kind == "staff_relative":
            body.setdefault("relation", "brother of staff member Chen")
        response = await self.client.post("/referrers", json=body, headers=OFFICER)
        assert response.status_code == 201, response.text
        return str(response.json()["referrer_id"])

    async def lead(self, code: str, **fields: object) -> httpx.Response:
        body: dict[str, object] = {
            "company_name": f"Company {code}",
            "credit_code": code,
            "industry": "precision machinery",
            "planned_investment": "50000000.00",
            "park_id": "north",
            "platform": "online",
            **fields,
        }
        return await self.client.post("/leads", json=body, headers=OFFICER)

    async def stored(self) -> int:
        return await self.runtime.store.last_position()


@pytest.fixture
async def service(embedded: InvestmentSettings) -> AsyncIterator[Service]:
    app = create_app(embedded)
    async with running_app(app) as c:
        yield Service(c, runtime_of(app))
