"""The OTLP/HTTP span exporter (its endpoint, headers, compression, transport, timeout, size
limit and metrics), its request body written by telemetry/otlp_bytes.py rather than through
the official encoder's message objects; `send` posts a body already written (for the batches of
telemetry/batching.py, whose spans are written as each ends).

To a plain `http://` endpoint that requests would reach without a proxy and without `.netrc`
credentials, and with no credential provider's session, the batches go through the exporter
package's own urllib3 transport, which posts the same request without requests' per-request
steps (merging the environment's settings, preparing, hooks: about two thirds of an export's
calls). Any other endpoint keeps the official requests transport."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

import requests.utils
from opentelemetry.exporter.http.transport._requests import RequestsHTTPTransport
from opentelemetry.exporter.http.transport._urllib3 import Urllib3HTTPTransport
from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans as official_encode_spans
from opentelemetry.exporter.otlp.proto.http._common import RequestPayloadTooLargeError, _is_request_too_large
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.environment_variables import (
    _OTEL_PYTHON_EXPORTER_OTLP_HTTP_CREDENTIAL_PROVIDER,
    _OTEL_PYTHON_EXPORTER_OTLP_HTTP_TRACES_CREDENTIAL_PROVIDER,
)
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import SpanExportResult
from opentelemetry.semconv.attributes.http_attributes import HTTP_RESPONSE_STATUS_CODE

from park_shared.telemetry.otlp_bytes import encode_spans

__all__ = ["OtlpSpanExporter", "encode_spans", "plain_endpoint"]

_logger = logging.getLogger(__name__)


class OtlpSpanExporter(OTLPSpanExporter):
    """The OTLP/HTTP span exporter, its request body written by `encode_spans`."""

    def __init__(self, endpoint: str | None = None, **settings: Any) -> None:
        super().__init__(endpoint, **settings)
        client = self._client
        if (
            "session" not in settings
            and type(client._transport) is RequestsHTTPTransport
            and plain_endpoint(self._endpoint)
        ):
            client._transport.close()
            client._transport = Urllib3HTTPTransport()

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


def plain_endpoint(endpoint: str) -> bool:
    """Whether requests would post to `endpoint` as it is: `http://`, no proxy from the
    environment, no `.netrc` credentials, no credential provider named."""
    if urlsplit(endpoint).scheme != "http":
        return False
    if os.environ.get(_OTEL_PYTHON_EXPORTER_OTLP_HTTP_CREDENTIAL_PROVIDER) or os.environ.get(
        _OTEL_PYTHON_EXPORTER_OTLP_HTTP_TRACES_CREDENTIAL_PROVIDER
    ):
        return False
    return (
        not requests.utils.get_environ_proxies(endpoint) and requests.utils.get_netrc_auth(endpoint) is None
    )
