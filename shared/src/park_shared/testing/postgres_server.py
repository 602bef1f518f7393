"""Debian's PostgreSQL 15 for tests: the store behind the local FerretDB.

A cluster per workdir, made from a template cluster (one `initdb`, then a copy) under the
cluster root: `$PARK_PG_ROOT`, else `postgresql-15/` of the cache folder when the `postgres`
user can reach it, else `/var/tmp/park-postgresql-15` (a cache under a private home folder is
out of its reach). PostgreSQL refuses to run as root, so as root the cluster belongs to, and
the server runs as, the `postgres` user. Durable settings (fsync, synchronous_commit and
full-page writes on), TCP on 127.0.0.1 only, no Unix socket, trust for loopback connections.

FerretDB v1 pushes a filter's equalities down as `_jsonb->'field' @> 'value'`, which the
B-tree it makes for each MongoDB index cannot serve (every such query was a sequential scan).
So each start installs, in the FerretDB database, an event trigger that gives every B-tree
FerretDB creates on `(_jsonb -> 'field')` a GIN twin on its leading expression
(`jsonb_path_ops`, which serves `@>`; `fastupdate` off), drops the twin with its B-tree, and adds the twins
missing from indexes made before it. It lives only in PostgreSQL: a real MongoDB pays nothing.
See docs/performance.md.
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
    _psql(bin_dir, port, GIN_TWINS, log)
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
        # FerretDB sends `_jsonb->$1 @> $2` as a prepared statement: only a plan made for the
        # values (field name included) matches the GIN twins' expressions, never a generic one
        "plan_cache_mode": "force_custom_plan",
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


# The GIN twins (see the module's docstring). Idempotent: run at every start.
GIN_TWINS = r"""
CREATE OR REPLACE FUNCTION park_gin_twin_name(btree text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT left(btree, 48) || '_' || left(md5(btree), 8) || '_gin' $$;

CREATE OR REPLACE FUNCTION park_gin_twin(btree oid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  i record;
  lead text;
BEGIN
  SELECT c.relname, n.nspname, x.indrelid::regclass AS tbl, a.amname
    INTO i
    FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am a ON a.oid = c.relam
   WHERE x.indexrelid = btree;
  IF NOT FOUND OR i.amname <> 'btree' THEN
    RETURN;
  END IF;
  lead := pg_get_indexdef(btree, 1, true);
  -- only FerretDB's shape: the leading column is (_jsonb -> 'field')
  IF lead !~ '^\(?_jsonb -> ''[^'']*''::text\)?$' THEN
    RETURN;
  END IF;
  -- fastupdate off: a read never walks a pending list of recent inserts
  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin ((%s) jsonb_path_ops) '
                 'WITH (fastupdate = off)', park_gin_twin_name(i.relname), i.tbl, lead);
END $$;

CREATE OR REPLACE FUNCTION park_gin_twins_on_create() RETURNS event_trigger
LANGUAGE plpgsql AS $$
DECLARE
  cmd record;
BEGIN
  FOR cmd IN SELECT objid FROM pg_event_trigger_ddl_commands()
             WHERE object_type = 'index' LOOP
    PERFORM park_gin_twin(cmd.objid);
  END LOOP;
END $$;

CREATE OR REPLACE FUNCTION park_gin_twins_on_drop() RETURNS event_trigger
LANGUAGE plpgsql AS $$
DECLARE
  gone record;
BEGIN
  FOR gone IN SELECT schema_name, object_name FROM pg_event_trigger_dropped_objects()
              WHERE object_type = 'index' AND object_name NOT LIKE '%\_gin' LOOP
    EXECUTE format('DROP INDEX IF EXISTS %I.%I', gone.schema_name, park_gin_twin_name(gone.object_name));
  END LOOP;
END $$;

DROP EVENT TRIGGER IF EXISTS park_gin_twins_on_create;
CREATE EVENT TRIGGER park_gin_twins_on_create ON ddl_command_end
  WHEN TAG IN ('CREATE INDEX') EXECUTE FUNCTION park_gin_twins_on_create();
DROP EVENT TRIGGER IF EXISTS park_gin_twins_on_drop;
CREATE EVENT TRIGGER park_gin_twins_on_drop ON sql_drop
  WHEN TAG IN ('DROP INDEX') EXECUTE FUNCTION park_gin_twins_on_drop();

-- the twins of indexes made before the trigger (a cluster from an earlier version)
SELECT park_gin_twin(x.indexrelid) FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
 JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast');
"""


def _psql(bin_dir: Path, port: int, sql: str, log: Path) -> None:
    cmd = [str(bin_dir / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", USER, "-d", DATABASE]
    cmd += ["-q", "-X", "-v", "ON_ERROR_STOP=1"]
    done = subprocess.run(cmd, input=sql, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"psql failed: {done.stderr.strip()}; {log}:\n{log_tail(log)}")


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
