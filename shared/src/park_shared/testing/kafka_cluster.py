"""A three-node Apache Kafka 4 cluster (KRaft, each node broker and controller) for tests, on
loopback ports, from the same jars and launch helpers as the single broker (kafka_server.py).

Each node keeps its workdir, its client port and its controller port (a static quorum), so a
node SIGKILLed by a test starts again with `restart_node` and catches up from its peers.
Internal topics are replicated three times with `min.insync.replicas=2`, like the suite's own
topics on three brokers (park_shared.bus.replication)."""

from __future__ import annotations

import base64
import signal
import subprocess
import uuid
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from park_shared.bus.replication import replication_for
from park_shared.testing._process import (
    RunningServer,
    choose_port,
    fetch,
    log_tail,
    spawn,
    wait_ready,
)
from park_shared.testing.kafka_server import (
    BROKER_MAIN,
    STORAGE_TOOL,
    _archive_path,
    _render,
    _settings,
    _use_archive,
    broker_ready,
    java_command,
)

__all__ = ["KafkaCluster", "start_kafka_cluster"]

NODES = 3
HEAP = ["-Xms128m", "-Xmx384m"]


@dataclass
class KafkaCluster:
    """`url` is the bootstrap list of every node; `nodes[i]` is node id i + 1."""

    workdir: Path
    cluster_id: str
    ports: list[int]
    controller_ports: list[int]
    nodes: list[RunningServer] = field(default_factory=list)

    @property
    def url(self) -> str:
        return ",".join(f"127.0.0.1:{p}" for p in self.ports)

    def node_of(self, node_id: int) -> RunningServer:
        return self.nodes[node_id - 1]

    def kill_node(self, node_id: int) -> None:
        """SIGKILL: no controlled shutdown, no leadership handed over — a crash."""
        process = self.node_of(node_id).process
        process.send_signal(signal.SIGKILL)
        process.wait(30)

    def restart_node(self, node_id: int, timeout: float = 120.0) -> None:
        node = self.node_of(node_id)
        node.stop()
        self.nodes[node_id - 1] = _start_node(self, node_id, timeout)

    def stop(self) -> None:
        for node in self.nodes:
            node.stop()


def start_kafka_cluster(workdir: Path, *, timeout: float = 180.0) -> KafkaCluster:
    """Formats (on first use) and starts three nodes; returns once each answers a metadata
    request listing all three brokers."""
    workdir = workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    ports, controllers = [], []
    for node_id in range(1, NODES + 1):
        folder = workdir / f"node-{node_id}"
        (folder / "controller").mkdir(parents=True, exist_ok=True)
        ports.append(choose_port(folder, None))
        controllers.append(choose_port(folder / "controller", None))
    id_file = workdir / "cluster-id"
    if not id_file.exists():
        cluster_id = "-"
        while cluster_id.startswith("-"):  # a leading dash would read as an option
            cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        id_file.write_text(cluster_id)
    cluster = KafkaCluster(workdir, id_file.read_text().strip(), ports, controllers)
    procs = [_spawn_node(cluster, node_id) for node_id in range(1, NODES + 1)]
    try:
        for node_id, (proc, log) in enumerate(procs, start=1):
            port = ports[node_id - 1]
            wait_ready(proc, log, partial(broker_ready, port), timeout, f"Kafka node {node_id}")
            cluster.nodes.append(RunningServer(f"127.0.0.1:{port}", proc, log.parent))
    except RuntimeError:
        for proc, log in procs:
            RunningServer("", proc, log.parent).stop(5.0)
        raise
    return cluster


def _start_node(cluster: KafkaCluster, node_id: int, timeout: float) -> RunningServer:
    proc, log = _spawn_node(cluster, node_id)
    port = cluster.ports[node_id - 1]
    wait_ready(proc, log, lambda: broker_ready(port), timeout, f"Kafka node {node_id}")
    return RunningServer(f"127.0.0.1:{port}", proc, log.parent)


def _spawn_node(cluster: KafkaCluster, node_id: int) -> tuple[subprocess.Popen[bytes], Path]:
    libs = fetch("fetch-kafka.sh")
    folder = cluster.workdir / f"node-{node_id}"
    config, log = folder / "server.properties", folder / "kafka.log"
    config.write_text(_render(node_settings(cluster, node_id, folder / "data")))
    java = java_command(libs)
    archive = _use_archive(_archive_path(java[0], libs))  # the single broker dumps it; we map it
    if not (folder / "data" / "meta.properties").exists():
        _format([*java, *archive], config, log, cluster.cluster_id)
    return spawn([*java, *HEAP, *archive, BROKER_MAIN, str(config)], folder, log), log


def node_settings(cluster: KafkaCluster, node_id: int, data: Path) -> dict[str, str]:
    """The single broker's settings, with this node's id, the three voters and replication."""
    port, controller = cluster.ports[node_id - 1], cluster.controller_ports[node_id - 1]
    replicated = replication_for(NODES)
    factor, min_isr = str(replicated.factor), str(replicated.min_insync)
    voters = ",".join(f"{i}@127.0.0.1:{p}" for i, p in enumerate(cluster.controller_ports, start=1))
    return _settings(data, port, controller) | {
        "node.id": str(node_id),
        "controller.quorum.voters": voters,
        "default.replication.factor": factor,
        "min.insync.replicas": min_isr,
        "offsets.topic.replication.factor": factor,
        "offsets.topic.num.partitions": "3",
        "transaction.state.log.replication.factor": factor,
        "transaction.state.log.min.isr": min_isr,
        "share.coordinator.state.topic.replication.factor": factor,
        "share.coordinator.state.topic.min.isr": min_isr,
        "unclean.leader.election.enable": "false",
        # a crashed node is fenced (its partitions led elsewhere) within about 6 s
        "broker.session.timeout.ms": "6000",
        "broker.heartbeat.interval.ms": "1000",
        "num.network.threads": "1",
        "num.io.threads": "2",
    }


def _format(java: list[str], config: Path, log: Path, cluster_id: str) -> None:
    """kafka-storage format with the cluster's shared id (the single broker's helper makes a
    fresh id per call)."""
    tool = [*java, "-Xmx256m", "-XX:TieredStopAtLevel=1", STORAGE_TOOL]
    done = subprocess.run(
        [*tool, "format", "-t", cluster_id, "-c", str(config)],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    with log.open("ab") as out:
        out.write(done.stdout + done.stderr)
    if done.returncode != 0:
        raise RuntimeError(f"formatting Kafka storage failed; {log}:\n{log_tail(log)}")
