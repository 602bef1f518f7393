"""`parkctl events tail`: the four topics as they flow, from the configured bus."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from park_shared.backends import open_bus
from park_shared.bus.port import Message, Subscription
from park_shared.envelope import Envelope, InvalidEnvelope
from park_shared.settings import ParkSettings
from rich.console import Console

from parkctl.suite import SERVICES


async def tail_events(console: Console, data_dir: Path, from_beginning: bool, limit: int) -> None:
    settings = ParkSettings() if "PARK_DATA_DIR" in os.environ else ParkSettings(park_data_dir=data_dir)
    topics = [settings.topic(s.name) for s in SERVICES if s.name != "dashboard"]
    bus = await open_bus("parkctl", settings, [])
    subscription = bus.subscribe(f"parkctl-tail-{uuid.uuid4().hex[:8]}", topics)
    shown = 0
    try:
        if not from_beginning:
            await _skip_to_end(subscription)
        while not limit or shown < limit:
            for message in await subscription.poll(timeout=1.0):
                _show(console, message)
                shown += 1
                if limit and shown >= limit:
                    break
    finally:
        await subscription.close()
        await bus.close()


async def _skip_to_end(subscription: Subscription) -> None:
    while await subscription.poll(timeout=0.3):
        pass


def _show(console: Console, message: Message) -> None:
    try:
        e = Envelope.from_message(message)
    except InvalidEnvelope as bad:
        console.print(f"[red]invalid message[/red] on {message.topic}: {bad}")
        return
    console.print(
        f"[dim]{e.time}[/dim] [cyan]{e.service:<15}[/cyan] [bold]{e.type}[/bold] {e.subject}"
        f" [dim]by {e.actor}[/dim]"
    )
