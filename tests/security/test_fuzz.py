"""schemathesis against every service's own OpenAPI, in-process (ASGI, lifespan included), on
each backend (real Kafka + FerretDB with PARK_REAL=1, where PostgreSQL refuses what SQLite keeps,
such as U+0000): every operation first gets the boundary cases schemathesis derives from its
schema (its coverage phase: each parameter and field at its limits and just past them, missing,
of the wrong type; deterministic, a few dozen an operation), then generated valid requests, and
an operation with a body generated invalid ones. Checks: no 5xx; every answer's status is one the
document lists, and a documented response conforms (content type, schema); invalid input is
refused; a refused request writes nothing (each request carries its own token subject, and no
event stored while it ran names it); no error body shows internals. Budget of the generated
requests: PARK_FUZZ_EXAMPLES per operation (default 3) while the service is within
PARK_FUZZ_SECONDS (default 12), then one per operation, so every operation is exercised."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from itertools import count
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from park_shared.events import EventMeta
from park_shared.testing.apps import auth_header
from park_shared.testing.pytest_plugin import settings_for
from schemathesis import Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.python import asgi
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from .conftest import SERVICES, every_role
from .test_route_authz import LEAKS

EXAMPLES = int(os.environ.get("PARK_FUZZ_EXAMPLES", "3"))
SECONDS = float(os.environ.get("PARK_FUZZ_SECONDS", "12"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
SKIPPED = {"/metrics"}  # plain-text Prometheus output; not a JSON API
OVERRIDES: dict[str, dict[str, Any]] = {  # the SSE stream ends soon
    "dashboard": {"stream_max_seconds": 0.5, "stream_heartbeat_seconds": 0.1}
}


@pytest.fixture
def service(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Any]]:
    backend, name = request.param
    spec = SERVICES[name]
    servers = request.getfixturevalue("real_servers") if backend == "real" else None
    settings = settings_for(backend, tmp_path / name, servers).model_dump()
    app = spec.create_app(spec.settings(**{**settings, **OVERRIDES.get(name, {})}))
    try:
        with asgi.get_client(app) as client:  # starts the lifespan in schemathesis' event loop
            _wait_ready(client)
        yield name, app
    finally:
        asgi.shutdown_lifespans()


def _wait_ready(client: asgi.ASGIClient) -> None:
    for _ in range(300):
        if client.get("/ready").status_code == 200:
            return
        asgi._get_portal().call(_sleep)  # the loop the app runs on
    raise AssertionError("the app did not become ready")


async def _sleep() -> None:
    import asyncio

    await asyncio.sleep(0.05)


class Fuzzer:
    def __init__(self, name: str, app: Any) -> None:
        self.department = SERVICES[name].department
        self.runtime = app.state.runtime
        self.portal = asgi._get_portal()
        self.subjects = count()
        self.failures: dict[str, str] = {}
        self.deadline = time.monotonic() + SECONDS

    def records_since(self, position: int) -> list[Any]:
        return list(self.portal.call(self.runtime.store.read_all, position, 10_000))

    def position(self) -> int:
        return int(self.portal.call(self.runtime.store.last_position))

    def exercise(self, case: Case, mode: GenerationMode) -> None:
        subject = f"fuzz-{next(self.subjects)}"
        before = self.position()
        headers = auth_header(self.department, *every_role(), subject=subject)
        response = case.call(headers=headers)
        extra = [negative_data_rejection] if mode is GenerationMode.NEGATIVE else []
        case.validate_response(response, checks=CHECKS + extra, headers=headers)
        if response.status_code >= 400:
            leaked = [leak for leak in LEAKS if leak in response.text]
            assert not leaked, f"{response.status_code} body shows {leaked}: {response.text[:300]}"
            mine = [
                r
                for r in self.records_since(before)
                if EventMeta.from_json(r.meta_json).actor.endswith(subject)
            ]
            assert not mine, f"a refused request ({response.status_code}) stored {[r.type for r in mine]}"

    def cover(self, schema: Any, operation: Any, mode: GenerationMode) -> None:
        cases = schema.iter_coverage_cases(
            operation, generation_modes=[mode], generation_config=schema.config.generation
        )
        try:
            for case in cases:
                self.exercise(case, mode)
        except (Exception, BaseExceptionGroup) as failure:  # the operation's first failing case
            self.failures[f"{operation.label} [coverage, {mode.value}]"] = describe(failure)

    def run(self, operation: Any, mode: GenerationMode) -> None:
        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES if time.monotonic() < self.deadline else 1,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            phases=[Phase.explicit, Phase.generate, Phase.shrink],
        )
        def fuzz(case: Case) -> None:
            self.exercise(case, mode)

        try:
            fuzz()
        except Unsatisfiable:
            pass  # nothing of this operation can be made invalid
        except (Exception, BaseExceptionGroup) as failure:  # collected, reported at the end
            self.failures[f"{operation.label} [{mode.value}]"] = describe(failure)


BACKENDS = [
    *[pytest.param(("embedded", name), id=name) for name in SERVICES],
    *[pytest.param(("real", name), id=f"real-{name}", marks=pytest.mark.real) for name in SERVICES],
]


# on Kafka, aiokafka (in the app's event loop thread) draws from `random` while Hypothesis
# generates a case in this one, which Hypothesis takes for a strategy using `random`
@pytest.mark.filterwarnings("ignore:Do not use the `random` module inside strategies")
@pytest.mark.parametrize("service", BACKENDS, indirect=True)
def test_fuzz_every_operation(service: tuple[str, Any]) -> None:
    name, app = service
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    schema.config.generation.update(allow_extra_parameters=False, with_security_parameters=False)
    fuzzer = Fuzzer(name, app)
    operations = [r.ok() for r in schema.get_all_operations()]
    operations = [op for op in operations if op.path not in SKIPPED]
    assert operations
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            fuzzer.cover(schema, operation, mode)
    fuzzer.deadline = time.monotonic() + SECONDS  # the generated requests' budget starts now
    for operation in operations:
        fuzzer.run(operation, GenerationMode.POSITIVE)
    for operation in operations:
        if "requestBody" in operation.definition.raw:
            fuzzer.run(operation, GenerationMode.NEGATIVE)
    report = "\n\n".join(f"== {label}\n{text}" for label, text in fuzzer.failures.items())
    assert not fuzzer.failures, f"{name}: {len(fuzzer.failures)} failing operations\n{report}"


def describe(failure: BaseException) -> str:
    """A check's failure as schemathesis words it; an exception the app raised with its origin."""
    if isinstance(failure, AssertionError | BaseExceptionGroup):
        return str(failure)[:1500]
    tb = failure.__traceback__
    frames = []
    while tb is not None:
        frames.append(f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}")
        tb = tb.tb_next
    app_frames = [f for f in frames if "/services/" in f or "/park_shared/" in f]
    return f"the app raised {type(failure).__name__}: {failure} at {app_frames[-3:] or frames[-3:]}"
