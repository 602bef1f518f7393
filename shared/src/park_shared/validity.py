"""The one rule for validity periods, used by every unit that keeps versions in force:
`effective_from` is inclusive; `effective_until` is exclusive (it is the successor's
effective_from, the first day the old version no longer applies); a version revoked on a day
no longer applies from that day."""

from __future__ import annotations

from datetime import date

__all__ = ["in_effect"]


def in_effect(
    day: date,
    effective_from: date | None,
    effective_until: date | None = None,
    revoked_on: date | None = None,
) -> bool:
    if effective_from is None or day < effective_from:
        return False
    if effective_until is not None and day >= effective_until:
        return False
    return revoked_on is None or day < revoked_on
