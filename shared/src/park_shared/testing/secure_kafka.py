"""A local KRaft broker that authenticates (SASL/SCRAM-SHA-256) and authorises (StandardAuthorizer
with the ACLs of `park_shared.kafka_acl`): the separation of the services, enforced by Kafka.

    kafka = start_secure_kafka(workdir)        # formats with one SCRAM user per principal
    kafka.credentials["headquarters"]          # its password (kept in workdir/credentials.json)

The principals are ``admin`` (a super user: it creates the topics and the ACLs) and one per
service of `kafka_acl.ACCESS`. SCRAM users are written into the metadata log when the storage
is formatted (``kafka-storage format --add-scram``); the controller listener takes the admin
over SASL/PLAIN with a static password, so no unauthenticated listener is left open.

Every listener is SASL_SSL: the broker's certificate (for 127.0.0.1 and localhost) is issued at
each start by the deployment's CA under ``workdir/tls`` (park_shared.tls, made on first use),
clients trust ``kafka.ca_file`` and verify the host, and a client that offers no TLS is refused.
(``_secure_settings`` without TLS files renders the SASL_PLAINTEXT variant.)"""

from __future__ import annotations

import asyncio
import json
import secrets
import socket
import ssl
import struct
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from park_shared.kafka_acl import ACCESS, provision, sasl
from park_shared.testing._process import (
    RunningServer,
    fetch,
    recv_exactly,
    spawn,
    wait_ready,
)
from park_shared.testing.kafka_server import (
    BROKER_MAIN,
    HEAP,
    _archive_path,
    _format,
    _render,
    _use_archive,
    broker_ports,
    java_command,
)
from park_shared.testing.secure_kafka_settings import (
    ADMIN,
    MECHANISM,
    BrokerTls,
    _secure_settings,
    broker_tls,
)

__all__ = ["ADMIN", "MECHANISM", "BrokerTls", "SecureKafka", "_secure_settings", "start_secure_kafka"]


@dataclass
class SecureKafka(RunningServer):
    credentials: dict[str, str] = field(default_factory=dict, repr=False)
    """Each principal's password, by name (``admin`` and one per service)."""
    ca_file: Path | None = None
    """The CA that signed the broker's certificate (None: no TLS, SASL_PLAINTEXT)."""

    def client_settings(self, principal: str) -> dict[str, Any]:
        """aiokafka keyword arguments: this broker, as ``principal``."""
        return {"bootstrap_servers": self.url, **sasl(principal, self.credentials[principal], self.ca_file)}

    def env(self, principal: str) -> dict[str, str]:
        """What a service process needs in its environment to connect as ``principal``."""
        env = {
            "PARK_BUS": "kafka",
            "KAFKA_BOOTSTRAP_SERVERS": self.url,
            "KAFKA_USERNAME": principal,
            "KAFKA_PASSWORD": self.credentials[principal],
            "KAFKA_SECURITY_PROTOCOL": "SASL_SSL" if self.ca_file else "SASL_PLAINTEXT",
        }
        return env | ({"KAFKA_SSL_CAFILE": str(self.ca_file)} if self.ca_file else {})

    def provision(self, namespace: str = "", partitions: int = 1) -> None:
        """Creates the topics and ACLs of ``namespace`` (the default one is done at start)."""
        _in_thread(self.url, self.credentials[ADMIN], namespace, partitions, self.ca_file)


def start_secure_kafka(workdir: Path, port: int | None = None, *, timeout: float = 90.0) -> SecureKafka:
    """Start (formatting storage and provisioning the default namespace on first use) a SASL
    broker on 127.0.0.1 over TLS (SASL_SSL). Same workdir and port after ``stop()``
    resume the same data (and the same CA)."""
    libs = fetch("fetch-kafka.sh")
    workdir, port, controller_port = broker_ports(workdir, port)
    credentials = _credentials(workdir)
    certs = broker_tls(workdir / "tls")
    config = workdir / "server.properties"  # holds the admin's and the key store's passwords
    config.touch(mode=0o600)
    config.chmod(0o600)
    config.write_text(
        _render(_secure_settings(workdir / "data", port, controller_port, credentials[ADMIN], certs))
    )
    log = workdir / "kafka.log"
    java = java_command(libs)
    java += _use_archive(_archive_path(java[0], libs))
    fresh = not (workdir / "data" / "meta.properties").exists()
    if fresh:
        users = [f"{MECHANISM}=[name={name},password={secret}]" for name, secret in credentials.items()]
        _format(java, config, log, [arg for user in users for arg in ("--add-scram", user)])
    proc = spawn([*java, *HEAP, BROKER_MAIN, str(config)], workdir, log)
    url, ca_file = f"127.0.0.1:{port}", certs.truststore
    server = SecureKafka(url, proc, workdir, start_secure_kafka, credentials=credentials, ca_file=ca_file)
    probe = ssl.create_default_context(cafile=ca_file)
    try:
        wait_ready(proc, log, lambda: sasl_ready(port, tls=probe), timeout, "Kafka (SASL)")
        if fresh or not (workdir / "provisioned").exists():
            _provision_until(server, time.monotonic() + timeout)
            (workdir / "provisioned").touch()
    except BaseException:
        server.stop(10.0)
        raise
    return server


def _credentials(workdir: Path) -> dict[str, str]:
    path = workdir / "credentials.json"
    if path.exists():
        stored: dict[str, str] = json.loads(path.read_text())
        return stored
    credentials = {name: secrets.token_urlsafe(18) for name in (ADMIN, *ACCESS)}
    path.touch(mode=0o600)
    path.write_text(json.dumps(credentials))
    return credentials


def _provision_until(server: SecureKafka, deadline: float) -> None:
    while True:
        try:
            server.provision()
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def _in_thread(url: str, admin_password: str, namespace: str, partitions: int, cafile: Path | None) -> None:
    """Runs `provision` on its own event loop, so callers inside a running loop may use it."""
    failure: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(
                provision(
                    url, ADMIN, admin_password, namespace=namespace, partitions=partitions, cafile=cafile
                )
            )
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller
            failure.append(exc)

    thread = threading.Thread(target=run, name="kafka-provision")
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


def sasl_ready(port: int, host: str = "127.0.0.1", *, tls: ssl.SSLContext | None = None) -> bool:
    """True once the SASL listener answers a SaslHandshake (v1) offering SCRAM-SHA-256 (inside
    a TLS session made with ``tls`` when given)."""
    client_id, mechanism = b"park-probe", MECHANISM.encode()
    request = struct.pack(">hhih", 17, 1, 7, len(client_id)) + client_id
    request += struct.pack(">h", len(mechanism)) + mechanism
    try:
        with socket.create_connection((host, port), timeout=2.0) as raw:
            sock = tls.wrap_socket(raw, server_hostname=host) if tls else raw
            sock.sendall(struct.pack(">i", len(request)) + request)
            (size,) = struct.unpack(">i", recv_exactly(sock, 4))
            response = recv_exactly(sock, size)
    except OSError:
        return False
    correlation_id, error_code = struct.unpack_from(">ih", response)
    return bool(correlation_id == 7 and error_code == 0)
