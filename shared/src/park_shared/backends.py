"""Builds the store and bus adapters the settings name."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Sequence

from park_shared.bus.port import Bus
from park_shared.projections.port import ReadModelStore
from park_shared.settings import ParkSettings
from park_shared.store.port import EventStore

__all__ = ["open_bus", "open_store"]

Close = Callable[[], Awaitable[None]]


async def open_store(
    service: str, settings: ParkSettings, private: Collection[str] = ()
) -> tuple[EventStore, ReadModelStore, Close]:
    """`private`: the collections this process's projections own (its replica's own on MongoDB,
    with PARK_REPLICA)."""
    if settings.park_store == "mongodb":
        from park_shared.projections.mongo import MongoReadModels
        from park_shared.store.mongo import MongoEventStore

        assert settings.mongodb_uri is not None
        store = await MongoEventStore.open(settings.mongodb_uri, settings.database_name(service))
        return (
            store,
            MongoReadModels(
                store.database, ferretdb=store.ferretdb, replica=settings.park_replica, private=private
            ),
            store.close,
        )
    from park_shared.projections.sqlite import SqliteReadModels
    from park_shared.sqlite_db import SqliteDatabase
    from park_shared.store.sqlite import SqliteEventStore

    db = SqliteDatabase(settings.park_data_dir / f"{service}.sqlite")
    return SqliteEventStore(db), SqliteReadModels(db), db.close


async def open_bus(service: str, settings: ParkSettings, topics: Sequence[str]) -> Bus:
    if settings.park_bus == "kafka":
        from park_shared.bus.kafka import KafkaBus

        assert settings.kafka_bootstrap_servers is not None
        kafka = KafkaBus(
            settings.kafka_bootstrap_servers,
            client_id=service,
            security=settings.kafka_security(),
            partitions=settings.kafka_partitions,
            brokers=settings.kafka_brokers,
            read_only=not topics,  # a publisher always ensures its own topic
        )
        await kafka.start()
        await kafka.ensure_topics(topics, settings.kafka_partitions)
        return kafka
    from park_shared.bus.embedded import EmbeddedLog

    log = EmbeddedLog(settings.park_data_dir / "bus.sqlite")
    await log.start()
    return log
