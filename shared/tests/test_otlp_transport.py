"""The suite's OTLP span exporter posts through urllib3 where that sends what the official
exporter (through `requests`) sends, and otherwise through `requests` as it does
(telemetry/otlp_transport.py): against a local HTTP server, the two exporters send the same
bodies and headers (compressed alike), retry the same retryable statuses, give up alike on the
others and on a timeout."""

from __future__ import annotations

import gzip
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests
from opentelemetry.exporter.http.transport._requests import RequestsHTTPTransport
from opentelemetry.exporter.http.transport._urllib3 import Urllib3HTTPTransport
from opentelemetry.exporter.otlp.proto.http import Compression
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor, SpanExportResult
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from park_shared.telemetry.otlp import OtlpSpanExporter

CLIENTS_OWN = {"accept", "accept-encoding", "connection"}
"""Headers a `requests.Session` adds to every request (`*/*`, `gzip, deflate`, `keep-alive`),
and http.client under urllib3 the second (`identity`): what the client takes back, not what it
sends; the collector reads none of them."""


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Collector:
    url: str
    answers: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    """The statuses (and headers) the next posts get, in turn; then 200."""
    delay: float = 0.0
    seen: list[Seen] = field(default_factory=list)


@pytest.fixture
def collector() -> Iterator[Collector]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    found = Collector(f"http://127.0.0.1:{server.server_address[1]}/v1/traces")
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with lock:
                found.seen.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                status, headers = found.answers.pop(0) if found.answers else (200, {})
            time.sleep(found.delay)
            try:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Type", "application/x-protobuf")
                self.send_header("Content-Length", "0")
                self.end_headers()
            except OSError:  # the client gave up waiting
                pass

        def log_message(self, format: str, *args: object) -> None:
            return None

    server.RequestHandlerClass = Handler
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield found
    finally:
        server.shutdown()
        server.server_close()


def recorded() -> list[ReadableSpan]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    provider.get_tracer("park").start_span("command OpenCase", attributes={"park.stream_id": "c-1"}).end()
    return list(exporter.get_finished_spans())


SPANS = recorded()


def both(collector: Collector, **settings: object) -> tuple[OTLPSpanExporter, OtlpSpanExporter]:
    official = OTLPSpanExporter(endpoint=collector.url, **settings)  # type: ignore[arg-type]
    ours = OtlpSpanExporter(endpoint=collector.url, **settings)  # type: ignore[arg-type]
    assert type(official._client._transport) is RequestsHTTPTransport
    assert type(ours._client._transport) is Urllib3HTTPTransport
    return official, ours


def exported(collector: Collector, exporter: OTLPSpanExporter) -> tuple[SpanExportResult, list[Seen]]:
    collector.seen = []
    result = exporter.export(SPANS)
    return result, collector.seen


def test_the_two_post_the_same_request(collector: Collector, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_TRACES_HEADERS", "api-key=secret,x-tenant=park")
    official, ours = both(collector, headers={"X-Given": "1"})
    (theirs, [sent]), (mine, [posted]) = exported(collector, official), exported(collector, ours)
    assert theirs is mine is SpanExportResult.SUCCESS
    assert (posted.path, posted.body) == (sent.path, sent.body) == ("/v1/traces", posted.body)
    assert posted.headers["api-key"] == "secret" and posted.headers["x-given"] == "1"
    assert {k: v for k, v in sent.headers.items() if k not in CLIENTS_OWN} == {
        k: v for k, v in posted.headers.items() if k not in CLIENTS_OWN
    }


@pytest.mark.parametrize("given", [False, True], ids=["environment", "argument"])
@pytest.mark.parametrize(("setting", "decompress"), [("gzip", gzip.decompress), ("deflate", zlib.decompress)])
def test_compressed_alike(
    collector: Collector, monkeypatch: pytest.MonkeyPatch, setting: str, decompress: object, given: bool
) -> None:
    if given:
        official, ours = both(collector, compression=Compression(setting))
    else:
        monkeypatch.setenv("OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", setting)
        official, ours = both(collector)
    (_, [sent]), (_, [posted]) = exported(collector, official), exported(collector, ours)
    assert posted.headers["content-encoding"] == sent.headers["content-encoding"] == setting
    assert decompress(posted.body) == decompress(sent.body)  # type: ignore[operator]


def test_the_retryable_statuses_are_retried_alike(collector: Collector) -> None:
    for exporter in both(collector):
        collector.answers = [(503, {"Retry-After": "0"}), (429, {"Retry-After": "0"})]
        result, seen = exported(collector, exporter)
        assert result is SpanExportResult.SUCCESS
        assert len(seen) == 3


def test_the_others_are_not(collector: Collector) -> None:
    for exporter in both(collector):
        collector.answers = [(400, {})]
        result, seen = exported(collector, exporter)
        assert result is SpanExportResult.FAILURE
        assert len(seen) == 1


def test_a_post_gives_up_at_the_timeout(collector: Collector) -> None:
    collector.delay = 1.5
    for exporter in both(collector, timeout=0.3):
        started = time.monotonic()
        result, seen = exported(collector, exporter)
        assert result is SpanExportResult.FAILURE
        assert seen and time.monotonic() - started < 1.2


def test_requests_posts_what_urllib3_would_not_post_alike(
    collector: Collector, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def transport(**settings: object) -> type:
        return type(OtlpSpanExporter(**settings)._client._transport)  # type: ignore[arg-type]

    assert transport(endpoint=collector.url) is Urllib3HTTPTransport
    assert transport(endpoint=collector.url.replace("http:", "https:")) is RequestsHTTPTransport
    assert transport(endpoint=collector.url, session=requests.Session()) is RequestsHTTPTransport
    assert transport(endpoint=collector.url, client_certificate_file="client.pem") is RequestsHTTPTransport
    with monkeypatch.context() as env:
        env.setenv("OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE", "client.pem")
        assert transport(endpoint=collector.url) is RequestsHTTPTransport
    with monkeypatch.context() as env:
        env.setenv("HTTP_PROXY", "http://proxy.invalid:3128")
        assert transport(endpoint=collector.url) is RequestsHTTPTransport
        env.setenv("NO_PROXY", "127.0.0.1")
        assert transport(endpoint=collector.url) is Urllib3HTTPTransport
    with monkeypatch.context() as env:
        env.setenv("HTTPS_PROXY", "http://proxy.invalid:3128")  # not for an http:// endpoint
        assert transport(endpoint=collector.url) is Urllib3HTTPTransport
    with monkeypatch.context() as env:
        netrc = tmp_path / "netrc"
        netrc.write_text("machine 127.0.0.1 login park password secret\n")
        netrc.chmod(0o600)
        env.setenv("NETRC", str(netrc))
        assert transport(endpoint=collector.url) is RequestsHTTPTransport
    with monkeypatch.context() as env:
        env.setenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", collector.url.replace("http:", "https:"))
        assert transport() is RequestsHTTPTransport


def test_a_batch_above_the_size_limit_is_dropped_alike(collector: Collector) -> None:
    for exporter in both(collector, max_request_size=64):
        result, seen = exported(collector, exporter)
        assert result is SpanExportResult.FAILURE
        assert seen == []
