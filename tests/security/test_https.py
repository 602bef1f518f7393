"""HTTPS at the edge: each service, run as its own process (`python -m park_<service>`) with
PARK_TLS_CERTFILE / PARK_TLS_KEYFILE from the deployment's CA (park_shared.tls), serves HTTPS that a
client trusting that CA verifies; a client offering no TLS gets no HTTP answer on that port, and
a client that does not trust the CA refuses the server."""

from __future__ import annotations

import os
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from park_shared.testing._process import free_port
from park_shared.tls import Ca, ensure_ca, issue_server

SERVICES = ("dashboard", "headquarters", "service-center", "industrial-co", "investment")
KEY_PASSWORD = "investment-key-password"  # one service's key is encrypted: PARK_TLS_KEYFILE_PASSWORD


@dataclass
class Served:
    name: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path


@pytest.fixture(scope="module")
def ca(tmp_path_factory: pytest.TempPathFactory) -> Ca:
    return ensure_ca(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="module")
def served(ca: Ca, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Served]]:
    base = tmp_path_factory.mktemp("https")
    running: dict[str, Served] = {}
    try:
        for name in SERVICES:
            running[name] = start(name, ca, base)
        for one in running.values():
            wait_ready(one, ca)
        yield running
    finally:
        for one in running.values():
            one.process.terminate()
        for one in running.values():
            try:
                one.process.wait(15)
            except subprocess.TimeoutExpired:
                one.process.kill()
                one.process.wait(5)


def start(name: str, ca: Ca, base: Path) -> Served:
    password = KEY_PASSWORD if name == "investment" else None
    files = issue_server(ca, base / "certs", name, ["localhost", "127.0.0.1"], key_password=password)
    port = free_port()
    env = {
        **os.environ,
        "PARK_ENV": "test",
        "PARK_DATA_DIR": str(base / "data"),
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "PARK_TLS_CERTFILE": str(files.cert_file),
        "PARK_TLS_KEYFILE": str(files.key_file),
        **({"PARK_TLS_KEYFILE_PASSWORD": password} if password else {}),
    }
    log = base / f"{name}.log"
    module = f"park_{name.replace('-', '_')}"
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", module], env=env, stdout=out, stderr=out)
    return Served(name, port, process, log)


def wait_ready(one: Served, ca: Ca, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if one.process.poll() is not None:
            raise RuntimeError(f"{one.name} exited: {one.log.read_text()[-2000:]}")
        try:
            if https_get(one, ca, "/health").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{one.name} was not serving HTTPS after {timeout}s: {one.log.read_text()[-2000:]}")


def https_get(one: Served, ca: Ca, path: str, host: str = "127.0.0.1") -> httpx.Response:
    trusted = ssl.create_default_context(cafile=ca.cert_file)
    return httpx.get(f"https://{host}:{one.port}{path}", verify=trusted, timeout=5.0)


def test_each_service_serves_https_verified_by_the_deployments_ca(served: dict[str, Served], ca: Ca) -> None:
    for one in served.values():
        for host in ("127.0.0.1", "localhost"):
            response = https_get(one, ca, "/openapi.json", host)
            assert response.status_code == 200, one.name
            assert response.json()["openapi"].startswith("3."), one.name
        assert https_get(one, ca, "/ready").status_code == 200, one.name


def test_a_client_offering_no_tls_gets_no_http_answer(served: dict[str, Served]) -> None:
    for one in served.values():
        with pytest.raises(httpx.TransportError):
            httpx.get(f"http://127.0.0.1:{one.port}/health", timeout=5.0)
        assert plain_http_answer(one.port)[:5] != b"HTTP/", one.name


def test_a_client_not_trusting_the_ca_refuses_the_server(served: dict[str, Served], tmp_path: Path) -> None:
    stranger = ssl.create_default_context(cafile=ensure_ca(tmp_path).cert_file)
    for one in served.values():
        for verify in (stranger, ssl.create_default_context()):  # another CA; the system's CAs
            with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
                httpx.get(f"https://127.0.0.1:{one.port}/health", verify=verify, timeout=5.0)


def plain_http_answer(port: int) -> bytes:
    """What the port sends back to a plain HTTP request, until it closes the connection."""
    request = f"GET /health HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode()
    received = b""
    with socket.create_connection(("127.0.0.1", port), timeout=10.0) as sock:
        sock.sendall(request)
        try:
            while chunk := sock.recv(4096):
                received += chunk
        except ConnectionResetError:
            pass
    return received
