"""Oversight of industrial-co's closed share offerings."""

from __future__ import annotations

from park_headquarters.domain.offering import OfferingClosureRecorded
from park_headquarters.projections.documents import OneDocument

__all__ = ["offerings"]


def offerings() -> OneDocument:
    return OneDocument(
        "offerings", collection="offerings", key="offering_id", opened_by=OfferingClosureRecorded
    )
