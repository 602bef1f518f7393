"""/asyncapi.json: the public event contract, as `parkctl contracts` wrote it from the services'
contracts (the dashboard ships the file; the contract gate keeps it current)."""

from __future__ import annotations

from functools import cache
from importlib import resources

from fastapi import APIRouter
from fastapi.responses import Response

__all__ = ["router"]

router = APIRouter(tags=["contract"])


@cache
def _document() -> bytes:
    return (resources.files("park_dashboard") / "asyncapi.json").read_bytes()


@router.get(
    "/asyncapi.json",
    summary="AsyncAPI 3.0: topics, messages (CloudEvents headers, JSON Schema), producers, consumers",
    response_class=Response,
    responses={200: {"content": {"application/json": {}}, "description": "The AsyncAPI 3.0 document"}},
)
async def asyncapi() -> Response:
    return Response(_document(), media_type="application/json")
