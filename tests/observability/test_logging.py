"""Structured logs: one JSON object a line with the service, the trace and span it was written
in and the correlation id; no personal data in messages, tracebacks or access lines."""

from __future__ import annotations

import contextvars
import json
import logging
import sys
from typing import Any

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from park_shared.logging_setup import bind_correlation, setup_logging

log = logging.getLogger("park_tests.observability")


def last_line(err: str) -> dict[str, Any]:
    lines = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert lines, err
    entry: dict[str, Any] = lines[-1]
    return entry


def test_a_record_carries_service_trace_span_and_correlation(capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging("log-test", fmt="json")
    span = TracerProvider().get_tracer("test").start_span("work")  # not the process's provider

    def work() -> None:
        bind_correlation("conversation-1")
        with trace.use_span(span, end_on_exit=True):
            log.warning("lead %s refused", "lead-1")

    contextvars.copy_context().run(work)
    entry = last_line(capsys.readouterr().err)
    ctx = span.get_span_context()
    assert entry["service"] == "log-test" and entry["level"] == "WARNING"
    assert entry["logger"] == "park_tests.observability" and entry["message"] == "lead lead-1 refused"
    assert (entry["trace_id"], entry["span_id"]) == (f"{ctx.trace_id:032x}", f"{ctx.span_id:016x}")
    assert entry["correlation_id"] == "conversation-1"

    log.warning("outside any span")
    entry = last_line(capsys.readouterr().err)
    assert "trace_id" not in entry and "correlation_id" not in entry


def test_personal_data_does_not_reach_the_log(capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging("log-test", fmt="json")
    log.warning("referrer li.wei@example.com called from +86 139 0000 1234 about 11010519491231002X")
    message = last_line(capsys.readouterr().err)["message"]
    assert message == "referrer <email> called from <phone> about <id>"
    try:
        raise ValueError("1 validation error\n  input_value='陈建国 13900001234', input_type=str")
    except ValueError:
        log.exception("invalid event")
    entry = last_line(capsys.readouterr().err)
    assert "ValueError" in entry["exception"] and "input_value=<redacted>" in entry["exception"]
    assert "陈建国" not in entry["exception"] and "13900001234" not in entry["exception"]


def test_an_access_line_keeps_method_path_and_status_only(capsys: pytest.CaptureFixture[str]) -> None:
    access = logging.getLogger("uvicorn.access")
    level, handlers, propagate = access.level, access.handlers[:], access.propagate
    # as uvicorn configures it (its own handler, not propagating), writing to this test's stderr
    access.handlers, access.propagate = [logging.StreamHandler(sys.stderr)], False
    access.setLevel(logging.INFO)
    try:
        setup_logging("log-test", fmt="json")  # formats uvicorn's configured handlers
        client, path = "203.0.113.7:51234", "/leads?referrer_phone=13900001234"
        access.info('%s - "%s %s HTTP/%s" %d', client, "POST", path, "1.1", 201)
    finally:
        access.handlers, access.propagate = handlers, propagate
        access.setLevel(level)
    entry = last_line(capsys.readouterr().err)
    assert entry["message"] == "POST /leads 201"
    assert entry["http"] == {"method": "POST", "path": "/leads", "status": 201}
    assert "203.0.113.7" not in json.dumps(entry)


def test_text_lines_for_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging("log-test", fmt="text")
    try:
        log.warning("mail li.wei@example.com")
        line = capsys.readouterr().err.strip().splitlines()[-1]
        assert line.endswith("WARNING park_tests.observability mail <email>")
    finally:
        setup_logging("log-test", fmt="json")
