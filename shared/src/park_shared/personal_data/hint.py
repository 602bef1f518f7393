"""What a person may be shown of an identifier without revealing it: its last four characters."""

from __future__ import annotations

__all__ = ["last_four"]


def last_four(identifier: str) -> str:
    """`identifier` with all but its last four characters masked: `**************123X`."""
    return "*" * (len(identifier) - 4) + identifier[-4:]
