"""A date as the API takes it: `YYYY-MM-DD` (ISO 8601), in a body or a query. pydantic alone also
takes a number, or a string of digits, as seconds since 1970 (`0` and `"0"` are 1 January 1970,
`"1772582400"` is 4 March 2026), which no one writing a date means: those are a 422 naming the
field."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

__all__ = ["Day"]

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_only(value: object) -> object:
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return value
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    raise PydanticCustomError("date_format", "Input should be a date written YYYY-MM-DD")


Day = Annotated[date, BeforeValidator(_iso_only)]
