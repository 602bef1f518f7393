"""The app's routers are tried behind a guard of their prefix: what matches, what is refused
(404, 405 with Allow, the trailing-slash redirect) and the OpenAPI document are as FastAPI
answers with the routers included as they are."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import APIRouter, FastAPI
from fastapi.routing import _IncludedRouter
from park_shared.application import Application
from park_shared.web.app import create_service_app


def _routers() -> list[APIRouter]:
    items = APIRouter(prefix="/items", tags=["items"])
    parks = APIRouter(prefix="/parks/{park_id}/plots", tags=["plots"])
    bare = APIRouter(tags=["bare"])

    @items.post("", status_code=201)
    async def create_item() -> dict[str, str]:
        return {"made": "item"}

    @items.get("/{item_id}")
    async def get_item(item_id: str) -> dict[str, str]:
        return {"item": item_id}

    @parks.get("")
    async def list_plots(park_id: str) -> dict[str, str]:
        return {"park": park_id}

    @parks.put("/{plot_id}")
    async def put_plot(park_id: str, plot_id: str) -> dict[str, str]:
        return {"park": park_id, "plot": plot_id}

    @bare.get("/itemsets")
    async def itemsets() -> dict[str, str]:
        return {"bare": "itemsets"}

    return [items, parks, bare]


async def _never() -> Application:
    raise AssertionError("the lifespan does not run in these tests")


def _plain_app() -> FastAPI:
    """The same routes as create_service_app makes them, each router included as it is."""
    app = create_service_app(title="t", description="d", bootstrap=_never, routers=[])
    for router in _routers():
        app.include_router(router)
    return app


REQUESTS = [
    ("POST", "/items"),
    ("GET", "/items"),
    ("GET", "/items/"),
    ("POST", "/items/"),
    ("GET", "/items/a-1"),
    ("DELETE", "/items/a-1"),
    ("GET", "/items/a-1/more"),
    ("GET", "/itemsets"),
    ("GET", "/parks/north/plots"),
    ("GET", "/parks/north/plots/"),
    ("PUT", "/parks/north/plots/7"),
    ("GET", "/parks/north/plots/7"),
    ("GET", "/parks/north"),
    ("GET", "/nowhere"),
]


def _client(app: FastAPI) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://test")


async def _answers(app: FastAPI) -> list[tuple[Any, ...]]:
    answers = []
    async with _client(app) as client:
        for method, path in REQUESTS:
            r = await client.request(method, path)
            answer = (r.status_code, r.headers.get("allow"), r.headers.get("location"), r.content)
            answers.append((method, path, *answer))
    return answers


@pytest.fixture(scope="module")
def guarded() -> FastAPI:
    return create_service_app(title="t", description="d", bootstrap=_never, routers=_routers())


async def test_every_answer_is_as_without_the_guard(guarded: FastAPI) -> None:
    answers = await _answers(guarded)
    assert answers == await _answers(_plain_app())
    status = {(m, p): s for m, p, s, *_ in answers}
    assert status[("POST", "/items")] == 201
    assert status[("GET", "/items/a-1")] == 200
    assert status[("DELETE", "/items/a-1")] == 405
    assert status[("GET", "/items/")] == 307
    assert status[("PUT", "/parks/north/plots/7")] == 200
    assert status[("GET", "/itemsets")] == 200
    assert status[("GET", "/nowhere")] == 404


async def test_the_openapi_document_is_the_same_byte_for_byte(guarded: FastAPI) -> None:
    async with _client(guarded) as ours, _client(_plain_app()) as plain:
        document = (await ours.get("/openapi.json")).content
        assert document == (await plain.get("/openapi.json")).content
    assert b"/parks/{park_id}/plots/{plot_id}" in document


def test_each_router_is_included_once_as_itself_behind_its_guard() -> None:
    """One inclusion per router (not a router around it, whose routes FastAPI matched again at
    each level): the included router holds the router's own routes."""
    routers = _routers()
    app = create_service_app(title="t", description="d", bootstrap=_never, routers=routers)
    included = [r.original_router for r in app.router.routes if isinstance(r, _IncludedRouter)]
    ours = included[-len(routers) :]
    assert [router.routes is own.routes for router, own in zip(ours, routers, strict=True)] == [True] * 3
    assert all(not isinstance(route, _IncludedRouter) for router in ours for route in router.routes)


async def test_a_route_added_to_a_router_later_is_served_as_without_the_guard() -> None:
    routers = _routers()
    app = create_service_app(title="t", description="d", bootstrap=_never, routers=routers)
    plain = _plain_app()
    async with _client(app) as client:
        assert (await client.post("/items/a-1/copies")).status_code == 404

    @routers[0].post("/{item_id}/copies", status_code=201)
    async def copy_item(item_id: str) -> dict[str, str]:
        return {"copied": item_id}

    for router in plain.router.routes:
        if isinstance(router, _IncludedRouter) and router.original_router.prefix == "/items":
            router.original_router.add_api_route(
                "/{item_id}/copies", copy_item, methods=["POST"], status_code=201
            )
    async with _client(app) as ours, _client(plain) as theirs:
        r, expected = await ours.post("/items/a-1/copies"), await theirs.post("/items/a-1/copies")
    assert (
        (r.status_code, r.content) == (expected.status_code, expected.content) == (201, b'{"copied":"a-1"}')
    )
