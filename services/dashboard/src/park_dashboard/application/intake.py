"""Reading one message from a service's topic: an observation to record, or why it is unreadable.
Pure: no I/O; the read loop stores what this decides."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import orjson
from park_shared.bus.port import Message
from park_shared.envelope import Envelope, InvalidEnvelope
from pydantic import ValidationError

from park_dashboard.domain.observed import EventObserved
from park_dashboard.domain.readings import READINGS

__all__ = ["TYPE_PATTERN", "Unreadable", "observe"]

TYPE_PATTERN = re.compile(r"^park\.(?P<service>[a-z-]+)\.(?P<name>[A-Za-z]+)\.v(?P<version>\d+)$")


class Unreadable(ValueError):
    """A poison message: kept as a dead letter, the loop goes on."""

    def __init__(self, reason: str, *, type_: str | None = None, event_id: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.type = type_
        self.event_id = event_id


@dataclass(frozen=True)
class _Found:
    type: str
    event_id: str

    def unreadable(self, reason: str) -> Unreadable:
        return Unreadable(reason, type_=self.type, event_id=self.event_id)


def observe(message: Message, services_by_topic: Mapping[str, str]) -> EventObserved:
    """The observation of a well-formed event from the service that owns the topic, else Unreadable."""
    try:
        envelope = Envelope.from_message(message)
    except InvalidEnvelope as bad:
        raise Unreadable(str(bad)) from None
    found = _Found(envelope.type, envelope.id)
    owner = services_by_topic.get(message.topic)
    match = TYPE_PATTERN.match(envelope.type)
    if match is None:
        raise found.unreadable(f"not a park event type: {envelope.type!r}")
    if owner is None or envelope.service != owner or match["service"] != owner:
        raise found.unreadable(f"{envelope.type} from {envelope.source} on {message.topic}: not its owner")
    data = _json_object(message.value, found)
    _check_reading(data, found)
    return EventObserved(
        id=envelope.id,
        type=envelope.type,
        service=owner,
        subject=envelope.subject,
        time=envelope.time,
        topic=message.topic,
        data=data,
    )


def _json_object(value: bytes, found: _Found) -> dict[str, object]:
    try:
        data = orjson.loads(value)
    except orjson.JSONDecodeError as bad:
        raise found.unreadable(f"not JSON: {bad}") from None
    if not isinstance(data, dict):
        raise found.unreadable(f"data is a JSON {type(data).__name__}, not an object")
    return data


def _check_reading(data: dict[str, object], found: _Found) -> None:
    """An event type the dashboard reads must carry what it reads; an unknown version of a type
    it reads is unreadable too (a new version needs a new reading)."""
    type_ = found.type
    model = READINGS.get(type_)
    if model is None:
        base = type_.rsplit(".v", 1)[0] + ".v"
        if any(known.startswith(base) for known in READINGS):
            raise found.unreadable(f"unknown version of a read event: {type_}")
        return
    try:
        model.model_validate(data)
    except ValidationError as bad:
        fields = ", ".join(".".join(map(str, e["loc"])) + f" ({e['type']})" for e in bad.errors())
        raise found.unreadable(f"invalid {type_}: {fields}") from None
