"""The HTTP transport the OTLP span exporter posts through: the exporter package's own urllib3
transport where it sends what the SDK's default (`requests`) transport would send, that one
everywhere else.

Both are the `BaseHTTPTransport`s of opentelemetry-exporter-http-transport, under the same
`_OTLPHTTPClient` (the timeout, the retries with backoff on the retryable statuses and on
connection errors, the compression, the headers); a post through urllib3 costs about a third of
one through a `requests.Session` (its environment merged, its hooks, its adapter, at every post).
urllib3 is taken only where the two send the same request: a plain `http://` endpoint (TLS
settings apply to neither, so certificates stay `requests`' business), no session of the
caller's or of a credential provider, no client certificate configured (`requests` checks that
its files exist even for `http://`), and none of what a `Session` reads from the environment:
a proxy for the endpoint, a netrc entry for its host (read once, when the exporter is made)."""

from __future__ import annotations

import os

from opentelemetry.exporter.http.transport._base import BaseHTTPTransport
from opentelemetry.exporter.http.transport._urllib3 import Urllib3HTTPTransport
from opentelemetry.sdk.environment_variables import (
    _OTEL_PYTHON_EXPORTER_OTLP_HTTP_CREDENTIAL_PROVIDER,
    _OTEL_PYTHON_EXPORTER_OTLP_HTTP_TRACES_CREDENTIAL_PROVIDER,
    OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE,
    OTEL_EXPORTER_OTLP_TRACES_CLIENT_CERTIFICATE,
)

__all__ = ["plain_http_transport"]


def plain_http_transport(endpoint: str, client_certificate_file: str | None) -> BaseHTTPTransport | None:
    """urllib3's transport for posting to `endpoint` when it sends what `requests` would; None
    when the SDK's default transport is to be built (see above)."""
    if not endpoint.lower().startswith("http://"):
        return None
    if (
        client_certificate_file
        or os.environ.get(OTEL_EXPORTER_OTLP_TRACES_CLIENT_CERTIFICATE)
        or os.environ.get(OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE)
        or os.environ.get(_OTEL_PYTHON_EXPORTER_OTLP_HTTP_CREDENTIAL_PROVIDER)
        or os.environ.get(_OTEL_PYTHON_EXPORTER_OTLP_HTTP_TRACES_CREDENTIAL_PROVIDER)
    ):
        return None
    from requests.utils import get_environ_proxies, get_netrc_auth, select_proxy

    if select_proxy(endpoint, get_environ_proxies(endpoint)) is not None or get_netrc_auth(endpoint):
        return None
    return Urllib3HTTPTransport(verify=True, cert=None)
