"""A single-node Apache Kafka 4 broker (KRaft, broker and controller in one JVM) for tests."""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import socket
import struct
import subprocess
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

from park_shared.testing._process import (
    RunningServer,
    choose_port,
    fetch,
    free_port,
    log_tail,
    recv_exactly,
    repo_root,
    spawn,
    wait_ready,
)

BROKER_MAIN = "kafka.Kafka"
STORAGE_TOOL = "kafka.tools.StorageTool"  # what Kafka 4's bin/kafka-storage.sh runs
HEAP = ["-Xms256m", "-Xmx512m"]
_PENDING = "class-archive.pending"  # in the workdir: the archive this broker dumps on exit


def start_kafka(workdir: Path, port: int | None = None, *, timeout: float = 90.0) -> RunningServer:
    """Start (formatting storage on first use) a broker on 127.0.0.1; url is the bootstrap
    address. Same workdir and port after ``stop()`` resume the same data."""
    libs = fetch("fetch-kafka.sh")
    workdir, port, controller_port = broker_ports(workdir, port)
    config = workdir / "server.properties"
    config.write_text(_properties(workdir / "data", port, controller_port))
    log = workdir / "kafka.log"
    java = java_command(libs)
    archive = _archive_path(java[0], libs)
    if not (workdir / "data" / "meta.properties").exists():
        _format([*java, *_use_archive(archive)], config, log)
    proc = spawn([*java, *HEAP, *_class_archive(archive, workdir), BROKER_MAIN, str(config)], workdir, log)
    try:
        wait_ready(proc, log, lambda: broker_ready(port), timeout, "Kafka")
    except RuntimeError:
        after_stop(workdir, -1)
        raise
    return RunningServer(
        f"127.0.0.1:{port}", proc, workdir, start_kafka, lambda code: after_stop(workdir, code)
    )


def broker_ports(workdir: Path, port: int | None) -> tuple[Path, int, int]:
    """The workdir (made, absolute), the broker's port (kept per workdir) and a controller port."""
    workdir = workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    port = choose_port(workdir, port)
    controller_port = free_port()
    while controller_port == port:
        controller_port = free_port()
    return workdir, port, controller_port


def java_command(libs: Path) -> list[str]:
    """The JVM and class path a broker or its storage tool runs with."""
    return [
        _java(),
        f"-Dlog4j2.configurationFile={repo_root() / 'deploy' / 'local' / 'kafka-log4j2.xml'}",
        "-Djava.awt.headless=true",
        "-cp",
        str(libs / "*"),
    ]


def _archive_path(java: str, libs: Path) -> Path:
    real = Path(os.path.realpath(java))
    built = real.stat().st_mtime_ns if real.exists() else 0
    stamp = f"{real}:{built}:{sorted(os.listdir(libs))}"
    return libs.parent / f"classes-{hashlib.sha256(stamp.encode()).hexdigest()[:12]}.jsa"


def _use_archive(archive: Path) -> list[str]:
    if archive.exists():
        return [f"-XX:SharedArchiveFile={archive}", "-Xlog:cds=off,cds+dynamic=off"]
    return []


def _class_archive(archive: Path, workdir: Path) -> list[str]:
    """AppCDS, which about halves the JVM's start here: the first broker dumps the classes it
    loaded when it stops (see after_stop); later brokers and storage tools map that archive."""
    if archive.exists():
        return _use_archive(archive)
    for stale in archive.parent.glob("*.jsa.*.tmp"):
        if stale.stat().st_mtime < time.time() - 3600:
            stale.unlink(missing_ok=True)
    pending = archive.with_name(f"{archive.name}.{uuid.uuid4().hex[:8]}.tmp")
    (workdir / _PENDING).write_text(f"{pending}\n{archive}\n")
    return [f"-XX:ArchiveClassesAtExit={pending}", "-Xlog:cds=off,cds+dynamic=off"]


def after_stop(workdir: Path, exit_code: int) -> None:
    """Keep the class archive a broker dumped on a clean exit (SIGTERM: 143), else drop it."""
    marker = workdir / _PENDING
    if not marker.exists():
        return
    pending, archive = (Path(line) for line in marker.read_text().split())
    marker.unlink()
    if exit_code in (0, 143) and pending.exists() and pending.stat().st_size > 0:
        os.replace(pending, archive)
    else:
        pending.unlink(missing_ok=True)


def _properties(data: Path, port: int, controller_port: int) -> str:
    return _render(_settings(data, port, controller_port))


def _render(settings: dict[str, str]) -> str:
    return "".join(f"{key}={value}\n" for key, value in settings.items())


def _settings(data: Path, port: int, controller_port: int) -> dict[str, str]:
    # A static quorum (controller.quorum.voters), so the controller port may change on restart.
    settings = {
        "process.roles": "broker,controller",
        "node.id": "1",
        "controller.quorum.voters": f"1@127.0.0.1:{controller_port}",
        "listeners": f"PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controller_port}",
        "advertised.listeners": f"PLAINTEXT://127.0.0.1:{port}",
        "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "controller.listener.names": "CONTROLLER",
        "inter.broker.listener.name": "PLAINTEXT",
        "log.dirs": str(data),
        "num.partitions": "1",
        "auto.create.topics.enable": "true",
        "group.initial.rebalance.delay.ms": "0",
        "offsets.topic.replication.factor": "1",
        "offsets.topic.num.partitions": "1",
        "transaction.state.log.replication.factor": "1",
        "transaction.state.log.min.isr": "1",
        "transaction.state.log.num.partitions": "1",
        "share.coordinator.state.topic.replication.factor": "1",
        "share.coordinator.state.topic.min.isr": "1",
        "num.network.threads": "2",
        "num.io.threads": "4",
    }
    return settings


def _format(java: list[str], config: Path, log: Path, extra: Sequence[str] = ()) -> None:
    cluster_id = "-"
    while cluster_id.startswith("-"):  # a leading dash would read as an option
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
    tool = [*java, "-Xmx256m", "-XX:TieredStopAtLevel=1", STORAGE_TOOL]
    done = subprocess.run(
        [*tool, "format", "-t", cluster_id, "-c", str(config), *extra],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    with log.open("ab") as out:  # without the SCRAM records it prints (salted keys)
        out.writelines(line for line in done.stdout.splitlines(True) if b"ScramCredential" not in line)
        out.write(done.stderr)
    if done.returncode != 0:
        raise RuntimeError(f"formatting Kafka storage failed; {log}:\n{log_tail(log)}")


def _java() -> str:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java") or "java"


def broker_ready(port: int, host: str = "127.0.0.1") -> bool:
    """True once the broker answers a Metadata request (v8) with at least one broker."""
    client_id = b"park-probe"
    request = struct.pack(">hhih", 3, 8, 7, len(client_id)) + client_id
    request += struct.pack(">i???", -1, False, False, False)  # all topics, no auto-create
    try:
        with socket.create_connection((host, port), timeout=2.0) as sock:
            sock.sendall(struct.pack(">i", len(request)) + request)
            (size,) = struct.unpack(">i", recv_exactly(sock, 4))
            response = recv_exactly(sock, size)
    except OSError:
        return False
    correlation_id, _throttle_ms, brokers = struct.unpack_from(">iii", response)
    return bool(correlation_id == 7 and brokers >= 1)
