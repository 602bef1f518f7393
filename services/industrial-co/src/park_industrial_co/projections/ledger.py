"""The ledger's read models: entries in order, each account's balance, each project's funds."""

from __future__ import annotations

from decimal import Decimal

from park_shared.events import RecordedEvent
from park_shared.projections.port import Doc
from park_shared.projections.runner import ProjectionView
from pydantic import BaseModel

from park_industrial_co.domain.ledger import Posting, allocations, kind_of, posting_for, works
from park_industrial_co.domain.money import money
from park_industrial_co.projections._json import add

__all__ = ["ACCOUNTS", "ENTRIES", "LedgerProjection"]

ENTRIES = "ledger-entries"
ACCOUNTS = "ledger-accounts"


class LedgerProjection:
    name: str = "ledger"
    collections: tuple[str, ...] = (ENTRIES, ACCOUNTS)

    async def apply(self, event: BaseModel, record: RecordedEvent, view: ProjectionView) -> None:
        posting = posting_for(event)
        if posting is None:
            return
        view.put(ENTRIES, f"{record.position:012d}", _entry(posting, record))
        for line in posting.lines:
            account = await view.get(ACCOUNTS, line.account) or _account(line.account)
            add(account, "debit", line.debit)
            add(account, "credit", line.credit)
            debit, credit = Decimal(account["debit"]), Decimal(account["credit"])
            account["balance"] = str(money(debit - credit if account["kind"] == "asset" else credit - debit))
            view.put(ACCOUNTS, line.account, account)


def _account(name: str) -> Doc:
    _, _, rest = name.partition(":")
    project_id = rest if rest and name in (allocations(rest), works(rest)) else None
    return {
        "account": name,
        "kind": kind_of(name),
        "project_id": project_id,
        "debit": "0.00",
        "credit": "0.00",
    }


def _entry(posting: Posting, record: RecordedEvent) -> dict[str, object]:
    return {
        "entry_id": record.meta.event_id,
        "position": record.position,
        "posted_at": record.meta.occurred_at,
        "source": {"stream_id": record.stream_id, "event_type": record.type},
        "description": posting.description,
        "project_id": posting.project_id,
        "lines": [
            {"account": x.account, "debit": str(x.debit), "credit": str(x.credit)} for x in posting.lines
        ],
    }
