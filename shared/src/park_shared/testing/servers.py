"""Real Kafka and FerretDB (on PostgreSQL) on 127.0.0.1 for tests, fetched and cached by the
scripts of deploy/local (fetch-kafka.sh, fetch-ferretdb.sh, ensure-postgresql.sh).

    start_kafka(workdir, port=None) -> RunningServer     url: "127.0.0.1:PORT" (bootstrap)
    start_ferretdb(workdir, port=None) -> RunningServer  url: "mongodb://127.0.0.1:PORT/"
                                                         (its PostgreSQL started and stopped with it)

``stop()`` ends a server and keeps its data; the same workdir and port start it again on that
data (``restart()`` does both). From a shell (pure stdlib; PYTHONPATH=shared/src if needed):

    python -m park_shared.testing.servers up --dir DIR    # prints and writes DIR/env
    python -m park_shared.testing.servers check --dir DIR  # pings FerretDB with a deadline
    python -m park_shared.testing.servers down --dir DIR
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from park_shared.testing._process import RunningServer, stop_pid
from park_shared.testing.ferretdb_server import ping, start_ferretdb
from park_shared.testing.kafka_server import after_stop, start_kafka

__all__ = ["RunningServer", "main", "start_ferretdb", "start_kafka"]

# name: (subfolder and pid file, a word of the process's command line)
_SERVERS = {"kafka": "kafka.Kafka", "ferretdb": "ferretdb", "postgres": "postgres"}


def up(base: Path) -> dict[str, str]:
    """Start both servers under ``base``, write their pids and ``base/env``; return the env."""
    base = base.resolve()
    base.mkdir(parents=True, exist_ok=True)
    for name, marker in _SERVERS.items():
        pid_file = base / f"{name}.pid"
        if pid_file.exists() and _running(int(pid_file.read_text()), marker):
            raise RuntimeError(f"{name} already runs from {base}: run `down` first")
    kafka = start_kafka(base / "kafka")
    try:
        mongo = start_ferretdb(base / "ferretdb")
    except BaseException:
        kafka.stop()
        raise
    (base / "kafka.pid").write_text(f"{kafka.pid}\n")
    (base / "ferretdb.pid").write_text(f"{mongo.pid}\n")
    (base / "postgres.pid").write_text((base / "ferretdb" / "postgres.pid").read_text())
    env = {"KAFKA_BOOTSTRAP_SERVERS": kafka.url, "MONGODB_URI": mongo.url}
    (base / "env").write_text("".join(f"{key}={value}\n" for key, value in env.items()))
    return env


def down(base: Path) -> None:
    """Stop the servers that ``up`` started under ``base`` (their data stays)."""
    base = base.resolve()
    for name, marker in _SERVERS.items():
        pid_file = base / f"{name}.pid"
        if pid_file.exists():
            if stop_pid(int(pid_file.read_text()), marker) and name == "kafka":
                after_stop(base / name, 143)
            pid_file.unlink()


def check(base: Path, deadline: float = 5.0) -> list[str]:
    """Problems of the FerretDB that ``up`` started under ``base`` (none when it answers a
    ping within ``deadline`` seconds): a wedged server is named as such."""
    base = base.resolve()
    problems = []
    for name in ("ferretdb", "postgres"):
        pid_file = base / f"{name}.pid"
        if not pid_file.exists() or not _running(int(pid_file.read_text()), _SERVERS[name]):
            problems.append(f"{name} is not running from {base}")
    port_file = base / "ferretdb" / "port"
    if not problems and (answer := ping(int(port_file.read_text()), deadline=deadline)) != "ok":
        problems.append(f"FerretDB: {answer} (restart it: down, then up)")
    return problems


def _running(pid: int, marker: str) -> bool:
    try:
        return marker in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return False


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m park_shared.testing.servers",
        description="Start or stop a local Kafka broker and FerretDB for tests.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for command in ("up", "check", "down"):
        sub = commands.add_parser(command)
        sub.add_argument("--dir", type=Path, required=True, help="where data, logs, pids go")
    args = parser.parse_args(argv)
    try:
        if args.command == "up":
            for key, value in up(args.dir).items():
                print(f"{key}={value}")
        elif args.command == "check":
            problems = check(args.dir)
            for problem in problems:
                print(problem, file=sys.stderr)
            return 1 if problems else 0
        else:
            down(args.dir)
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
