"""FerretDB v1 (MongoDB wire protocol on its SQLite backend) for tests."""

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

_OP_MSG = 2013


def start_ferretdb(workdir: Path, port: int | None = None, *, timeout: float = 30.0) -> RunningServer:
    """Start FerretDB on 127.0.0.1 with its data in ``workdir/data``; url is a MongoDB URI.
    Same workdir and port after ``stop()`` resume the same data."""
    binary = fetch("fetch-ferretdb.sh")
    workdir = workdir.resolve()
    data = workdir / "data"
    data.mkdir(parents=True, exist_ok=True)  # FerretDB wants the SQLite folder to exist
    port = choose_port(workdir, port)
    log = workdir / "ferretdb.log"
    cmd = [
        str(binary),
        "--handler=sqlite",
        f"--sqlite-url=file:{data}/",
        f"--listen-addr=127.0.0.1:{port}",
        "--listen-unix=",
        "--listen-tls=",
        "--debug-addr=-",  # else an HTTP debug listener on a fixed port
        "--telemetry=disable",  # else it reports usage over the network
        f"--state-dir={workdir}",
        "--log-level=warn",
    ]
    proc = spawn(cmd, workdir, log)
    wait_ready(proc, log, lambda: ferretdb_ready(port), timeout, "FerretDB")
    return RunningServer(f"mongodb://127.0.0.1:{port}/", proc, workdir, start_ferretdb)


def ferretdb_ready(port: int, host: str = "127.0.0.1") -> bool:
    """True once the server answers {ping: 1} with ok: 1 (an OP_MSG, hand-encoded BSON)."""
    elements = b"\x10ping\x00" + struct.pack("<i", 1)
    elements += b"\x02$db\x00" + struct.pack("<i", 6) + b"admin\x00"
    document = struct.pack("<i", 4 + len(elements) + 1) + elements + b"\x00"
    body = struct.pack("<I", 0) + b"\x00" + document  # flag bits, section kind 0
    message = struct.pack("<iiii", 16 + len(body), 7, 0, _OP_MSG) + body
    try:
        with socket.create_connection((host, port), timeout=2.0) as sock:
            sock.sendall(message)
            length, _request_id, response_to, opcode = struct.unpack("<iiii", recv_exactly(sock, 16))
            reply = recv_exactly(sock, length - 16)
    except OSError:
        return False
    ok = b"\x01ok\x00" + struct.pack("<d", 1.0)
    return opcode == _OP_MSG and response_to == 7 and ok in reply
