"""The ACL table (park_shared.kafka_acl) is what the services actually do: each service's runtime
declares exactly the topics and consumer groups its principal is granted. No broker needed."""

from __future__ import annotations

from pathlib import Path

from park_dashboard.bootstrap import bootstrap as dashboard
from park_dashboard.settings import DashboardSettings
from park_headquarters.bootstrap import bootstrap as headquarters
from park_headquarters.settings import HeadquartersSettings
from park_industrial_co.bootstrap import bootstrap as industrial_co
from park_industrial_co.settings import IndustrialCoSettings
from park_investment.bootstrap import bootstrap as investment
from park_investment.settings import InvestmentSettings
from park_service_center.bootstrap import bootstrap as service_center
from park_service_center.settings import ServiceCenterSettings
from park_shared.application import Application
from park_shared.kafka_acl import ACCESS, Operation, Resource, bindings, topics


async def applications(tmp_path: Path) -> dict[str, Application]:
    common = {"park_env": "test", "park_data_dir": tmp_path, "park_namespace": "ns"}
    return {
        "headquarters": await headquarters(HeadquartersSettings(**common)),
        "service-center": await service_center(ServiceCenterSettings(**common)),
        "industrial-co": await industrial_co(IndustrialCoSettings(**common)),
        "investment": await investment(InvestmentSettings(**common)),
        "dashboard": await dashboard(DashboardSettings(**common)),
    }


def declared(application: Application) -> tuple[set[str], set[str], set[str]]:
    """(topics it writes, topics it reads, groups it uses), as its runtime will use them."""
    runtime = application.runtime
    specs = runtime._consumer_specs  # what add_consumer recorded
    reads = {t for _, ts, _ in specs for t in ts}
    groups = {runtime.settings.group(g) for _, _, g in specs}
    writes = {runtime.topic, *(runtime.settings.dlq(g) for _, _, g in specs)} if runtime.publishes else set()
    reader = getattr(application, "reader", None)
    if reader is not None:  # the dashboard's own read loop
        reads |= set(reader.topics)
        groups.add(runtime.settings.group(runtime.service))
    return writes, reads, groups


def granted(principal: str) -> tuple[set[str], set[str], set[str]]:
    mine = [b for b in bindings("ns") if b.principal == f"User:{principal}"]
    writes = {b.name for b in mine if b.operation is Operation.WRITE}
    reads = {b.name for b in mine if b.resource is Resource.TOPIC and b.operation is Operation.READ}
    groups = {b.name for b in mine if b.resource is Resource.GROUP}
    return writes, reads, groups


async def test_every_principal_is_granted_exactly_what_its_service_declares(tmp_path: Path) -> None:
    services = await applications(tmp_path)
    assert set(services) == set(ACCESS)
    for name, application in services.items():
        assert granted(name) == declared(application), name
        assert set(application.runtime._topics()) <= set(topics("ns")), name  # all provisioned


def test_the_dashboard_may_write_nothing_and_groups_are_never_shared() -> None:
    assert granted("dashboard")[0] == set()
    groups = [g for principal in ACCESS for g in granted(principal)[2]]
    assert len(groups) == len(set(groups))
    writers = [t for principal in ACCESS for t in granted(principal)[0]]
    assert len(writers) == len(set(writers)), "each topic has one writer"
