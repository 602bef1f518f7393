"""docker-compose.yml, checked without a Docker engine: every service the code knows is there,
built from an existing Dockerfile, configured only with variables its settings read."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
import yaml
from park_shared.settings import ParkSettings

ROOT = Path(__file__).resolve().parents[2]
SERVICES = sorted(p.name for p in (ROOT / "services").iterdir() if (p / "pyproject.toml").exists())


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return loaded


def settings_class(service: str) -> type[ParkSettings]:
    module = importlib.import_module(f"park_{service.replace('-', '_')}.settings")
    found = [
        v
        for v in vars(module).values()
        if isinstance(v, type) and issubclass(v, ParkSettings) and v is not ParkSettings
    ]
    assert len(found) == 1, f"{service}: one settings class expected"
    return found[0]


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_is_composed_from_an_existing_dockerfile(compose: dict[str, Any], service: str) -> None:
    spec = compose["services"][service]
    assert (ROOT / spec["build"]["context"] / spec["build"]["dockerfile"]).is_file()
    assert spec["build"]["args"]["SERVICE"] == service
    assert (ROOT / "services" / service).is_dir()


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_reads_every_variable_compose_gives_it(compose: dict[str, Any], service: str) -> None:
    fields = {name.upper() for name in settings_class(service).model_fields}
    given = set(compose["services"][service]["environment"])
    not_read = {v for v in given - fields if not v.startswith("OTEL_")}
    assert not not_read, f"{service} is given variables its settings never read: {sorted(not_read)}"


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_listens_where_compose_publishes_it(compose: dict[str, Any], service: str) -> None:
    spec = compose["services"][service]
    port = int(spec["environment"]["PORT"])
    assert settings_class(service).model_fields["port"].default == port
    assert spec["ports"] == [f"127.0.0.1:{port}:{port}"]


def test_topics_exist_before_any_service_starts(compose: dict[str, Any]) -> None:
    script = compose["services"]["topics"]["command"][0]
    producers = [s for s in SERVICES if s != "dashboard"]  # the dashboard only reads
    for service in SERVICES:
        assert compose["services"][service]["depends_on"]["topics"]["condition"] == (
            "service_completed_successfully"
        )
    for service in producers:
        assert service in script
    assert "--partitions 6" in script
