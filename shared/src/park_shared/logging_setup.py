"""Structured logs: one JSON object a line with the service, the trace and span they were
written in, and the conversation (correlation id) of the events being stored, so that a log
line leads to its trace and to everything else said in the same conversation.

No personal data: messages and tracebacks pass through `redact` (e-mail addresses, phone
numbers, identity and credit codes, the input values pydantic quotes in its errors), and the
access log keeps method, path (no query) and status, not the client's address."""

from __future__ import annotations

import logging
import re
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

import orjson
from opentelemetry import trace

from park_shared.telemetry.config import ObservabilitySettings

__all__ = ["JsonFormatter", "bind_correlation", "redact", "setup_logging"]

_correlation: ContextVar[str | None] = ContextVar("park_correlation_id", default=None)
_service = "park"

_CODE = "[0-9A-HJ-NP-RTUW-Y]"  # the characters of a unified social credit code
_REDACTIONS = [
    (
        re.compile(r"input_value=(?:'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|[^,\]\s)]+)"),
        "input_value=<redacted>",
    ),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "<email>"),
    (re.compile(r"(?<![\w+])\+?(?:86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)"), "<phone>"),
    (re.compile(r"\+\d{1,3}(?:[ -]?\d){7,12}(?!\d)"), "<phone>"),
    (re.compile(rf"(?<![0-9A-Z])(?:\d{{17}}[\dX]|{_CODE}{{2}}\d{{6}}{_CODE}{{10}})(?![0-9A-Z])"), "<id>"),
]


def redact(text: str) -> str:
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


def bind_correlation(correlation_id: str | None) -> None:
    """The conversation the current task works in, for the log records that follow."""
    _correlation.set(correlation_id)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        message, http = _message(record)
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "service": _service,
            **_trace_fields(),
            "message": message,
        }
        if http:
            entry["http"] = http
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return orjson.dumps(entry, default=str).decode()


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields = " ".join(f"{k}={v}" for k, v in _trace_fields().items())
        line = f"{self.formatTime(record)} {record.levelname} {record.name} {_message(record)[0]}"
        if record.exc_info:
            line += "\n" + redact(self.formatException(record.exc_info))
        return line + (f" [{fields}]" if fields else "")


def _message(record: logging.LogRecord) -> tuple[str, dict[str, Any] | None]:
    """The record's message, redacted; an access log line as method, path and status only."""
    if record.name == "uvicorn.access" and isinstance(record.args, tuple) and len(record.args) == 5:
        _, method, path, _, status = record.args
        path = redact(str(path).split("?", 1)[0])
        return f"{method} {path} {status}", {"method": method, "path": path, "status": status}
    return redact(record.getMessage()), None


def _trace_fields() -> dict[str, str]:
    fields: dict[str, str] = {}
    span = trace.get_current_span().get_span_context()
    if span.is_valid:
        fields["trace_id"] = format(span.trace_id, "032x")
        fields["span_id"] = format(span.span_id, "016x")
    if (correlation := _correlation.get()) is not None:
        fields["correlation_id"] = correlation
    return fields


QUIET_LIBRARIES = ("httpx", "httpcore")


class _ParkHandler(logging.Handler):
    """The one handler setup_logging adds to the root logger (found again on a second call);
    it writes to the stderr of the moment."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
        except Exception:  # noqa: BLE001 - logging must not raise
            self.handleError(record)


def setup_logging(service: str, *, fmt: str | None = None, level: str | None = None) -> None:
    """Called from a service's lifespan: the root logger writes JSON (PARK_LOG_FORMAT=json, the
    default) or text lines to stderr at PARK_LOG_LEVEL; uvicorn's configured handlers write the
    same way. Other handlers (a test runner's) are left as they are; a second call only
    updates the service name."""
    global _service
    _service = service
    settings = ObservabilitySettings()
    formatter = JsonFormatter() if (fmt or settings.park_log_format) == "json" else TextFormatter()
    root = logging.getLogger()
    handler = next((h for h in root.handlers if isinstance(h, _ParkHandler)), None)
    if handler is None:
        handler = _ParkHandler()
        root.addHandler(handler)
    handler.setFormatter(formatter)
    wanted = logging.getLevelName(level or settings.park_log_level)
    if root.level == logging.NOTSET or root.level > wanted:
        root.setLevel(wanted)
    for chatty in QUIET_LIBRARIES:  # a line per outgoing request: only their warnings, unless debugging
        logging.getLogger(chatty).setLevel(logging.DEBUG if wanted == logging.DEBUG else logging.WARNING)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        for configured in logging.getLogger(name).handlers:
            configured.setFormatter(formatter)
