"""Route by route, from each service's own OpenAPI: every command refuses a missing or bad token
(401) and the token of every other department (403) even when it claims every role of the suite,
and changes nothing; every protected query does the same; every /public/ route serves without a
token and changes nothing; no error body shows a stack trace or an internal detail; a body over
1 MiB is refused with 413 before any route reads it."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import jwt
import pytest
from fastapi import FastAPI
from park_shared.auth import SERVICE_OF, mint_token
from park_shared.testing.apps import auth_header, dev_key

from .conftest import DEPARTMENTS, SERVICES, Running, every_role, is_command, operations, started

LEAKS = (
    "Traceback",
    'File "',
    "site-packages",
    ".py",
    "0x7f",
    "sqlite3",
    "pymongo",
    "aiokafka",
    "secret-xyz",
)


def bad_tokens(department: str) -> dict[str, str]:
    """Tokens of the department that must each be a 401 (tests/security/test_tokens.py checks
    the reason each one names)."""
    now = int(time.time())
    own = dev_key(department)
    claims = {
        "sub": "x",
        "iss": department,
        "dept": department,
        "roles": every_role(),
        "iat": now,
        "jti": "j" * 16,
    }
    claims["aud"] = SERVICE_OF[department]
    borrowed = dev_key("hq" if department != "hq" else "inv")
    return {
        "expired": mint_token(own, every_role(), "x", ttl_seconds=-60),
        "forged": jwt.encode({**claims, "exp": now + 600}, "another-secret-" * 3, algorithm="HS256"),
        "other audience": mint_token(own, every_role(), "x", audience="elsewhere"),
        "other department's key": jwt.encode(
            {**claims, "exp": now + 600},
            borrowed.private_key,
            algorithm="EdDSA",
            headers={"kid": borrowed.kid},
        ),
        "garbage": "not-a-jwt",
        "unsigned": jwt.encode({**claims, "exp": now + 600}, None, algorithm="none"),
    }


def assert_clean_problem(response: httpx.Response, where: str) -> None:
    body = response.json()
    assert {"title", "status", "detail"} <= set(body), where
    assert not [leak for leak in LEAKS if leak in response.text], (where, response.text)


@pytest.fixture(params=list(SERVICES))
async def service(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Running]:
    async with started(request.param, tmp_path) as running:
        yield running


async def test_every_command_refuses_anonymous_bad_and_foreign_tokens(service: Running) -> None:
    commands = [(m, p) for m, p, _ in operations(service.app) if is_command(m, p)]
    assert commands, service.name
    foreign = {d: auth_header(d, *every_role(), subject=f"{d}-intruder") for d in DEPARTMENTS}
    del foreign[service.department]
    bad = {k: {"Authorization": f"Bearer {t}"} for k, t in bad_tokens(service.department).items()}
    before = await service.settled()
    wrong: list[str] = []
    for method, path in commands:
        where = f"{service.name} {method} {path}"
        anonymous = await service.client.request(method, path, json={})
        if anonymous.status_code != 401:
            wrong.append(f"{where} anonymous -> {anonymous.status_code}")
        assert_clean_problem(anonymous, where)
        for kind, headers in bad.items():
            refused = await service.client.request(method, path, json={}, headers=headers)
            if refused.status_code != 401:
                wrong.append(f"{where} {kind} token -> {refused.status_code}")
            assert_clean_problem(refused, where)
        for department, headers in foreign.items():
            refused = await service.client.request(method, path, json={}, headers=headers)
            if refused.status_code != 403 or department not in refused.json()["detail"]:
                wrong.append(f"{where} {department} token -> {refused.status_code}")
            assert_clean_problem(refused, where)
    assert await service.position() == before, f"a refused command changed {service.name}"
    assert not wrong, "\n".join(wrong)


async def test_every_protected_query_refuses_anonymous_and_foreign_tokens(service: Running) -> None:
    queries = [p for m, p, op in operations(service.app) if m == "GET" and op.get("security")]
    foreign = [auth_header(d, *every_role()) for d in DEPARTMENTS if d != service.department]
    for path in queries:
        assert (await service.client.get(path)).status_code == 401, path
        for headers in foreign:
            assert (await service.client.get(path, headers=headers)).status_code == 403, path


async def test_every_public_route_serves_without_a_token_and_changes_nothing(service: Running) -> None:
    public = [(m, p) for m, p, _ in operations(service.app) if p.startswith("/public/")]
    before = await service.settled()
    for method, path in public:
        answer = await service.client.request(method, path, json={} if method != "GET" else None)
        assert answer.status_code not in (401, 403) and answer.status_code < 500, (path, answer.text)
        if answer.status_code >= 400:
            assert_clean_problem(answer, path)
        else:
            assert method == "GET" or answer.status_code == 422, path
    assert await service.position() == before, f"a public request changed {service.name}"


def with_a_failing_route(app: FastAPI) -> None:
    async def boom() -> None:
        raise RuntimeError("secret-xyz at /work/main/shared/src/x.py line 3")

    app.add_api_route("/probe-boom", boom, methods=["GET"])


JSON = {"content-type": "application/json"}


async def chunks() -> AsyncIterator[bytes]:
    for _ in range(20):
        yield b" " * 100_000  # 2 MB, streamed without a Content-Length


@pytest.mark.parametrize("name", list(SERVICES))
async def test_error_bodies_show_no_internals_and_big_bodies_get_413(name: str, tmp_path: Path) -> None:
    async with started(name, tmp_path, with_a_failing_route) as service:
        c = service.client
        failed = await c.get("/probe-boom")
        assert failed.status_code == 500
        assert_clean_problem(failed, "unexpected error")
        own = {**auth_header(service.department, *every_role()), **JSON}
        big = b"[" + b"1," * 600_000 + b"1]"
        declared = await c.post("/ops/replay", content=big, headers=own)
        assert declared.status_code == 413 and declared.json()["status"] == 413
        assert_clean_problem(declared, "413")
        with_body = [
            (m, p) for m, p, op in operations(service.app) if is_command(m, p) and "requestBody" in op
        ]
        for method, path in with_body[:3]:
            broken = await c.request(method, path, content=b'{"a": ', headers=own)
            assert broken.status_code in (404, 422), broken.text  # a route may look its target up first
            assert_clean_problem(broken, "malformed JSON")
            streamed = await c.request(method, path, content=chunks(), headers=own)
            assert streamed.status_code == 413, streamed.text
            assert (await c.request(method, path, json={}, headers=own)).status_code not in (413, 500)
