"""The OTLP/HTTP span exporter (its endpoint, headers, compression, transport, timeout, size
limit and metrics), its request body written by telemetry/otlp_bytes.py rather than through
the official encoder's message objects, posted through urllib3 where that sends what
`requests` would (telemetry/otlp_transport.py); `send` posts a body already written (for the
batches of telemetry/batching.py, whose spans are written as each ends)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans as official_encode_spans
from opentelemetry.exporter.otlp.proto.http._common import (
    RequestPayloadTooLargeError,
    _is_request_too_large,
    _resolve_endpoint,
)
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.environment_variables import OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import SpanExportResult
from opentelemetry.semconv.attributes.http_attributes import HTTP_RESPONSE_STATUS_CODE

from park_shared.telemetry.otlp_bytes import encode_spans
from park_shared.telemetry.otlp_transport import plain_http_transport

if TYPE_CHECKING:
    import requests
    from opentelemetry.exporter.otlp.common import http as _http
    from opentelemetry.exporter.otlp.proto.http import Compression
    from opentelemetry.metrics import MeterProvider

__all__ = ["OtlpSpanExporter", "encode_spans"]

_logger = logging.getLogger(__name__)


class OtlpSpanExporter(OTLPSpanExporter):
    """The OTLP/HTTP span exporter, its request body written by `encode_spans`."""

    def __init__(
        self,
        endpoint: str | None = None,
        certificate_file: str | None = None,
        client_key_file: str | None = None,
        client_certificate_file: str | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
        compression: Compression | _http.Compression | None = None,
        session: requests.Session | None = None,
        *,
        max_request_size: int | None = None,
        meter_provider: MeterProvider | None = None,
    ) -> None:
        """The official exporter's arguments; its transport urllib3's when that posts the same."""
        resolved = endpoint or _resolve_endpoint(OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, "v1/traces")
        transport = None if session is not None else plain_http_transport(resolved, client_certificate_file)
        if transport is not None:
            super().__init__(
                endpoint,
                headers=headers,
                timeout=timeout,
                compression=compression,
                max_request_size=max_request_size,
                meter_provider=meter_provider,
                _transport=transport,
            )
            return
        super().__init__(
            endpoint,
            certificate_file,
            client_key_file,
            client_certificate_file,
            headers,
            timeout,
            compression,
            session,
            max_request_size=max_request_size,
            meter_provider=meter_provider,
        )

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        def body() -> bytes:
            data = encode_spans(spans)
            return data if data is not None else official_encode_spans(spans).SerializePartialToString()

        return self.send(len(spans), body)

    def send(self, count: int, body: Callable[[], bytes]) -> SpanExportResult:
        """Posts the request `body()` writes for `count` spans, as `export` posts a batch's."""
        if self._shutdown:
            _logger.warning("Exporter already shutdown, ignoring batch")
            return SpanExportResult.FAILURE
        with self._metrics.export_operation(count) as result:
            try:
                data = body()
            except Exception as error:  # noqa: BLE001 - as the official exporter
                _logger.error("Failed to encode span batch: %s", error)
                result.error = error
                return SpanExportResult.FAILURE
            if _is_request_too_large(data, self._max_request_size):
                _logger.warning(
                    "Dropping span batch: serialized size %d bytes exceeds max_request_size %d bytes.",
                    len(data),
                    self._max_request_size,
                )
                result.error = RequestPayloadTooLargeError(
                    f"Serialized span request size {len(data)} bytes exceeds max_request_size "
                    f"{self._max_request_size} bytes."
                )
                return SpanExportResult.FAILURE
            exported = self._client.export(data)
            if not exported.success:
                result.error = exported.error
                result.error_attrs = (
                    {HTTP_RESPONSE_STATUS_CODE: exported.status_code}
                    if exported.status_code is not None
                    else None
                )
                return SpanExportResult.FAILURE
        return SpanExportResult.SUCCESS
