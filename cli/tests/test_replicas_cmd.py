"""`parkctl replicas`: each replica's read models of a running service, and a retired one's
dropped, through the service's /ops/read-models (shared/tests/test_replica_read_models.py holds
the rules). The service runs behind a real HTTP server in a thread of this process; on the
embedded default there is nothing to list, on the real FerretDB replica b retired 11 minutes ago.
And `parkctl status` naming two live processes that fold under one replica name."""

from __future__ import annotations

import asyncio
import json
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from park_headquarters.app import create_app
from park_headquarters.settings import HeadquartersSettings
from park_shared.projections.fold_watch import FOLDERS
from park_shared.projections.port import RETIRED_AFTER
from park_shared.testing._process import free_port
from park_shared.testing.pytest_plugin import RealServers
from parkctl.app import app
from pymongo import MongoClient
from typer.testing import CliRunner

runner = CliRunner(env={"COLUMNS": "200"})


def serve(settings: HeadquartersSettings) -> Iterator[str]:
    """Headquarters on its own thread and event loop (parkctl's calls block the caller's)."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=asyncio.run, args=(server.serve(),), daemon=True)
    thread.start()
    try:
        for _ in range(600):
            if server.started:
                break
            threading.Event().wait(0.05)
        assert server.started, "headquarters did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[str]:
    yield from serve(HeadquartersSettings(park_env="test", park_data_dir=tmp_path))


def test_on_the_embedded_default_there_is_nothing_to_list_or_drop(embedded: str) -> None:
    listed = runner.invoke(app, ["replicas", "headquarters", "--url", embedded])
    assert listed.exit_code == 0, listed.output
    assert "no replicas share its store" in listed.output
    dropped = runner.invoke(app, ["replicas", "headquarters", "--drop", "b", "--url", embedded])
    assert dropped.exit_code == 2
    assert "headquarters refused: the SQLite store keeps one process's read models" in dropped.output


def test_a_url_that_is_not_one_is_refused() -> None:
    result = runner.invoke(app, ["replicas", "headquarters", "--url", "127.0.0.1:8101"])
    assert result.exit_code == 2 and "--url takes the service's URL" in result.output


@pytest.fixture
def on_ferretdb(real_servers: RealServers, tmp_path: Path) -> Iterator[tuple[str, Any]]:
    """Headquarters as replica a; replica b's read models beside it, its last beat 11 minutes old."""
    namespace = f"t{uuid.uuid4().hex[:10]}"
    client: MongoClient[dict[str, Any]] = MongoClient(real_servers.mongodb)
    database = client[f"{namespace}_park_headquarters"]
    database["rm-b_parcels"].insert_one({"_id": "p-1", "_pos": 1})
    database["checkpoints-b"].insert_one({"_id": "parcels", "position": 1})
    beat = datetime.now(UTC) - RETIRED_AFTER - timedelta(minutes=1)
    database[FOLDERS].insert_one({"_id": "b", "process": "gone", "beat": 9, "at": beat})
    settings = HeadquartersSettings(
        park_env="test",
        park_data_dir=tmp_path,
        park_store="mongodb",
        mongodb_uri=real_servers.mongodb,
        park_namespace=namespace,
        park_replica="a",
    )
    try:
        yield from ((url, database) for url in serve(settings))
    finally:
        client.drop_database(database.name)
        client.close()


@pytest.mark.real
def test_a_retired_replica_is_listed_as_such_and_dropped(on_ferretdb: tuple[str, Any]) -> None:
    url, database = on_ferretdb
    listed = runner.invoke(app, ["replicas", "headquarters", "--url", url])
    assert listed.exit_code == 0, listed.output
    rows = {line.split("│")[1].strip(): line for line in listed.stdout.splitlines() if line.startswith("│")}
    assert set(rows) == {"a", "b"}
    assert "yes" in rows["a"].split("│")[2] and "yes" in rows["b"].split("│")[4]
    refused = runner.invoke(app, ["replicas", "headquarters", "--drop", "a", "--url", url])
    assert refused.exit_code == 2 and "replica 'a' is this process" in refused.output
    dropped = runner.invoke(app, ["replicas", "headquarters", "--drop", "b", "--url", url])
    assert dropped.exit_code == 0, dropped.output
    assert "headquarters: dropped checkpoints-b, rm-b_parcels" in dropped.output
    assert not {"checkpoints-b", "rm-b_parcels"} & set(database.list_collection_names())


@pytest.mark.real
def test_status_names_two_live_processes_folding_under_one_replica_name(
    real_servers: RealServers, tmp_path: Path
) -> None:
    """Two headquarters processes on one FerretDB database, both as replica a: within a few of
    their beats (5 s apart) `status` warns of each and exits 1, though both are ready."""
    namespace = f"t{uuid.uuid4().hex[:10]}"
    common = {"park_env": "test", "park_store": "mongodb", "mongodb_uri": real_servers.mongodb}
    common |= {"park_namespace": namespace, "park_replica": "a"}
    first = serve(HeadquartersSettings(park_data_dir=tmp_path / "1", **common))
    second = serve(HeadquartersSettings(park_data_dir=tmp_path / "2", **common))
    urls = [next(first), next(second)]
    client: MongoClient[dict[str, Any]] = MongoClient(real_servers.mongodb)
    try:
        options = [word for url in urls for word in ("--url", f"headquarters={url}")]
        for _ in range(90):  # found within two or three beats, 5 s apart
            shown = runner.invoke(app, ["status", "--json", *options])
            rows = json.loads(shown.stdout)["services"]  # stdout: the servers in this process log on stderr
            if all(row["read_models_shared_with"] for row in rows):
                break
            threading.Event().wait(0.5)
        assert all(row["ready"] for row in rows) and shown.exit_code == 1
        assert rows[0]["read_models_shared_with"] != rows[1]["read_models_shared_with"]
        assert [row["replica"] for row in rows] == ["a", "a"]
        table = runner.invoke(app, ["status", *options])
        assert table.exit_code == 1
        assert table.stdout.count("give each replica its own PARK_REPLICA") == 2, table.stdout
        assert table.stdout.count("headquarters (a)") == 4, table.stdout  # two rows, two warnings
    finally:
        for served in (first, second):
            served.close()
        client.drop_database(f"{namespace}_park_headquarters")
        client.close()
