"""The routes every case file of headquarters has (planning cases, supervision cases,
coordination matters), written once: open a case (POST, a new id), list the cases (by their
filters), read one, and act on one (POST /{id}/<step>: the request model's command, run on the
case's aggregate, answered with the case as it is then)."""

from __future__ import annotations

import inspect
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, Protocol

from fastapi import APIRouter, Query
from park_shared.aggregate import Aggregate
from park_shared.auth import Principal
from pydantic import BaseModel

from park_headquarters.api.deps import AnyHq, HeadquartersDep
from park_headquarters.application.context import Headquarters

__all__ = ["CaseFile", "CaseRequest", "Step", "add_case_routes"]


class CaseRequest(Protocol):
    """A request body that says which command it asks of the case `case_id`."""

    def command(self, case_id: str, hq: Headquarters, who: Principal) -> Any: ...


@dataclass(frozen=True)
class Step:
    """One POST: `path` ("" opens a case), the operation's `name` (its operationId), the
    request model, the role dependency allowed to send it, and what OpenAPI says of it."""

    path: str
    name: str
    body: type[CaseRequest]
    role: object
    summary: str | None = None
    description: str | None = None
    status_code: int = 200


@dataclass(frozen=True)
class CaseFile:
    """A kind of case: its aggregate, the collection its read model keeps, its public model,
    its path parameter (`id_name`), the prefix of the ids it assigns, and its routes."""

    aggregate: Callable[[Headquarters], Aggregate[Any, Any, Any]]
    collection: str
    what: str
    public: type[BaseModel]
    id_name: str
    id_prefix: str
    opening: Step
    steps: Sequence[Step]
    filters: Mapping[str, Any] = field(default_factory=dict)
    """Query parameters of the list, by name: their types (an absent one filters nothing)."""
    check: Callable[[Headquarters, Any], Awaitable[None]] | None = None
    """What must hold before a case is opened beyond its own stream (another aggregate's)."""
    reads: tuple[str, str] = ("list_cases", "get_case")
    """The names of the two reading operations (their operationIds)."""
    summaries: tuple[str | None, str | None] = (None, None)


def _parameter(name: str, annotation: object, default: object = inspect.Parameter.empty) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default)


def _endpoint(
    run: Callable[..., Awaitable[Any]], name: str, params: list[inspect.Parameter]
) -> Callable[..., Awaitable[Any]]:
    """`run` under `name`, with the parameters FastAPI reads (path, body, query, dependencies)."""
    run.__name__ = name
    run.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    return run


def add_case_routes(router: APIRouter, case: CaseFile) -> None:
    """Adds to `router` the routes of `case` (after any it has: `/{id}` would shadow them)."""

    async def act(step: Step, case_id: str, body: CaseRequest, who: Principal, hq: Headquarters) -> BaseModel:
        command = body.command(case_id, hq, who)
        if not step.path and case.check is not None:
            await case.check(hq, command)
        aggregate = case.aggregate(hq)
        doc = await hq.run_then_read(aggregate, case_id, command, who.context(), collection=case.collection)
        return case.public.model_validate(doc)

    def post(step: Step) -> None:
        params = [
            _parameter("body", step.body),
            _parameter("who", step.role),
            _parameter("hq", HeadquartersDep),
        ]
        if step.path:

            async def run(**kw: Any) -> BaseModel:
                return await act(step, kw.pop(case.id_name), **kw)

            params.insert(0, _parameter(case.id_name, str))
        else:

            async def run(**kw: Any) -> BaseModel:
                return await act(step, f"{case.id_prefix}-{uuid.uuid4().hex[:12]}", **kw)

        router.add_api_route(
            f"/{{{case.id_name}}}/{step.path}" if step.path else "",
            _endpoint(run, step.name, params),
            methods=["POST"],
            response_model=case.public,
            status_code=step.status_code,
            summary=step.summary,
            description=step.description,
            name=step.name,
        )

    async def list_cases(**kw: Any) -> list[BaseModel]:
        where = {k: v for k, v in kw.items() if k in case.filters and v is not None}
        docs = await (await kw["hq"].read_models()).find(case.collection, where)
        return [case.public.model_validate(doc) for doc in docs]

    async def one_case(**kw: Any) -> BaseModel:
        case_id: str = kw[case.id_name]
        missing = f"there is no {case.what} {case_id!r}"
        return case.public.model_validate(await kw["hq"].found(case.collection, case_id, missing))

    reader = [_parameter("_", AnyHq), _parameter("hq", HeadquartersDep)]
    filters = [_parameter(n, Annotated[t | None, Query()], None) for n, t in case.filters.items()]
    post(case.opening)
    router.add_api_route(
        "",
        _endpoint(list_cases, case.reads[0], [*reader, *filters]),
        methods=["GET"],
        response_model=list[case.public],  # type: ignore[name-defined]
        summary=case.summaries[0],
        name=case.reads[0],
    )
    router.add_api_route(
        f"/{{{case.id_name}}}",
        _endpoint(one_case, case.reads[1], [_parameter(case.id_name, str), *reader]),
        methods=["GET"],
        response_model=case.public,
        summary=case.summaries[1],
        name=case.reads[1],
    )
    for step in case.steps:
        post(step)
