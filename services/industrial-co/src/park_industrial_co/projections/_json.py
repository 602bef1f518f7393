"""Helpers that keep read-model documents JSON-safe (money as decimal strings)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from park_shared.projections.port import Doc
from pydantic import BaseModel

from park_industrial_co.domain.money import money

__all__ = ["add", "plain"]


def plain(event: BaseModel, **extra: Any) -> Doc:
    """The event's data as JSON-safe values (Decimal and dates as strings)."""
    doc: Doc = event.model_dump(mode="json")
    doc.update(extra)
    return doc


def add(doc: Doc, field: str, amount: Decimal) -> None:
    doc[field] = str(money(Decimal(doc.get(field, "0")) + amount))
