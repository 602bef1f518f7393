"""Events as frozen pydantic models, their versioned type names, upcasters and JSON Schemas."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any, NamedTuple, TypeVar

import orjson
from pydantic import BaseModel, ConfigDict

__all__ = [
    "Event",
    "EventMeta",
    "EventRegistry",
    "ForeignEvent",
    "NewEvent",
    "RecordedEvent",
    "UnknownEventType",
    "new_id",
    "occurred_now",
    "type_name",
]


class Event(BaseModel):
    """One of our own events: immutable, strict about its fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class ForeignEvent(BaseModel):
    """Our reading of another service's event: only the fields we use, the rest ignored."""

    model_config = ConfigDict(frozen=True, extra="ignore")


E = TypeVar("E", bound=BaseModel)
Upcaster = Callable[[dict[str, Any]], dict[str, Any]]


class UnknownEventType(LookupError):
    pass


def type_name(service: str, name: str, version: int) -> str:
    return f"park.{service}.{name}.v{version}"


_IDS_AT_ONCE = 256
_VERSION_4 = bytes(b & 0x0F | 0x40 for b in range(256))
"""Byte 6 of a version 4 UUID from any byte: its high nibble is the version, 4."""
_VARIANT_RFC_4122 = bytes(b & 0x3F | 0x80 for b in range(256))
"""Byte 8 from any byte: its two high bits are the variant, 10."""
_ids: Iterator[str] = iter(())
"""Ids made but not handed out yet: one `os.urandom` call makes `_IDS_AT_ONCE` of them. A list
iterator hands each out once, whichever thread asks."""


def _forget_ids() -> None:
    global _ids
    _ids = iter(())


os.register_at_fork(after_in_child=_forget_ids)  # a child never repeats its parent's ids


def new_id() -> str:
    """A random UUID (version 4, RFC 4122 variant) as 32 hex digits: what `uuid.uuid4().hex`
    gives (the same bits from `os.urandom`), made `_IDS_AT_ONCE` at a time from one call."""
    global _ids
    found = next(_ids, None)
    if found is not None:
        return found
    random = bytearray(os.urandom(16 * _IDS_AT_ONCE))
    random[6::16] = random[6::16].translate(_VERSION_4)
    random[8::16] = random[8::16].translate(_VARIANT_RFC_4122)
    digits = random.hex()
    batch = iter([digits[at : at + 32] for at in range(0, len(digits), 32)])
    found = next(batch)
    _ids = batch
    return found


def occurred_now() -> str:
    """This instant in UTC, as `datetime.now(UTC).isoformat()` writes it (microseconds left out
    when they are 0), with the date and time of day formatted once a second."""
    global _second
    micros = time.time_ns() // 1000
    seconds, micro = divmod(micros, 1_000_000)
    at, prefix = _second
    if at != seconds:
        prefix = datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%S")
        _second = (seconds, prefix)
    return f"{prefix}.{micro:06d}+00:00" if micro else f"{prefix}+00:00"


_second: tuple[int, str] = (-1, "")
"""The last second `occurred_now` formatted, and its text."""


class EventMeta(NamedTuple):
    """Who caused an event, in which conversation, and the trace it belongs to."""

    event_id: str
    occurred_at: str
    correlation_id: str
    causation_id: str
    actor: str = "system"
    traceparent: str | None = None

    def to_json(self) -> bytes:
        return orjson.dumps(
            {
                "id": self.event_id,
                "at": self.occurred_at,
                "corr": self.correlation_id,
                "cause": self.causation_id,
                "actor": self.actor,
                "tp": self.traceparent,
            }
        )

    @classmethod
    def from_json(cls, raw: bytes | str) -> EventMeta:
        d = orjson.loads(raw)
        return cls(d["id"], d["at"], d["corr"], d["cause"], d.get("actor", "system"), d.get("tp"))


class NewEvent(NamedTuple):
    """An event on its way into a store: its type name, JSON data and metadata."""

    type: str
    data: bytes
    meta: EventMeta


class RecordedEvent(NamedTuple):
    """An event as stored: global position, stream, version within the stream. Its metadata
    stays JSON until asked for: folding a stream or replaying a projection never needs it."""

    position: int
    stream_id: str
    version: int
    type: str
    data: bytes
    meta_json: bytes

    @property
    def meta(self) -> EventMeta:
        return EventMeta.from_json(self.meta_json)


class EventRegistry:
    """Maps versioned type names to models, both ways, and upcasts old versions on read."""

    def __init__(self, service: str) -> None:
        self.service = service
        self._models: dict[str, type[BaseModel]] = {}
        self._names: dict[type[BaseModel], str] = {}
        self._upcasters: dict[str, tuple[str, Upcaster]] = {}
        self._public: set[str] | None = None

    def event(self, name: str | None = None, version: int = 1) -> Callable[[type[E]], type[E]]:
        """Class decorator for our own events: `park.<service>.<Name>.v<N>`."""
        return self.foreign(self.service, name, version)

    def foreign(
        self, service: str, name: str | None = None, version: int = 1
    ) -> Callable[[type[E]], type[E]]:
        """Class decorator for another service's event, read by its published type name."""

        def register(cls: type[E]) -> type[E]:
            self.add(type_name(service, name or cls.__name__, version), cls)
            return cls

        return register

    def add(self, type_: str, model: type[BaseModel]) -> None:
        if type_ in self._models and self._models[type_] is not model:
            raise ValueError(f"event type {type_} is registered twice")
        self._models[type_] = model
        self._names[model] = type_

    def upcaster(self, old_type: str, new_type: str) -> Callable[[Upcaster], Upcaster]:
        """Registers a function that turns an old version's data into the next version's."""

        def register(fn: Upcaster) -> Upcaster:
            self._upcasters[old_type] = (new_type, fn)
            return fn

        return register

    def declare_public(self, *models: type[BaseModel]) -> None:
        """Names the integration events: only these leave the service (the outbox skips the
        rest). A registry that declares none publishes all of its own events."""
        self._public = (self._public or set()) | {self.type_of(m) for m in models}

    def is_public(self, type_: str) -> bool:
        return self._public is None or type_ in self._public

    def type_of(self, event: BaseModel | type[BaseModel]) -> str:
        cls = event if isinstance(event, type) else type(event)
        try:
            return self._names[cls]
        except KeyError:
            raise UnknownEventType(f"{cls.__name__} is not a registered event") from None

    def knows(self, type_: str) -> bool:
        return type_ in self._models or type_ in self._upcasters

    def encode(self, event: BaseModel) -> tuple[str, bytes]:
        return self.type_of(event), event.__pydantic_serializer__.to_json(event)

    def decode(self, type_: str, data: bytes) -> BaseModel:
        model = self._models.get(type_)
        if model is not None:
            event: BaseModel = model.__pydantic_validator__.validate_json(data)
            return event
        if type_ not in self._upcasters:
            raise UnknownEventType(f"unknown event type {type_}")
        payload: dict[str, Any] = orjson.loads(data)
        while type_ in self._upcasters:
            type_, fn = self._upcasters[type_]
            payload = fn(payload)
        if type_ not in self._models:
            raise UnknownEventType(f"upcast ended at unknown event type {type_}")
        return self._models[type_].model_validate(payload)

    def types(self) -> Iterator[tuple[str, type[BaseModel]]]:
        yield from sorted(self._models.items())

    def json_schemas(self) -> dict[str, dict[str, Any]]:
        """The JSON Schema of every registered type, by type name."""
        return {t: m.model_json_schema() for t, m in self.types()}
