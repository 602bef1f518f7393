"""A local OTLP/HTTP endpoint for tests and benchmarks: it answers every POST with 200 and
counts the bodies (keeping them and their headers by path when asked), on a free loopback
port, over HTTP/1.1 connections kept open between requests as a collector keeps them."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["OtlpSink", "otlp_sink"]


@dataclass
class OtlpSink:
    url: str
    keep: bool
    received: dict[str, list[bytes]] = field(default_factory=dict)
    """The bodies by path (`/v1/traces`, `/v1/metrics`), when kept."""
    headers: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    """Each kept body's request headers, by path, in the same order."""
    count: int = 0
    connections: int = 0


@contextmanager
def otlp_sink(*, keep: bool = True) -> Iterator[OtlpSink]:
    """Serves until the block ends; `keep=False` only counts (a long benchmark's exports)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    sink = OtlpSink(f"http://127.0.0.1:{server.server_address[1]}", keep)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            with lock:
                sink.connections += 1

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with lock:
                sink.count += 1
                if sink.keep:
                    sink.received.setdefault(self.path, []).append(body)
                    sink.headers.setdefault(self.path, []).append(dict(self.headers.items()))
            self.send_response(200)
            self.send_header("Content-Type", "application/x-protobuf")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            return None

    server.RequestHandlerClass = Handler
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield sink
    finally:
        server.shutdown()
        server.server_close()
