"""docker-compose.yml, checked without a Docker engine: every service the code knows is there,
built from an existing Dockerfile, configured only with variables its settings read; Kafka
authenticates and authorises as the local secure broker does, each service connects as its own
principal, and the setup job grants exactly `kafka_acl.ACCESS`."""

from __future__ import annotations

import importlib
import os
import re
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from park_shared import kafka_acl
from park_shared.kafka_acl import ACCESS, Access, Operation, Resource
from park_shared.settings import ParkSettings
from park_shared.testing.secure_kafka import ADMIN, MECHANISM, _secure_settings
from park_shared.testing.secure_kafka_settings import BrokerTls

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
    variable = f"PARK_PORT_{service.upper().replace('-', '_')}"
    assert spec["ports"] == [f"127.0.0.1:${{{variable}:-{port}}}:{port}"], "loopback, host port movable"
    assert interpolate(spec["ports"][0]) == f"127.0.0.1:{port}:{port}"
    assert interpolate(spec["ports"][0], {variable: "18000"}) == f"127.0.0.1:18000:{port}"


def interpolate(value: str, env: dict[str, str] | None = None) -> str:
    """Compose's ${VAR:-default} and ${VAR:?message}, with ``env`` as the shell's environment."""
    env = {} if env is None else env

    def one(m: re.Match[str]) -> str:
        name, kind, rest = m.group(1), m.group(2), m.group(3)
        if env.get(name):
            return env[name]
        if kind == "?":
            raise KeyError(f"{name}: {rest}")
        return rest or ""

    return re.sub(r"\$\{(\w+)(?::([-?])([^}]*))?\}", one, value)


def principal_of(variable: str) -> str:
    """deploy/kafka/broker.sh's naming: SCRAM_PASSWORD_SERVICE_CENTER is service-center."""
    return variable.removeprefix("SCRAM_PASSWORD_").lower().replace("_", "-")


def broker_properties(compose: dict[str, Any]) -> dict[str, str]:
    """The kafka service's KAFKA_* environment as the apache/kafka image renders it into
    server.properties: prefix dropped, _ is ., __ is _, ___ is -, lower case."""

    def key(name: str) -> str:
        dotted = re.sub(r"(?<=[^_])_(?=[^_])", ".", name.removeprefix("KAFKA_"))
        return dotted.replace("___", "-").replace("__", "_").lower()

    env = compose["services"]["kafka"]["environment"]
    excluded = {"KAFKA_OPTS", "KAFKA_HEAP_OPTS", "KAFKA_JMX_OPTS", "KAFKA_LOG4J_OPTS"}
    return {
        key(n): interpolate(str(v)) for n, v in env.items() if n.startswith("KAFKA_") and n not in excluded
    }


def items(value: str) -> set[str]:
    return set(value.split(","))


