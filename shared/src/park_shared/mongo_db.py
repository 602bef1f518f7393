"""What every MongoDB adapter of the suite writes the same way."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import DuplicateKeyError

__all__ = ["DUPLICATE_KEY", "upsert"]

DUPLICATE_KEY = 11000
"""The server's error code for a write that a unique index refuses (E11000)."""


async def upsert(
    collection: AsyncCollection[Any], where: Mapping[str, Any], update: Mapping[str, Any]
) -> None:
    """`update_one(where, update, upsert=True)`; when two processes' first upserts of one
    document collide (E11000 on FerretDB), the loser's update goes to the document that now
    exists."""
    try:
        await collection.update_one(where, update, upsert=True)
    except DuplicateKeyError:
        await collection.update_one(where, update)
