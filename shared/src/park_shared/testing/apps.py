"""Drive a service's FastAPI app in-process, lifespan included, and mint tokens for it."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
from fastapi import FastAPI

from park_shared.auth import mint_token
from park_shared.keys import SigningKey, dev_signing_key
from park_shared.runtime import Runtime

__all__ = ["auth_header", "dev_key", "running_app", "wait_until"]


def dev_key(department: str) -> SigningKey:
    """The department's development key in the test keyring (PARK_KEYS_DIR, which the pytest
    plugin points at a temporary folder for the session, so services started by the tests see
    the same public keys)."""
    return dev_signing_key(department, Path(os.environ.get("PARK_KEYS_DIR", ".park/keys")))


def auth_header(department: str, *roles: str, subject: str = "tester", level: int = 0) -> dict[str, str]:
    extra: dict[str, object] = {"level": level} if level else {}
    token = mint_token(dev_key(department), list(roles), subject, extra=extra)
    return {"Authorization": f"Bearer {token}"}


@asynccontextmanager
async def running_app(app: FastAPI, *, ready_timeout: float = 30.0) -> AsyncIterator[httpx.AsyncClient]:
    """Starts the app's lifespan, waits until /ready, and yields a client bound to it."""
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            await wait_until(lambda: _ready(client), timeout=ready_timeout, what="the app to be ready")
            yield client


async def _ready(client: httpx.AsyncClient) -> bool:
    return (await client.get("/ready")).status_code == 200


def runtime_of(app: FastAPI) -> Runtime:
    runtime: Runtime = app.state.runtime
    return runtime


async def wait_until(
    check: Callable[[], object], *, timeout: float = 10.0, interval: float = 0.05, what: str = "it"
) -> None:
    """Polls `check` (sync or async) until it is truthy; fails with `what` after `timeout`."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = check()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        await asyncio.sleep(interval)
