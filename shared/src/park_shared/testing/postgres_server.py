"""Debian's PostgreSQL 15 for tests: the store behind the local FerretDB.

A cluster per workdir, made from a template cluster (one `initdb`, then a copy) under the
cluster root: `$PARK_PG_ROOT`, else `postgresql-15/` of the cache folder when the `postgres`
user can reach it, else `/var/tmp/park-postgresql-15` (a cache under a private home folder is
out of its reach). PostgreSQL refuses to run as root, so as root the cluster belongs to, and
the server runs as, the `postgres` user. Durable settings (fsync, synchronous_commit and
full-page writes on), TCP on 127.0.0.1 only, no Unix socket, trust for loopback connections.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import uuid
from pathlib import Path

from park_shared.testing._process import (
    RunningServer,
    choose_port,
    fetch,
    log_tail,
    spawn,
    wait_ready,
)

USER = "postgres"  # the superuser initdb makes, and the OS user that runs the server as root
DATABASE = "ferretdb"
_OWNER_FILE = "park-workdir"  # in a cluster: the workdir it belongs to (for pruning)
_CLUSTER_FILE = "postgres-cluster"  # in a workdir: its cluster's folder


def start_postgres(workdir: Path, port: int | None = None, *, timeout: float = 60.0) -> RunningServer:
    """Start PostgreSQL for ``workdir`` on 127.0.0.1 (the cluster made on first use); url is
    ``postgres://postgres@127.0.0.1:PORT/ferretdb``. Same workdir and port resume its data."""
    bin_dir = fetch("ensure-postgresql.sh")
    workdir = workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    root = cluster_root()
    _prune(root)
    marker = workdir / _CLUSTER_FILE
    cluster = Path(marker.read_text().strip()) if marker.exists() else root / uuid.uuid4().hex[:20]
    fresh = not (cluster / "PG_VERSION").exists()
    if fresh:
        _copy_template(bin_dir, root, cluster)
        _as_root_write(cluster / _OWNER_FILE, f"{workdir}\n")
        marker.write_text(f"{cluster}\n")
    port = choose_port(workdir, port)
    log = workdir / "postgres.log"
    cmd = [str(bin_dir / "postgres"), "-D", str(cluster), "-p", str(port), *_settings()]
    proc = spawn(cmd, workdir, log, user=_run_as())
    wait_ready(proc, log, lambda: _ready(bin_dir, port), timeout, "PostgreSQL")
    if fresh:
        _create_database(bin_dir, port, log)
    url = f"postgres://{USER}@127.0.0.1:{port}/{DATABASE}"
    # SIGINT: a fast shutdown (SIGTERM would wait for every client to leave)
    return RunningServer(url, proc, workdir, start_postgres, stop_signal=signal.SIGINT)


def _settings() -> list[str]:
    pairs = {
        "listen_addresses": "127.0.0.1",
        "unix_socket_directories": "",
        "fsync": "on",
        "synchronous_commit": "on",
        "full_page_writes": "on",
        "max_connections": "300",
        "shared_buffers": "128MB",
        "logging_collector": "off",
    }
    return [arg for key, value in pairs.items() for arg in ("-c", f"{key}={value}")]


def cluster_root() -> Path:
    if env := os.environ.get("PARK_PG_ROOT"):
        root = Path(env)
    else:
        cache = Path(os.environ.get("PARK_CACHE", Path.home() / ".cache" / "park"))
        root = cache / "postgresql-15"
        if not _reachable(root):
            root = Path("/var/tmp/park-postgresql-15")
    root.mkdir(parents=True, exist_ok=True)
    _give(root)
    return root


def _reachable(folder: Path) -> bool:
    """True when the user that runs PostgreSQL can enter ``folder`` (made if missing)."""
    if _run_as() is None:
        return True
    folder.mkdir(parents=True, exist_ok=True)
    _give(folder)
    probe = subprocess.run(["test", "-x", str(folder)], user=USER, check=False)
    if probe.returncode != 0 and not any(folder.iterdir()):
        folder.rmdir()
    return probe.returncode == 0


def _run_as() -> str | None:
    return USER if os.geteuid() == 0 else None


def _give(path: Path) -> None:
    if _run_as() is not None:
        shutil.chown(path, USER, USER)
        path.chmod(0o700)


def _copy_template(bin_dir: Path, root: Path, cluster: Path) -> None:
    """One `initdb` per cluster root (about 3 s); every cluster is a copy of it (0.1 s)."""
    template = root / "template"
    if not (template / "PG_VERSION").exists():
        tmp = root / f".template-{uuid.uuid4().hex[:8]}"
        cmd = [str(bin_dir / "initdb"), "-D", str(tmp), "-U", USER, "--auth=trust", "-E", "UTF8"]
        done = subprocess.run(
            [*cmd, "--locale=C"], user=_run_as(), capture_output=True, text=True, check=False, cwd=root
        )
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
        try:
            tmp.rename(template)
        except OSError:  # another process made it first
            shutil.rmtree(tmp, ignore_errors=True)
    tmp = root / f".{cluster.name}-{uuid.uuid4().hex[:8]}"
    subprocess.run(["cp", "-a", str(template), str(tmp)], check=True)
    tmp.rename(cluster)


def _as_root_write(path: Path, text: str) -> None:
    path.write_text(text)
    if _run_as() is not None:
        shutil.chown(path, USER, USER)


def _ready(bin_dir: Path, port: int) -> bool:
    cmd = [str(bin_dir / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(port), "-U", USER, "-t", "2"]
    return subprocess.run(cmd, check=False, capture_output=True).returncode == 0


def _create_database(bin_dir: Path, port: int, log: Path) -> None:
    cmd = [str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", USER, DATABASE]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0 and "already exists" not in done.stderr:
        raise RuntimeError(f"createdb failed: {done.stderr.strip()}; {log}:\n{log_tail(log)}")


def _prune(root: Path) -> None:
    """Removes clusters that their workdir no longer names and whose server is not running."""
    for cluster in root.iterdir():
        owner = cluster / _OWNER_FILE
        if cluster.name.startswith((".", "template")) or not owner.exists():
            continue
        marker = Path(owner.read_text().strip()) / _CLUSTER_FILE
        try:
            named = marker.read_text().strip() == str(cluster)
        except OSError:
            named = False
        if not named and not _running(cluster):
            shutil.rmtree(cluster, ignore_errors=True)


def _running(cluster: Path) -> bool:
    try:
        pid = int((cluster / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return False
    return Path(f"/proc/{pid}").exists()
