"""The probes every service answers: /health names the service, /ready reports store and bus."""

from __future__ import annotations

from fastapi import FastAPI

from park_shared.testing.apps import running_app

__all__ = ["assert_alive_and_ready"]


async def assert_alive_and_ready(app: FastAPI, service: str) -> None:
    async with running_app(app) as client:
        health = await client.get("/health")
        ready = await client.get("/ready")
    assert health.json() == {"status": "ok", "service": service}
    assert ready.status_code == 200
    assert ready.json()["store"] == "ok" and ready.json()["bus"] == "ok"
