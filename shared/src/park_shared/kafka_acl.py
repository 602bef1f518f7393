"""Who may do what on Kafka: one SCRAM principal per service and the ACLs that separate them.

Each publishing service may write its own events topic and the DLQ of each of its consumer
groups, read the topics it consumes, and use its own consumer groups; the dashboard may only
read the four events topics as its own group. Nothing else is allowed (the broker runs the
StandardAuthorizer with ``allow.everyone.if.no.acl.found=false``); the admin principal, a
super user, creates the topics and these ACLs with `provision`:

    python -m park_shared.kafka_acl --bootstrap kafka:9092 [--namespace NS] [--partitions 6]
        [--brokers N]   (sets the replication, park_shared.bus.replication; default KAFKA_BROKERS)
    (admin credentials from KAFKA_ADMIN_USERNAME / KAFKA_ADMIN_PASSWORD; over SASL_SSL when
    KAFKA_SSL_CAFILE names the CA of the broker's certificate)

The table mirrors the services' `Runtime.add_consumer` calls; tests/security checks that it
matches what each service's runtime declares."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import Any

from park_shared.bus.kafka_security import Protocol, kafka_security
from park_shared.settings import ParkSettings

__all__ = ["ACCESS", "PUBLISHERS", "Access", "Binding", "bindings", "provision", "sasl", "topics"]

PUBLISHERS: tuple[str, ...] = ("headquarters", "service-center", "industrial-co", "investment")


@dataclass(frozen=True, slots=True)
class Access:
    reads: tuple[str, ...]
    """The services whose events topic this principal consumes."""
    groups: tuple[str, ...]
    """Its consumer groups (before the namespace); a publisher gets one DLQ per group."""
    publishes: bool = True


ACCESS: Mapping[str, Access] = {
    "headquarters": Access(("service-center", "industrial-co"), ("headquarters",)),
    "service-center": Access(
        ("investment", "headquarters", "service-center"), ("service-center", "service-center-billing")
    ),
    "industrial-co": Access(("headquarters",), ("industrial-co",)),
    "investment": Access(("headquarters", "service-center"), ("investment",)),
    "dashboard": Access(PUBLISHERS, ("dashboard",), publishes=False),
}


class Resource(IntEnum):  # Kafka's AclResourceType codes
    TOPIC = 2
    GROUP = 3


class Operation(IntEnum):  # Kafka's AclOperation codes
    READ = 3
    WRITE = 4


_LITERAL = 3  # PatternType.LITERAL
_ALLOW = 3  # AclPermissionType.ALLOW


@dataclass(frozen=True, slots=True)
class Binding:
    resource: Resource
    name: str
    principal: str
    operation: Operation


def _settings(namespace: str) -> ParkSettings:
    return ParkSettings.model_construct(park_namespace=namespace)  # no environment, no checks


def topics(namespace: str = "") -> list[str]:
    """Every events topic and every DLQ the suite uses."""
    s = _settings(namespace)
    events = [s.topic(service) for service in PUBLISHERS]
    dlqs = [s.dlq(group) for name, a in ACCESS.items() if a.publishes for group in a.groups]
    return events + dlqs


def bindings(namespace: str = "") -> list[Binding]:
    """The ALLOW bindings: WRITE implies DESCRIBE on a topic, READ implies DESCRIBE too."""
    s = _settings(namespace)
    out: list[Binding] = []
    for name, access in ACCESS.items():
        user = f"User:{name}"
        if access.publishes:
            own = [s.topic(name), *(s.dlq(group) for group in access.groups)]
            out += [Binding(Resource.TOPIC, t, user, Operation.WRITE) for t in own]
        out += [Binding(Resource.TOPIC, s.topic(r), user, Operation.READ) for r in access.reads]
        out += [Binding(Resource.GROUP, s.group(g), user, Operation.READ) for g in access.groups]
    return out


def sasl(username: str, password: str, cafile: Path | None = None) -> dict[str, Any]:
    """aiokafka's keyword arguments for SCRAM-SHA-256: over SASL_SSL trusting ``cafile`` when
    given, else over SASL_PLAINTEXT."""
    protocol: Protocol = "SASL_SSL" if cafile else "SASL_PLAINTEXT"
    return kafka_security(protocol, username=username, password=password, cafile=cafile)


async def provision(
    bootstrap: str,
    admin_username: str,
    admin_password: str,
    *,
    namespace: str = "",
    partitions: int = 1,
    brokers: int | None = None,
    cafile: Path | None = None,
) -> None:
    """As the admin (over SASL_SSL trusting ``cafile`` when given): create the missing topics
    (replicated by the number of brokers: `brokers`, else counted; park_shared.bus.replication),
    then every ACL binding (an existing binding is left as it is, so this can run again)."""
    from aiokafka.admin import AIOKafkaAdminClient
    from aiokafka.errors import TopicAlreadyExistsError, for_code
    from aiokafka.protocol.admin import CreateAclsRequest

    from park_shared.bus.replication import count_brokers, new_topic, replication_for

    admin: Any = AIOKafkaAdminClient(
        bootstrap_servers=bootstrap,
        client_id="park-provision",
        request_timeout_ms=15_000,
        **sasl(admin_username, admin_password, cafile),
    )
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = [t for t in topics(namespace) if t not in existing]
        if wanted:
            replication = replication_for(brokers or await count_brokers(admin))
            missing = [new_topic(t, partitions, replication) for t in wanted]
            response = await admin.create_topics(missing)
            for topic, code, *_ in response.topic_errors:
                if code and for_code(code) is not TopicAlreadyExistsError:
                    raise for_code(code)(f"creating topic {topic}")
        for b in bindings(namespace):
            request = CreateAclsRequest(b.resource, b.name, _LITERAL, b.principal, "*", b.operation, _ALLOW)
            answer = await admin._send_request(request)
            for code, message in answer.creation_responses:
                if code:
                    raise for_code(code)(f"ACL {b}: {message}")
    finally:
        await admin.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m park_shared.kafka_acl", description=provision.__doc__)
    parser.add_argument("--bootstrap", required=True)
    parser.add_argument("--namespace", default="")
    parser.add_argument("--partitions", type=int, default=1)
    brokers = os.environ.get("KAFKA_BROKERS")
    parser.add_argument(
        "--brokers", type=int, default=int(brokers) if brokers else None,
        help="brokers in the cluster, which set the replication (default: $KAFKA_BROKERS, else counted)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    user, password = os.environ.get("KAFKA_ADMIN_USERNAME"), os.environ.get("KAFKA_ADMIN_PASSWORD")
    if not user or not password:
        print("set KAFKA_ADMIN_USERNAME and KAFKA_ADMIN_PASSWORD", file=sys.stderr)
        return 2
    cafile = os.environ.get("KAFKA_SSL_CAFILE")
    tls: dict[str, Any] = {"cafile": Path(cafile)} if cafile else {}
    asyncio.run(
        provision(
            args.bootstrap,
            user,
            password,
            namespace=args.namespace,
            partitions=args.partitions,
            brokers=args.brokers,
            **tls,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
