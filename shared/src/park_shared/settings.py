"""One validated settings class; each service subclasses it with its own fields."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, Self

from pydantic import Field, FilePath, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from park_shared.bus.kafka_security import Mechanism, Protocol, kafka_security
from park_shared.bus.port import dlq_topic, events_topic

__all__ = ["ParkSettings"]


class ParkSettings(BaseSettings):
    """Read from the environment. Embedded default: SQLite files and the embedded log
    under PARK_DATA_DIR, no servers needed."""

    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    park_env: Literal["development", "test", "production"] = "development"
    host: str = "127.0.0.1"
    """Where the HTTP server listens (HOST); the port is each service's own setting (PORT)."""
    park_store: Literal["sqlite", "mongodb"] = "sqlite"
    mongodb_uri: str | None = None
    park_bus: Literal["embedded", "kafka"] = "embedded"
    kafka_bootstrap_servers: str | None = None
    kafka_partitions: int = Field(3, ge=1, le=64)
    kafka_brokers: int | None = Field(None, ge=1)
    """The brokers of the cluster (KAFKA_BROKERS), which set how topics are replicated
    (park_shared.bus.replication); unset: counted from the cluster when topics are created."""
    kafka_username: str | None = None
    kafka_password: SecretStr | None = None
    kafka_security_protocol: Protocol | None = None
    """PLAINTEXT, SASL_PLAINTEXT, SSL or SASL_SSL; unset: SASL_PLAINTEXT with KAFKA_USERNAME, else
    PLAINTEXT (park_shared.bus.kafka_security)."""
    kafka_sasl_mechanism: Mechanism = "SCRAM-SHA-256"
    kafka_ssl_cafile: FilePath | None = None
    """The CA that signed the broker's certificate (PEM), with SSL or SASL_SSL."""
    park_tls_certfile: FilePath | None = None
    """Serve HTTPS: the server's certificate chain (PEM; PARK_TLS_CERTFILE), with PARK_TLS_KEYFILE."""
    park_tls_keyfile: FilePath | None = None
    park_tls_keyfile_password: SecretStr | None = None
    park_data_dir: Path = Path(".park/data")
    park_jwks: dict[str, str] | None = None
    """The departments' public keys (park_shared.keys): issuer -> a JWKS file or http(s) URL;
    required when PARK_ENV=production. Unset: the JWKS files under PARK_KEYS_DIR."""
    park_keys_dir: Path = Path(".park/keys")
    """The development keyring: each department's key and JWKS, made on first use by
    `parkctl token` (never read for private keys by a service)."""
    park_personal_data_key: SecretStr = SecretStr("park-development-personal-data-key-change-me")
    """Wraps each data subject's key (PARK_PERSONAL_DATA_KEY; see park_shared.personal_data)."""
    park_telemetry: Literal["off", "console", "otlp", "memory"] = "off"
    park_timezone: str = "Asia/Shanghai"
    park_zone_clock_file: Path | None = None
    """A demonstration zone's clock: days ahead of wall time, in a file all services read
    (park_shared.zone_clock; `parkctl up` sets it, `parkctl clock` moves it). Unset: wall time."""
    park_parks: tuple[str, ...] = ("north", "south")
    """The zone's two parks by id; headquarters holds their names."""
    park_namespace: str = Field("", pattern=r"^[a-z0-9-]*$", max_length=40)
    """Prefixes topics, consumer groups and databases, so that several suites (staging and
    production, or test runs) can share one broker and one MongoDB."""
    park_replica: str = Field("", pattern=r"^[a-z0-9-]*$", max_length=40)
    """This process's name among the replicas of its service that share one MongoDB database
    (PARK_REPLICA, e.g. `a`, `b`): each replica folds the events into read models of its own
    (park_shared.projections.mongo), since FerretDB v1 cannot write a document only over an
    older one atomically and two processes folding one set of documents lose updates. Unset:
    the database's read models, for one process per service."""
    park_public_rate_limit: str | None = Field(
        None, pattern=r"^(off|[1-9][0-9]*/(second|minute|hour|day)(;[1-9][0-9]*/(second|minute|hour|day))*)$"
    )
    """Requests one client address may make to each /public route (web/rate_limits.py), e.g.
    120/minute or 120/minute;1000/hour, or off; unset: 120/minute (off where PARK_ENV=test)."""

    @model_validator(mode="after")
    def _complete(self) -> Self:
        if self.park_store == "mongodb" and not self.mongodb_uri:
            raise ValueError("PARK_STORE=mongodb needs MONGODB_URI")
        if self.park_bus == "kafka" and not self.kafka_bootstrap_servers:
            raise ValueError("PARK_BUS=kafka needs KAFKA_BOOTSTRAP_SERVERS")
        if bool(self.park_tls_certfile) != bool(self.park_tls_keyfile):
            raise ValueError("PARK_TLS_CERTFILE and PARK_TLS_KEYFILE go together")
        if self.park_bus == "kafka":
            self.kafka_security()  # raises on an incomplete combination
        if self.park_env == "production" and not self.park_jwks:
            raise ValueError("PARK_JWKS must name each department's public keys in production")
        return self

    def kafka_security(self) -> dict[str, Any]:
        """aiokafka's security keyword arguments (protocol, SASL, TLS context)."""
        default: Protocol = "SASL_PLAINTEXT" if self.kafka_username else "PLAINTEXT"
        protocol = self.kafka_security_protocol or default
        password = self.kafka_password.get_secret_value() if self.kafka_password else None
        return kafka_security(
            protocol,
            username=self.kafka_username,
            password=password,
            mechanism=self.kafka_sasl_mechanism,
            cafile=self.kafka_ssl_cafile,
        )

    def _ns(self) -> str:
        return f"{self.park_namespace}." if self.park_namespace else ""

    def database_name(self, service: str) -> str:
        prefix = f"{self.park_namespace.replace('-', '_')}_" if self.park_namespace else ""
        return f"{prefix}park_{service.replace('-', '_')}"

    def topic(self, service: str) -> str:
        return self._ns() + events_topic(service)

    def dlq(self, consumer: str) -> str:
        return self._ns() + dlq_topic(consumer)

    def group(self, consumer: str) -> str:
        return self._ns() + consumer
