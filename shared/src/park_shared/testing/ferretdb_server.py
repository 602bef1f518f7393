"""FerretDB v1 (the MongoDB wire protocol) on its PostgreSQL handler, for tests, and a ping
with a deadline that tells a wedged server (it accepts connections, never answers) apart."""

from __future__ import annotations

import socket
import struct
from pathlib import Path

from park_shared.testing._process import (
    RunningServer,
    choose_port,
    fetch,
    recv_exactly,
    spawn,
    wait_ready,
)
from park_shared.testing.postgres_server import start_postgres

_OP_MSG = 2013
POOL = 150  # FerretDB's PostgreSQL connections (PostgreSQL allows 300)


def start_ferretdb(
    workdir: Path,
    port: int | None = None,
    *,
    timeout: float = 60.0,
    debug_addr: str = "-",
    log_level: str = "warn",
    pool: int = POOL,
) -> RunningServer:
    """Start PostgreSQL (its cluster made on first use) and FerretDB on it, both on 127.0.0.1;
    url is a MongoDB URI. ``stop()`` stops both; the same workdir and port resume the data.
    ``debug_addr`` (``host:port``) turns on FerretDB's debug listener (pprof, metrics: a
    diagnosis aid, see bench/ferretdb_leak.py); ``log_level="debug"`` logs every request;
    ``pool``: FerretDB's PostgreSQL connections at most."""
    binary = fetch("fetch-ferretdb.sh")
    workdir = workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    postgres = start_postgres(workdir / "postgres")
    try:
        port = choose_port(workdir, port)
        log = workdir / "ferretdb.log"
        cmd = [
            str(binary),
            "--handler=postgresql",
            # FerretDB v1's update holds a connection per matching statement until the command
            # ends: commands that hold the whole pool while waiting for more wedge it (the read
            # models send one statement per command there); headroom beside the default 50,
            # see docs/performance.md
            f"--postgresql-url={postgres.url}?pool_max_conns={pool}",
            f"--listen-addr=127.0.0.1:{port}",
            "--listen-unix=",
            "--listen-tls=",
            f"--debug-addr={debug_addr}",  # "-": none (else an HTTP listener on a fixed port)
            "--telemetry=disable",  # else it reports usage over the network
            f"--state-dir={workdir}",
            f"--log-level={log_level}",
        ]
        proc = spawn(cmd, workdir, log)
        wait_ready(proc, log, lambda: ferretdb_ready(port), timeout, "FerretDB", why=lambda: ping(port))
    except BaseException:
        postgres.stop()
        raise
    (workdir / "postgres.pid").write_text(f"{postgres.pid}\n")
    return RunningServer(
        f"mongodb://127.0.0.1:{port}/", proc, workdir, start_ferretdb, lambda _code: postgres.stop()
    )


def ferretdb_ready(port: int, host: str = "127.0.0.1", deadline: float = 2.0) -> bool:
    return ping(port, host, deadline) == "ok"


def ping(port: int, host: str = "127.0.0.1", deadline: float = 2.0) -> str:
    """Returns "ok" once the server answers {ping: 1} with ok: 1 within ``deadline``
    seconds (an OP_MSG, hand-encoded BSON); else why not, naming a wedged server as such."""
    elements = b"\x10ping\x00" + struct.pack("<i", 1)
    elements += b"\x02$db\x00" + struct.pack("<i", 6) + b"admin\x00"
    document = struct.pack("<i", 4 + len(elements) + 1) + elements + b"\x00"
    body = struct.pack("<I", 0) + b"\x00" + document  # flag bits, section kind 0
    message = struct.pack("<iiii", 16 + len(body), 7, 0, _OP_MSG) + body
    try:
        sock = socket.create_connection((host, port), timeout=deadline)
    except OSError as exc:
        return f"no connection to {host}:{port} ({exc})"
    try:
        with sock:
            sock.sendall(message)
            length, _request_id, response_to, opcode = struct.unpack("<iiii", recv_exactly(sock, 16))
            reply = recv_exactly(sock, length - 16)
    except TimeoutError:
        return f"wedged: {host}:{port} accepts connections but does not answer a ping within {deadline:g}s"
    except OSError as exc:
        return f"{host}:{port} dropped the ping ({exc})"
    ok = b"\x01ok\x00" + struct.pack("<d", 1.0)
    if opcode == _OP_MSG and response_to == 7 and ok in reply:
        return "ok"
    return f"{host}:{port} answered a ping without ok: 1"
