"""Money: Decimal yuan with at most 2 decimals, never float."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

__all__ = ["CENT", "Money", "NonNegativeMoney", "PositiveMoney", "fen", "percent_of"]

CENT = Decimal("0.01")


def _exact(value: Any) -> Any:
    if isinstance(value, bool | float):
        raise ValueError("money must be a decimal string or an integer, never a float")
    if isinstance(value, str | int | Decimal):
        try:  # "abc" or an amount too large to quantize is an InvalidOperation, not a ValueError
            amount = Decimal(str(value))
            if not amount.is_finite():
                raise ValueError("money must be a finite amount")
            if amount.as_tuple().exponent < -2:  # type: ignore[operator]
                raise ValueError("money has at most 2 decimals")
            return amount.quantize(CENT)
        except ArithmeticError:
            raise ValueError('money must be a decimal string such as "1250.00"') from None
    raise ValueError('money must be a decimal string such as "1250.00"')


Money = Annotated[Decimal, BeforeValidator(_exact)]
NonNegativeMoney = Annotated[Decimal, BeforeValidator(_exact), Field(ge=0)]
PositiveMoney = Annotated[Decimal, BeforeValidator(_exact), Field(gt=0)]


def fen(amount: Decimal) -> Decimal:
    """Rounds to the fen (0.01 yuan), half up."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def percent_of(amount: Decimal, percent: Decimal) -> Decimal:
    return fen(amount * percent / Decimal(100))
