"""Exact money: Decimal yuan with two places, and whole numbers of shares."""

from __future__ import annotations

from decimal import Decimal

__all__ = ["CENT", "ZERO", "money", "whole_shares"]

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def money(value: Decimal | int) -> Decimal:
    """The amount with exactly two decimals (the contract's money format)."""
    return Decimal(value).quantize(CENT)


def whole_shares(amount: Decimal, unit_price: Decimal) -> int | None:
    """How many shares `amount` buys at `unit_price`, or None if it is not a whole number."""
    if unit_price <= 0:
        return None
    shares, rest = divmod(amount, unit_price)
    return int(shares) if rest == 0 else None
