"""The telemetry stack of docker-compose.yml, checked without a Docker engine: the collector's
pipelines use defined receivers, processors and exporters and reach Jaeger and Prometheus;
Prometheus scrapes every service where it listens; Grafana's provisioned dashboard queries
only metrics a running service exposes, from the provisioned data source."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
import yaml
from park_service_center.application.promise_meter import PromiseMeter
from park_shared import metrics
from park_shared.runtime import Runtime
from park_shared.testing.apps import wait_until
from park_shared.testing.events import emit

from .metrics_scrape import names, scrape
from .test_metrics import step_event

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text())


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = load(ROOT / "docker-compose.yml")
    return loaded


@pytest.fixture(scope="module")
def collector() -> dict[str, Any]:
    loaded: dict[str, Any] = load(DEPLOY / "otel" / "collector.yaml")
    return loaded


def app_services(compose: dict[str, Any]) -> dict[str, int]:
    """The suite's own services (built from deploy/Dockerfile) and their ports."""
    return {
        name: int(spec["environment"]["PORT"])
        for name, spec in compose["services"].items()
        if "build" in spec and "PORT" in spec.get("environment", {})
    }


def mounts(spec: dict[str, Any]) -> dict[str, str]:
    """Bind mounts of a compose service: container path → host path (relative to the root)."""
    found = {}
    for volume in spec.get("volumes", []):
        host, container, *_ = volume.split(":")
        if host.startswith("./"):
            found[container] = host
    return found


def test_the_stack_is_composed_with_its_configs(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for name in ("otel-collector", "jaeger", "prometheus", "grafana"):
        assert name in services, name
        for host in mounts(services[name]).values():
            assert (ROOT / host).exists(), f"{name} mounts a missing {host}"
    for name in app_services(compose):
        assert "otel-collector" in services[name]["depends_on"]


def test_every_pipeline_uses_defined_components(collector: dict[str, Any]) -> None:
    pipelines = collector["service"]["pipelines"]
    assert {"traces", "metrics"} <= set(pipelines)
    for name, pipeline in pipelines.items():
        assert pipeline["receivers"] and pipeline["exporters"], name
        for kind in ("receivers", "processors", "exporters"):
            defined = collector.get(kind) or {}
            for component in pipeline.get(kind, []):
                assert component in defined, f"{name} uses an undefined {kind[:-1]}: {component}"


def test_traces_flow_from_the_services_to_jaeger(compose: dict[str, Any], collector: dict[str, Any]) -> None:
    services = compose["services"]
    http = collector["receivers"]["otlp"]["protocols"]["http"]["endpoint"]
    for name in app_services(compose):
        env = services[name]["environment"]
        assert env["PARK_TELEMETRY"] == "otlp"
        endpoint = urlsplit(env["OTEL_EXPORTER_OTLP_ENDPOINT"])
        assert (endpoint.hostname, endpoint.port) == ("otel-collector", int(http.rsplit(":", 1)[1]))
    [exporter] = collector["service"]["pipelines"]["traces"]["exporters"]
    host, port = collector["exporters"][exporter]["endpoint"].rsplit(":", 1)
    assert (host, port) == ("jaeger", "4317")  # Jaeger's OTLP gRPC receiver
    assert services["jaeger"]["environment"]["COLLECTOR_OTLP_ENABLED"] == "true"


def test_prometheus_scrapes_every_service_and_the_collector(
    compose: dict[str, Any], collector: dict[str, Any]
) -> None:
    config = load(DEPLOY / "prometheus" / "prometheus.yml")
    assert "/etc/prometheus/prometheus.yml" in mounts(compose["services"]["prometheus"])
    targets = {
        target: job.get("metrics_path", "/metrics")
        for job in config["scrape_configs"]
        for static in job["static_configs"]
        for target in static["targets"]
    }
    for name, port in app_services(compose).items():
        assert targets.get(f"{name}:{port}") == "/metrics", f"{name} is not scraped"
    [exporter] = collector["service"]["pipelines"]["metrics"]["exporters"]
    port = collector["exporters"][exporter]["endpoint"].rsplit(":", 1)[1]
    assert f"otel-collector:{port}" in targets


def dashboard() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((DEPLOY / "grafana" / "dashboards" / "park.json").read_text())
    return loaded


def test_grafana_is_provisioned_with_the_data_source_and_the_dashboard(compose: dict[str, Any]) -> None:
    grafana = mounts(compose["services"]["grafana"])
    provisioning = ROOT / grafana["/etc/grafana/provisioning"]
    sources = load(provisioning / "datasources" / "prometheus.yaml")["datasources"]
    prometheus = next(s for s in sources if s["type"] == "prometheus")
    assert urlsplit(prometheus["url"]).hostname == "prometheus"
    [provider] = load(provisioning / "dashboards" / "park.yaml")["providers"]
    assert grafana[provider["options"]["path"]] == "./deploy/grafana/dashboards"
    panels = dashboard()["panels"]
    assert len(panels) >= 10
    for panel in panels:
        for target in panel["targets"]:
            assert target["datasource"]["uid"] == prometheus["uid"], panel["title"]


async def test_the_dashboard_queries_only_metrics_a_service_exposes(
    investment: tuple[httpx.AsyncClient, Runtime],
) -> None:
    """Every metric a panel asks for is in a live scrape, once each kind of thing happened:
    commands, events, a dead-lettered message, a step decided late, a deadline passed."""
    client, runtime = investment
    await client.post("/leads", json={})
    await emit(runtime.settings, "service-center", "CaseOpened.v1", {"case_id": 1}, "case-poison")
    await wait_until(lambda: runtime.consumers[0].dead_lettered == 1, timeout=15, what="the dead letter")
    metrics.measure("service-center", PromiseMeter())  # service-center's own metrics, in this process
    late = step_event("StepApproved", "land_use", within_promise=False)
    metrics.events_appended("service-center", [late, step_event("StepOverdue", "land_use")])
    exposed = names(await scrape(client))
    asked = {
        name
        for panel in dashboard()["panels"]
        for target in panel["targets"]
        for name in re.findall(r"\bpark_[a-z_]+\b", target["expr"])
    }
    assert len(asked) >= 10
    assert asked <= exposed, f"not exposed: {sorted(asked - exposed)}"
