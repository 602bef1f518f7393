"""Strict money for request bodies: a decimal string (or integer) in yuan, never a float."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field

from park_industrial_co.domain.money import money

__all__ = ["Money", "PositiveMoney"]


def _no_float(value: Any) -> Any:
    if isinstance(value, float | bool):
        raise ValueError('money is a decimal string such as "1250000.00", never a float')
    return value


Money = Annotated[
    Decimal,
    BeforeValidator(_no_float),
    Field(ge=0, max_digits=15, decimal_places=2, examples=["1250000.00"]),
    AfterValidator(money),
]
"""A non-negative amount with at most two decimals."""

PositiveMoney = Annotated[Money, Field(gt=0)]
"""An amount above zero."""
