"""/ledger: the double-entry ledger's balances per account and per project, and its entries."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel

from park_industrial_co.api.deps import IndustrialCoDep, Staff
from park_industrial_co.domain.ledger import allocations, works
from park_industrial_co.domain.money import ZERO
from park_industrial_co.projections.ledger import ACCOUNTS, ENTRIES

__all__ = ["router"]

router = APIRouter(prefix="/ledger", tags=["ledger"])


class AccountPublic(BaseModel):
    account: str
    kind: Literal["asset", "liability", "equity"]
    project_id: str | None
    debit: Decimal
    credit: Decimal
    balance: Decimal


class ProjectFunds(BaseModel):
    project_id: str
    allocated: Decimal
    paid_to_contractors: Decimal
    available: Decimal


class LedgerPublic(BaseModel):
    accounts: list[AccountPublic]
    projects: list[ProjectFunds]
    total_debit: Decimal
    total_credit: Decimal
    balanced: bool


class LinePublic(BaseModel):
    account: str
    debit: Decimal
    credit: Decimal


class EntryPublic(BaseModel):
    entry_id: str
    position: int
    posted_at: datetime
    description: str
    project_id: str | None
    lines: list[LinePublic]


def _projects(accounts: list[AccountPublic]) -> list[ProjectFunds]:
    by_name = {a.account: a for a in accounts}
    ids = sorted({a.project_id for a in accounts if a.project_id is not None})
    rows = []
    for pid in ids:
        alloc, paid = by_name.get(allocations(pid)), by_name.get(works(pid))
        allocated = alloc.debit if alloc else ZERO
        spent = paid.balance if paid else ZERO
        rows.append(
            ProjectFunds(
                project_id=pid, allocated=allocated, paid_to_contractors=spent, available=allocated - spent
            )
        )
    return rows


@router.get("", summary="Balances per account and per project")
async def ledger(ic: IndustrialCoDep, _: Staff) -> LedgerPublic:
    accounts = [AccountPublic.model_validate(d) for d in await (await ic.read_models()).find(ACCOUNTS)]
    debit = sum((a.debit for a in accounts), ZERO)
    credit = sum((a.credit for a in accounts), ZERO)
    return LedgerPublic(
        accounts=accounts,
        projects=_projects(accounts),
        total_debit=debit,
        total_credit=credit,
        balanced=debit == credit,
    )


@router.get("/entries", summary="The postings in order")
async def entries(ic: IndustrialCoDep, _: Staff, project_id: str | None = Query(None)) -> list[EntryPublic]:
    where = {"project_id": project_id} if project_id else None
    return [EntryPublic.model_validate(d) for d in await (await ic.read_models()).find(ENTRIES, where)]
