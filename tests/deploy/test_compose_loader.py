"""docker-compose.yml as `docker compose` itself reads it: compose-go (the Compose
specification's JSON Schema, interpolation, normalisation and consistency checks), built from
deploy/compose-check with Go, with no Docker engine. Real: it needs the Go toolchain."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.real

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "deploy" / "compose-check"
SECRET = {
    "PARK_JWKS_DIR": "/srv/park/keys/public",
    "PARK_PERSONAL_DATA_KEY": "a-data-key-for-the-loader-test-0123456789",
    "IC_PSEUDONYM_KEY": "a-pseudonym-key-for-the-loader-test-0123456789",
}
SERVICES = sorted(p.name for p in (ROOT / "services").iterdir() if (p / "pyproject.toml").exists())


@pytest.fixture(scope="module")
def checker(tmp_path_factory: pytest.TempPathFactory) -> Path:
    binary = tmp_path_factory.mktemp("compose-check") / "compose-check"
    subprocess.run(["go", "build", "-o", str(binary), "."], cwd=SOURCE, check=True, timeout=600)
    return binary


def load(checker: Path, file: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PARK_", "KAFKA_", "GRAFANA_"))}
    return subprocess.run([str(checker), str(file)], capture_output=True, text=True, env={**clean, **env})


@pytest.fixture(scope="module")
def project(checker: Path) -> dict[str, Any]:
    done = load(checker, ROOT / "docker-compose.yml", **SECRET)
    assert done.returncode == 0, done.stderr
    loaded: dict[str, Any] = json.loads(done.stdout)
    return loaded


def test_the_file_is_a_valid_compose_project(project: dict[str, Any]) -> None:
    assert set(SERVICES) <= set(project["services"])
    assert {"kafka", "kafka-setup", "mongodb", "otel-collector"} <= set(project["services"])


def test_without_a_required_secret_compose_refuses_to_start(checker: Path) -> None:
    for name in SECRET:
        done = load(checker, ROOT / "docker-compose.yml", **{k: v for k, v in SECRET.items() if k != name})
        assert done.returncode == 1 and f"required variable {name} is missing" in done.stderr


def test_the_loader_refuses_what_compose_would(checker: Path, tmp_path: Path) -> None:
    broken = tmp_path / "docker-compose.yml"
    broken.write_text("services:\n  web:\n    image: x\n    depends_on: [db]\n    healthchek: {}\n")
    done = load(checker, broken)
    assert done.returncode == 1 and "healthchek" in done.stderr


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_starts_after_its_servers_are_healthy_and_the_topics_exist(
    project: dict[str, Any], service: str
) -> None:
    spec = project["services"][service]
    conditions = {name: d["condition"] for name, d in spec["depends_on"].items()}
    assert conditions["kafka-setup"] == "service_completed_successfully"
    assert conditions["mongodb"] == "service_healthy"
    assert spec["build"]["dockerfile"].endswith("Dockerfile") and spec["build"]["args"]["SERVICE"] == service
    data = [v for v in spec["volumes"] if v["type"] == "volume"]
    assert data and all(v["source"] in project["volumes"] for v in data), "named volumes only"


def test_the_servers_report_health_and_the_topic_job_waits_for_the_broker(project: dict[str, Any]) -> None:
    services = project["services"]
    assert services["kafka"]["healthcheck"]["test"] and services["mongodb"]["healthcheck"]["test"]
    assert services["kafka-setup"]["depends_on"]["kafka"]["condition"] == "service_healthy"
