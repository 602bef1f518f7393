"""The pytest plugin every test tree loads: the `real` marker, real servers for a session,
and `park_settings`, one test's settings on each backend (embedded always; real with
PARK_REAL=1, which `./dev test --all` sets)."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from park_shared.settings import ParkSettings

__all__ = ["RealServers"]

REAL = os.environ.get("PARK_REAL") == "1"

pytest.register_assert_rewrite("park_shared.testing.health")


@dataclass
class RealServers:
    kafka: str
    mongodb: str
    kafka_server: object | None = None
    ferretdb_server: object | None = None


def _keyring() -> None:
    """The session's development keyring (testing.apps.dev_key), made before any conftest mints a
    token; the services the tests start (in-process or as processes) read its public keys."""
    if "PARK_KEYS_DIR" not in os.environ:
        os.environ["PARK_KEYS_DIR"] = _made_keys.setdefault("dir", tempfile.mkdtemp(prefix="park-keys-"))


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(
    early_config: pytest.Config, parser: pytest.Parser, args: list[str]
) -> None:
    _keyring()


def pytest_configure(config: pytest.Config) -> None:
    _keyring()

    config.addinivalue_line(
        "markers", "real: needs a real Kafka broker and FerretDB/MongoDB (./dev test --all)"
    )


def pytest_unconfigure(config: pytest.Config) -> None:
    if "dir" in _made_keys:
        shutil.rmtree(_made_keys.pop("dir"), ignore_errors=True)
        os.environ.pop("PARK_KEYS_DIR", None)


_made_keys: dict[str, str] = {}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if REAL:
        return
    kept = [i for i in items if i.get_closest_marker("real") is None]
    dropped = [i for i in items if i.get_closest_marker("real") is not None]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(scope="session")
def real_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RealServers]:
    """KAFKA_BOOTSTRAP_SERVERS and MONGODB_URI when set; else a local Kafka and FerretDB."""
    kafka_env = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    mongo_env = os.environ.get("MONGODB_URI")
    started: list[object] = []
    from park_shared.testing.servers import start_ferretdb, start_kafka

    if kafka_env:
        kafka_url, kafka = kafka_env, None
    else:
        kafka = start_kafka(tmp_path_factory.mktemp("kafka"))
        kafka_url = kafka.url
        started.append(kafka)
    if mongo_env:
        mongo_url, ferret = mongo_env, None
    else:
        ferret = start_ferretdb(tmp_path_factory.mktemp("ferretdb"))
        mongo_url = ferret.url
        started.append(ferret)
    try:
        yield RealServers(kafka_url, mongo_url, kafka, ferret)
    finally:
        for server in reversed(started):
            server.stop()  # type: ignore[attr-defined]


def settings_for(backend: str, data_dir: Path, servers: RealServers | None) -> ParkSettings:
    if backend == "embedded":
        return ParkSettings(park_env="test", park_data_dir=data_dir)
    assert servers is not None
    return ParkSettings(
        park_env="test",
        park_data_dir=data_dir,
        park_store="mongodb",
        mongodb_uri=servers.mongodb,
        park_bus="kafka",
        kafka_bootstrap_servers=servers.kafka,
        park_namespace=f"t{uuid.uuid4().hex[:10]}",
    )


@pytest.fixture(params=["embedded", pytest.param("real", marks=pytest.mark.real)])
def park_settings(request: pytest.FixtureRequest, tmp_path: Path) -> ParkSettings:
    """One test's settings on each backend, isolated: its own files, namespace, databases."""
    servers = request.getfixturevalue("real_servers") if request.param == "real" else None
    return settings_for(request.param, tmp_path / "data", servers)
