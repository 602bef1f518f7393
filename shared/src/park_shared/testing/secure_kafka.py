"""A local KRaft broker that authenticates (SASL/SCRAM-SHA-256) and authorises (StandardAuthorizer
with the ACLs of `park_shared.kafka_acl`): the separation of the services, enforced by Kafka.

    kafka = start_secure_kafka(workdir)        # formats with one SCRAM user per principal
    kafka.credentials["headquarters"]          # its password (kept in workdir/credentials.json)

The principals are ``admin`` (a super user: it creates the topics and the ACLs) and one per
service of `kafka_acl.ACCESS`. SCRAM users are written into the metadata log when the storage
is formatted (``kafka-storage format --add-scram``); the controller listener takes the admin
over SASL/PLAIN with a static password, so no unauthenticated listener is left open."""

from __future__ import annotations

import asyncio
import json
import secrets
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

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
    _settings,
    _use_archive,
    broker_ports,
    java_command,
)

__all__ = ["ADMIN", "SecureKafka", "start_secure_kafka"]

ADMIN = "admin"
MECHANISM = "SCRAM-SHA-256"
LISTENER = "SASL_PLAINTEXT"


@dataclass
class SecureKafka(RunningServer):
    credentials: dict[str, str] = field(default_factory=dict, repr=False)
    """Each principal's password, by name (``admin`` and one per service)."""

    def client_settings(self, principal: str) -> dict[str, str]:
        """aiokafka keyword arguments: this broker, as ``principal``."""
        return {"bootstrap_servers": self.url, **sasl(principal, self.credentials[principal])}

    def env(self, principal: str) -> dict[str, str]:
        """What a service process needs in its environment to connect as ``principal``."""
        return {
            "PARK_BUS": "kafka",
            "KAFKA_BOOTSTRAP_SERVERS": self.url,
            "KAFKA_USERNAME": principal,
            "KAFKA_PASSWORD": self.credentials[principal],
        }

    def provision(self, namespace: str = "", partitions: int = 1) -> None:
        """Creates the topics and ACLs of ``namespace`` (the default one is done at start)."""
        _in_thread(self.url, self.credentials[ADMIN], namespace, partitions)


def start_secure_kafka(workdir: Path, port: int | None = None, *, timeout: float = 90.0) -> SecureKafka:
    """Start (formatting storage and provisioning the default namespace on first use) a SASL
    broker on 127.0.0.1. Same workdir and port after ``stop()`` resume the same data."""
    libs = fetch("fetch-kafka.sh")
    workdir, port, controller_port = broker_ports(workdir, port)
    credentials = _credentials(workdir)
    config = workdir / "server.properties"
    config.write_text(_render(_secure_settings(workdir / "data", port, controller_port, credentials[ADMIN])))
    config.chmod(0o600)
    log = workdir / "kafka.log"
    java = java_command(libs)
    java += _use_archive(_archive_path(java[0], libs))
    fresh = not (workdir / "data" / "meta.properties").exists()
    if fresh:
        users = [f"{MECHANISM}=[name={name},password={secret}]" for name, secret in credentials.items()]
        _format(java, config, log, [arg for user in users for arg in ("--add-scram", user)])
    proc = spawn([*java, *HEAP, BROKER_MAIN, str(config)], workdir, log)
    server = SecureKafka(f"127.0.0.1:{port}", proc, workdir, start_secure_kafka, credentials=credentials)
    try:
        wait_ready(proc, log, lambda: sasl_ready(port), timeout, "Kafka (SASL)")
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


def _secure_settings(data: Path, port: int, controller_port: int, admin_password: str) -> dict[str, str]:
    settings = _settings(data, port, controller_port)
    plain = "org.apache.kafka.common.security.plain.PlainLoginModule"
    scram = "org.apache.kafka.common.security.scram.ScramLoginModule"
    settings.update(
        {
            "listeners": f"{LISTENER}://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controller_port}",
            "advertised.listeners": f"{LISTENER}://127.0.0.1:{port}",
            "listener.security.protocol.map": f"{LISTENER}:{LISTENER},CONTROLLER:{LISTENER}",
            "inter.broker.listener.name": LISTENER,
            "sasl.enabled.mechanisms": MECHANISM,
            "sasl.mechanism.inter.broker.protocol": MECHANISM,
            f"listener.name.{LISTENER.lower()}.{MECHANISM.lower()}.sasl.jaas.config": (
                f'{scram} required username="{ADMIN}" password="{admin_password}";'
            ),
            "sasl.mechanism.controller.protocol": "PLAIN",
            "listener.name.controller.sasl.enabled.mechanisms": "PLAIN",
            "listener.name.controller.plain.sasl.jaas.config": (
                f'{plain} required username="{ADMIN}" password="{admin_password}" '
                f'user_{ADMIN}="{admin_password}";'
            ),
            "authorizer.class.name": "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
            "super.users": f"User:{ADMIN}",
            "allow.everyone.if.no.acl.found": "false",
            "auto.create.topics.enable": "false",
        }
    )
    return settings


def _provision_until(server: SecureKafka, deadline: float) -> None:
    while True:
        try:
            server.provision()
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def _in_thread(url: str, admin_password: str, namespace: str, partitions: int) -> None:
    """Runs `provision` on its own event loop, so callers inside a running loop may use it."""
    failure: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(provision(url, ADMIN, admin_password, namespace=namespace, partitions=partitions))
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller
            failure.append(exc)

    thread = threading.Thread(target=run, name="kafka-provision")
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


def sasl_ready(port: int, host: str = "127.0.0.1") -> bool:
    """True once the SASL listener answers a SaslHandshake (v1) offering SCRAM-SHA-256."""
    client_id, mechanism = b"park-probe", MECHANISM.encode()
    request = struct.pack(">hhih", 17, 1, 7, len(client_id)) + client_id
    request += struct.pack(">h", len(mechanism)) + mechanism
    try:
        with socket.create_connection((host, port), timeout=2.0) as sock:
            sock.sendall(struct.pack(">i", len(request)) + request)
            (size,) = struct.unpack(">i", recv_exactly(sock, 4))
            response = recv_exactly(sock, size)
    except OSError:
        return False
    correlation_id, error_code = struct.unpack_from(">ih", response)
    return bool(correlation_id == 7 and error_code == 0)
