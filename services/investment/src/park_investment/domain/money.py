"""Money: exact Decimal yuan with at most two decimals, never a float."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BeforeValidator

__all__ = ["CENT", "Money", "parse_money", "to_money"]

CENT = Decimal("0.01")


def to_money(value: Decimal) -> Decimal:
    """Rounds to the cent (half up), for computed amounts."""
    return value.quantize(CENT, rounding="ROUND_HALF_UP")


def parse_money(value: Any) -> Decimal:
    """A decimal string or an integer, non-negative, at most 2 decimals; floats refused."""
    if isinstance(value, bool | float):
        raise ValueError('money must be a decimal string such as "1250000.00", not a float')
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int | str):
        try:
            amount = Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError('money must be a decimal string such as "1250000.00"') from None
    else:
        raise ValueError("money must be a decimal string")
    if not amount.is_finite():
        raise ValueError("money must be a finite amount")
    if amount < 0:
        raise ValueError("money must not be negative")
    if amount != amount.quantize(CENT, rounding="ROUND_DOWN"):
        raise ValueError("money has at most 2 decimals")
    return amount.quantize(CENT)


Money = Annotated[Decimal, BeforeValidator(parse_money)]
"""Use for input that must be money: validated strictly, stored to the cent."""