def test_every_service_waits_for_the_topics_and_acls(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for service in SERVICES:
        assert services[service]["depends_on"]["kafka-setup"]["condition"] == "service_completed_successfully"
    setup = services["kafka-setup"]
    assert setup["depends_on"]["kafka"]["condition"] == "service_healthy"
    assert "topics" not in services, "the setup job replaced the plaintext topics job"


def test_the_broker_authenticates_and_authorises_as_the_local_secure_broker(compose: dict[str, Any]) -> None:
    rendered = broker_properties(compose)
    secrets = Path("/etc/kafka/secrets")
    tls = BrokerTls(secrets / "kafka.p12", "the-password-in-kafka.password", secrets / "ca.crt")
    local = _secure_settings(Path("/data"), 9092, 9093, "secret", tls)
    for name in (
        "inter.broker.listener.name",
        "sasl.enabled.mechanisms",
        "sasl.mechanism.inter.broker.protocol",
        "sasl.mechanism.controller.protocol",
        "listener.name.controller.sasl.enabled.mechanisms",
        "authorizer.class.name",
        "super.users",
        "allow.everyone.if.no.acl.found",
        "auto.create.topics.enable",
        "ssl.keystore.type",
        "ssl.truststore.type",
        "ssl.truststore.location",
    ):
        assert rendered[name] == local[name], name
    assert items(rendered["listener.security.protocol.map"]) == items(local["listener.security.protocol.map"])
    assert rendered["super.users"] == f"User:{ADMIN}" and rendered["sasl.enabled.mechanisms"] == MECHANISM
    listeners = items(rendered["listeners"]) | items(rendered["advertised.listeners"])
    assert all(entry.split("://")[0] in ("SASL_SSL", "CONTROLLER") for entry in listeners), listeners
    assert rendered["advertised.listeners"] == "SASL_SSL://kafka:9092"
    kafka = compose["services"]["kafka"]
    assert "park-certs:/etc/kafka/secrets:ro" in kafka["volumes"]
    assert kafka["depends_on"]["tls-setup"]["condition"] == "service_completed_successfully"
    assert kafka["environment"]["KAFKA_SSL_KEYSTORE_FILENAME"] == "kafka.p12"
    password = interpolate(compose["services"]["kafka"]["environment"]["SCRAM_PASSWORD_ADMIN"])
    scram = rendered[f"listener.name.sasl_ssl.{MECHANISM.lower()}.sasl.jaas.config"]
    plain = rendered["listener.name.controller.plain.sasl.jaas.config"]
    assert f'username="{ADMIN}" password="{password}";' in scram and "ScramLoginModule required" in scram
    assert f'username="{ADMIN}" password="{password}" user_{ADMIN}="{password}";' in plain
    assert rendered["log.dirs"] == "/var/lib/kafka/data"
    assert "kafka-data:/var/lib/kafka/data" in compose["services"]["kafka"]["volumes"]


def test_every_service_connects_as_its_own_principal(compose: dict[str, Any]) -> None:
    broker = compose["services"]["kafka"]["environment"]
    scram = {principal_of(n): v for n, v in broker.items() if n.startswith("SCRAM_PASSWORD_")}
    assert set(scram) == {ADMIN, *ACCESS}, "one SCRAM user per principal, no more"
    assert set(ACCESS) == set(SERVICES), "every service has a principal"
    for service in SERVICES:
        env = compose["services"][service]["environment"]
        assert env["PARK_BUS"] == "kafka" and env["KAFKA_USERNAME"] == service
        assert env["KAFKA_PASSWORD"] == scram[service], f"{service}: the password its SCRAM user has"
        assert env["KAFKA_PASSWORD"].startswith("${KAFKA_PASSWORD_"), "a secret from the environment"
        overridden = interpolate(
            env["KAFKA_PASSWORD"], {f"KAFKA_PASSWORD_{service.upper().replace('-', '_')}": "x"}
        )
        assert overridden == "x"
    defaults = [interpolate(v) for v in scram.values()]
    assert len(set(defaults)) == len(defaults), "no two principals share a password"
    admin = compose["services"]["kafka-setup"]["environment"]
    assert admin["KAFKA_ADMIN_USERNAME"] == ADMIN and admin["KAFKA_ADMIN_PASSWORD"] == scram[ADMIN]


def test_the_setup_job_provisions_the_topics_and_acls_of_access(
    compose: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    setup = compose["services"]["kafka-setup"]
    assert setup["build"]["args"]["SERVICE"] in SERVICES  # an image with park_shared in it
    python, dash_m, module, *argv = setup["command"]
    assert (python, dash_m, module) == ("python", "-m", "park_shared.kafka_acl")
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []

    async def provision(*args: Any, **kwargs: Any) -> None:
        calls.append((args, kwargs))

    monkeypatch.setattr(kafka_acl, "provision", provision)
    for name, value in setup["environment"].items():
        monkeypatch.setenv(name, interpolate(value))
    assert kafka_acl.main(argv) == 0
    [(args, kwargs)] = calls
    service_env = compose["services"]["headquarters"]["environment"]
    password = interpolate(compose["services"]["kafka"]["environment"]["SCRAM_PASSWORD_ADMIN"])
    assert args == (service_env["KAFKA_BOOTSTRAP_SERVERS"], ADMIN, password)
    brokers = int(interpolate(setup["environment"]["KAFKA_BROKERS"]))  # the replication's input
    assert kwargs == {
        "namespace": "",
        "partitions": int(service_env["KAFKA_PARTITIONS"]),
        "brokers": brokers,
        "cafile": Path(service_env["KAFKA_SSL_CAFILE"]),  # over SASL_SSL, as the services
    }
    assert service_env["KAFKA_SECURITY_PROTOCOL"] == "SASL_SSL"
    assert "park-certs:/certs:ro" in setup["volumes"]
    assert not any("PARK_NAMESPACE" in compose["services"][s]["environment"] for s in SERVICES)


def test_the_acls_granted_are_exactly_access() -> None:
    """What `provision` creates (its bindings), read back into the table: nothing more, nothing less."""
    granted: dict[str, dict[str, set[str]]] = {}
    for b in kafka_acl.bindings(""):
        kinds = granted.setdefault(
            b.principal.removeprefix("User:"), {"write": set(), "read": set(), "group": set()}
        )
        kind = (
            "group" if b.resource is Resource.GROUP else "write" if b.operation is Operation.WRITE else "read"
        )
        kinds[kind].add(b.name)
    assert set(granted) == set(ACCESS)
    for principal, kinds in granted.items():
        events = {t.removeprefix("park.").removesuffix(".events") for t in kinds["read"]}
        dlqs = {f"park.{g}.dlq" for g in ACCESS[principal].groups} if ACCESS[principal].publishes else set()
        writes = {f"park.{principal}.events", *dlqs} if ACCESS[principal].publishes else set()
        assert Access(tuple(sorted(events)), tuple(sorted(kinds["group"])), bool(kinds["write"])) == Access(
            tuple(sorted(ACCESS[principal].reads)),
            tuple(sorted(ACCESS[principal].groups)),
            ACCESS[principal].publishes,
        )
        assert kinds["write"] == writes, principal
    assert set(kafka_acl.topics("")) >= {
        b.name for b in kafka_acl.bindings("") if b.resource is Resource.TOPIC
    }


def stub(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/usr/bin/env bash\n{body}\n")
    path.chmod(0o755)


def run_broker_script(
    compose: dict[str, Any], tmp_path: Path, **extra: str
) -> subprocess.CompletedProcess[str]:
    """deploy/kafka/broker.sh with the compose environment, the image's tools replaced by stand-ins
    that record how they were called."""
    home, scripts = tmp_path / "kafka", tmp_path / "scripts"
    stub(scripts / "configure", f'echo "$KAFKA_OPTS|$KAFKA_SUPER_USERS" > "{tmp_path}/configured"')
    stub(home / "bin" / "kafka-storage.sh", f'printf "%s\\n" "$@" > "{tmp_path}/format"; echo salted-keys')
    stub(home / "bin" / "kafka-server-start.sh", f'echo "$1" > "{tmp_path}/started"')
    (home / "config").mkdir(parents=True, exist_ok=True)
    env = {k: interpolate(str(v)) for k, v in compose["services"]["kafka"]["environment"].items()}
    env |= {
        "KAFKA_LOG_DIRS": str(tmp_path / "data"),
        "PARK_KAFKA_HOME": str(home),
        "PARK_KAFKA_SCRIPTS": str(scripts),
    }
    env |= {"PATH": os.environ["PATH"], **extra}
    volume = next(v for v in compose["services"]["kafka"]["volumes"] if v.endswith(":/park/broker.sh:ro"))
    script = ROOT / volume.split(":")[0]
    assert compose["services"]["kafka"]["entrypoint"] == ["/bin/bash", "/park/broker.sh"]
    return subprocess.run(["bash", str(script)], env=env, capture_output=True, text=True, timeout=30)


def test_the_broker_script_formats_the_scram_users_once_then_starts(
    compose: dict[str, Any], tmp_path: Path
) -> None:
    done = run_broker_script(compose, tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "configured").read_text().strip() == "|User:admin"
    args = (tmp_path / "format").read_text().split("\n")
    home = tmp_path / "kafka"
    env = compose["services"]["kafka"]["environment"]
    assert args[:5] == [
        "format",
        "--cluster-id",
        env["CLUSTER_ID"],
        "--config",
        f"{home}/config/server.properties",
    ]
    users = {args[i + 1] for i, a in enumerate(args) if a == "--add-scram"}
    expected = {
        f"{MECHANISM}=[name={principal_of(n)},password={interpolate(v)}]"
        for n, v in env.items()
        if n.startswith("SCRAM_PASSWORD_")
    }
    assert users == expected and len(users) == len(ACCESS) + 1
    assert "salted-keys" not in done.stdout + done.stderr, "the SCRAM records stay out of the log"
    assert (tmp_path / "started").read_text().strip() == f"{home}/config/server.properties"
    admin = home / "config" / "admin.properties"
    assert stat.S_IMODE(admin.stat().st_mode) == 0o600
    assert f'password="{interpolate(env["SCRAM_PASSWORD_ADMIN"])}"' in admin.read_text()
    assert "security.protocol=SASL_SSL" in admin.read_text()  # the health check goes over TLS too
    assert "ssl.truststore.location=/etc/kafka/secrets/ca.crt" in admin.read_text()
    healthcheck = " ".join(compose["services"]["kafka"]["healthcheck"]["test"])
    assert "--command-config /opt/kafka/config/admin.properties" in healthcheck

    (tmp_path / "format").unlink()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "meta.properties").touch()
    assert run_broker_script(compose, tmp_path).returncode == 0
    assert not (tmp_path / "format").exists(), "formatted storage is not formatted again"


def test_the_broker_script_refuses_a_password_it_cannot_quote(
    compose: dict[str, Any], tmp_path: Path
) -> None:
    done = run_broker_script(compose, tmp_path, SCRAM_PASSWORD_INVESTMENT='pa"ss],word')
    assert done.returncode == 1 and "SCRAM_PASSWORD_INVESTMENT" in done.stderr
    assert not (tmp_path / "format").exists() and not (tmp_path / "started").exists()
