"""Which transport the OTLP exporter posts through: the exporter package's urllib3 transport to
a plain `http://` endpoint, the official requests transport wherever requests would do more
(TLS, a proxy, `.netrc` credentials, a credential provider's or the caller's session); either
way the same request reaches the collector."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from opentelemetry.exporter.http.transport._requests import RequestsHTTPTransport
from opentelemetry.exporter.http.transport._urllib3 import Urllib3HTTPTransport
from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans as official
from opentelemetry.exporter.otlp.proto.http import trace_exporter
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from park_shared.telemetry.otlp import OtlpSpanExporter
from park_shared.testing.otlp_sink import OtlpSink, otlp_sink

COLLECTOR = "http://collector:4318/v1/traces"
NOWHERE = "http://127.0.0.1:1/v1/traces"  # nothing listens on port 1
EXPORTER_HEADERS = ("content-type", "user-agent", "content-encoding", "x-tenant")


@pytest.fixture
def sink() -> Iterator[OtlpSink]:
    with otlp_sink() as running:
        yield running


def spans() -> list[ReadableSpan]:
    memory = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(memory))
    with provider.get_tracer("test").start_as_current_span("sign", attributes={"park.stream": "agreement-1"}):
        provider.get_tracer("test").start_span("append").end()
    return list(memory.get_finished_spans())


def transport_of(exporter: OtlpSpanExporter) -> type:
    return type(exporter._client._transport)


def transport_for(endpoint: str) -> type:
    return transport_of(OtlpSpanExporter(endpoint=endpoint))


def posted(
    sink: OtlpSink, exporter: OtlpSpanExporter, batch: list[ReadableSpan]
) -> tuple[bytes, dict[str, str]]:
    assert exporter.export(batch).name == "SUCCESS"
    body, headers = sink.received["/v1/traces"][-1], sink.headers["/v1/traces"][-1]
    lower = {name.lower(): value for name, value in headers.items()}
    return body, {name: lower[name] for name in EXPORTER_HEADERS if name in lower}


def test_a_plain_http_endpoint_is_posted_through_urllib3(sink: OtlpSink) -> None:
    exporter = OtlpSpanExporter(endpoint=f"{sink.url}/v1/traces")
    assert transport_of(exporter) is Urllib3HTTPTransport
    batch = spans()
    body, headers = posted(sink, exporter, batch)
    assert body == official(batch).SerializePartialToString()
    assert headers["content-type"] == "application/x-protobuf"
    assert headers["user-agent"].startswith("OTel-OTLP-Exporter-Python/")
    exporter.shutdown()  # type: ignore[no-untyped-call]


@pytest.mark.parametrize("compression", ["none", "gzip"])
def test_both_transports_post_the_same_request(
    sink: OtlpSink, monkeypatch: pytest.MonkeyPatch, compression: str
) -> None:
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_TRACES_HEADERS", "x-tenant=zone-a")
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", compression)
    endpoint, batch = f"{sink.url}/v1/traces", spans()
    through_urllib3 = OtlpSpanExporter(endpoint=endpoint)
    through_requests = OtlpSpanExporter(endpoint=endpoint, session=requests.Session())
    assert transport_of(through_requests) is RequestsHTTPTransport
    request = posted(sink, through_urllib3, batch)
    assert request == posted(sink, through_requests, batch)
    assert request[1]["x-tenant"] == "zone-a"
    assert request[1].get("content-encoding") == (None if compression == "none" else compression)


def test_one_connection_serves_the_batches(sink: OtlpSink) -> None:
    exporter = OtlpSpanExporter(endpoint=f"{sink.url}/v1/traces")
    for _ in range(3):
        posted(sink, exporter, spans())
    assert (sink.count, sink.connections) == (3, 1)


def test_an_endpoint_that_does_not_answer_fails_the_export() -> None:
    for exporter in (
        OtlpSpanExporter(endpoint=NOWHERE, timeout=0.5),
        OtlpSpanExporter(endpoint=NOWHERE, timeout=0.5, session=requests.Session()),
    ):
        assert exporter.export(spans()).name == "FAILURE"


def test_tls_keeps_the_requests_transport() -> None:
    assert transport_for("https://collector:4318/v1/traces") is RequestsHTTPTransport


def test_a_proxy_from_the_environment_keeps_requests_unless_the_host_bypasses_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://proxy:3128")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    assert transport_for(COLLECTOR) is RequestsHTTPTransport
    monkeypatch.setenv("NO_PROXY", "collector")
    assert transport_for(COLLECTOR) is Urllib3HTTPTransport


def test_netrc_credentials_for_the_host_keep_requests(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text("machine collector login park password secret\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    assert transport_for(COLLECTOR) is RequestsHTTPTransport
    assert transport_for("http://other:4318/v1/traces") is Urllib3HTTPTransport


@pytest.mark.parametrize(
    "variable",
    [
        "OTEL_PYTHON_EXPORTER_OTLP_HTTP_CREDENTIAL_PROVIDER",
        "OTEL_PYTHON_EXPORTER_OTLP_HTTP_TRACES_CREDENTIAL_PROVIDER",
    ],
)
def test_a_credential_provider_s_session_is_kept(monkeypatch: pytest.MonkeyPatch, variable: str) -> None:
    provided = requests.Session()
    monkeypatch.setattr(trace_exporter, "_load_session_from_envvar", lambda _: provided)  # its entry point's
    monkeypatch.setenv(variable, "zone-credentials")
    transport = OtlpSpanExporter(endpoint=COLLECTOR)._client._transport
    assert type(transport) is RequestsHTTPTransport
    assert transport._session is provided
