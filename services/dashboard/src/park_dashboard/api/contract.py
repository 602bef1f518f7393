"""/asyncapi.json: the public event contract, built from the services' registries."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from fastapi import APIRouter

from park_dashboard.contracts import build_asyncapi, load_catalog

__all__ = ["router"]

router = APIRouter(tags=["contract"])


@lru_cache(maxsize=1)
def _document() -> dict[str, Any]:
    return build_asyncapi(load_catalog())


@router.get(
    "/asyncapi.json",
    summary="AsyncAPI 3.0: topics, messages (CloudEvents headers, JSON Schema), producers, consumers",
)
def asyncapi() -> dict[str, Any]:
    """Built once, in a worker thread: the first call imports the services' packages."""
    return _document()
