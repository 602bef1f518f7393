"""The administration panel: policies in force, approvals waiting with days left, open
supervision cases."""

from __future__ import annotations

from datetime import date

from park_shared.projections.port import Doc, ReadModelStore
from park_shared.working_days import WorkingCalendar

from park_dashboard.application.calendar import calendar_on
from park_dashboard.application.policies import policy_views
from park_dashboard.application.views import AdministrationPanel, ApprovalWaiting
from park_dashboard.projections.administration import APPROVALS, POLICIES, SUPERVISION

__all__ = ["administration_panel"]


def _waiting(doc: Doc, today: date, calendar: WorkingCalendar) -> ApprovalWaiting:
    """The deadline service-center promised, as its request carries it (none is recomputed)."""
    deadline = date.fromisoformat(doc["deadline"]) if doc.get("deadline") else None
    return ApprovalWaiting(
        case_id=doc["case_id"],
        enterprise_name=doc.get("enterprise_name"),
        park_id=doc.get("park_id"),
        requested_on=doc.get("requested_on"),
        deadline=deadline.isoformat() if deadline else None,
        deadline_provisional=bool(doc.get("deadline_provisional")),
        days_left=calendar.working_days_between(today, deadline) if deadline else None,
    )


async def administration_panel(models: ReadModelStore, today: date) -> AdministrationPanel:
    docs = await models.find(POLICIES)
    policies = [p for p in policy_views(docs, today) if p.status == "in_force"]
    calendar = calendar_on(docs, today)
    approvals = await models.find(APPROVALS)
    waiting = [
        _waiting(a, today, calendar) for a in approvals if a.get("requested_on") and not a.get("outcome")
    ]
    waiting.sort(key=lambda w: (w.days_left is None, w.days_left or 0))
    supervision = await models.find(SUPERVISION)
    open_cases = [s for s in supervision if s.get("opened_on") and not s.get("closed_on")]
    return AdministrationPanel(
        policies_in_force=policies,
        approvals_waiting=waiting,
        approvals_decided=sum(1 for a in approvals if a.get("outcome")),
        supervision_open=sorted(open_cases, key=lambda s: s["opened_on"]),
        supervision_closed=sum(1 for s in supervision if s.get("closed_on")),
    )
