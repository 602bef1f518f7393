"""Value types shared by the aggregates: money and percentages as Decimal, never float."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field

__all__ = ["Money", "Percent", "PlannedUse", "Text", "Unit", "refuse_float"]

CENT = Decimal("0.01")


def refuse_float(value: object) -> object:
    """A binary float can't carry an exact amount: ask for a decimal string or an integer."""
    if isinstance(value, float | bool):
        raise ValueError('give a decimal string (e.g. "1250.50") or an integer, not a float')
    return value


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT)


Money = Annotated[
    Decimal,
    BeforeValidator(refuse_float),
    Field(ge=0, max_digits=17, decimal_places=2),
    AfterValidator(_cents),
]
"""Yuan, at most 2 decimals, never negative; serialized as a decimal string."""

Percent = Annotated[Decimal, BeforeValidator(refuse_float), Field(ge=0, le=100, decimal_places=2)]
"""0 to 100, at most 2 decimals."""

Text = Annotated[str, Field(min_length=1, max_length=2000)]

PlannedUse = Literal["industrial", "commercial", "public"]

Unit = Literal["headquarters", "service-center", "industrial-co", "investment"]
