"""A parcel's id: `<park>-<code>`, the code as the zone writes it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from park_shared.errors import Invalid

from park_headquarters.domain.parcel.commands import RecordHeldLand, RegisterParcel

__all__ = ["PARCEL_CODE", "known_parcel_id", "parcel_id_of", "split_parcel_id"]

PARCEL_CODE = r"^[A-Za-z0-9]{1,20}$"


def parcel_id_of(park_id: str, code: str) -> str:
    return f"{park_id}-{code}"


def split_parcel_id(parcel_id: str, known_parks: Sequence[str], field: str = "parcel_ids") -> tuple[str, str]:
    """The park and the code a parcel id names (`<park>-<code>`, 422 on `field` otherwise)."""
    for park_id in known_parks:
        code = parcel_id.removeprefix(f"{park_id}-")
        if code != parcel_id and re.fullmatch(PARCEL_CODE, code):
            return park_id, code
    parks = ", ".join(known_parks)
    raise Invalid(f"parcel {parcel_id!r} is not <park>-<code> of a park of the zone ({parks})", field=field)


def known_parcel_id(command: RecordHeldLand | RegisterParcel) -> str:
    """The id of the parcel the command names, once its park is one of the zone's (else 422)."""
    if command.park_id not in command.known_parks:
        known = ", ".join(command.known_parks)
        raise Invalid(f"there is no park {command.park_id!r}; the parks are {known}", field="park_id")
    return parcel_id_of(command.park_id, command.code)
