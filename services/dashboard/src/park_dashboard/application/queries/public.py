"""The public transparency page (政务公开): published policies, the procedure catalogue with its
promised limits, on-time performance per step, and the listings of the online platform (serviced
parcels on offer, published opportunities)."""

from __future__ import annotations

from datetime import date

from park_shared.projections.port import Doc, ReadModelStore

from park_dashboard.application.calendar import calendar_on, calendar_years
from park_dashboard.application.policies import policy_views
from park_dashboard.application.queries.catalogue import catalogue_policy, catalogue_steps
from park_dashboard.application.queries.feed import parks
from park_dashboard.application.queries.regulations import cited_refusals, regulations_in_force
from park_dashboard.application.queries.service import on_time_by_step, open_promises
from park_dashboard.application.views import CalendarYearView, PublicView
from park_dashboard.projections.administration import POLICIES
from park_dashboard.projections.investment import OPPORTUNITIES
from park_dashboard.projections.market import PARCELS
from park_dashboard.projections.service import CASES, STEPS

__all__ = ["public_view"]


async def public_view(
    models: ReadModelStore, today: date, on: date | None = None, headquarters_url: str = ""
) -> PublicView:
    """The page as of `today`; the regulations as in force `on` (today unless asked)."""
    on = on or today
    docs = await models.find(POLICIES)
    policies = policy_views(docs, today)
    steps = await catalogue_steps(models, today)
    policy = await catalogue_policy(models, today)
    key = (policy["policy_id"], policy["version"]) if policy else None
    chosen = next((p for p in policies if (p.policy_id, p.version) == key), None)
    all_steps = await models.find(STEPS)
    promises = open_promises(all_steps, await models.find(CASES), steps, today, calendar_on(docs, today))
    serviced = await models.find(PARCELS, {"status": "serviced"})
    published = await models.find(OPPORTUNITIES)
    return PublicView(
        today=today.isoformat(),
        parks=await parks(models),
        policies=policies,
        catalogue=steps,
        catalogue_policy=chosen,
        on_time=on_time_by_step(all_steps, steps),
        promises=promises,
        calendar=_calendar(docs, today),
        parcels_on_offer=sorted(serviced, key=lambda p: str(p["parcel_id"])),
        opportunities=sorted(published, key=lambda o: (str(o["published_on"]), str(o["listing_id"]))),
        regulations_on=on.isoformat(),
        regulations=await regulations_in_force(models, on, headquarters_url),
        refusals=await cited_refusals(
            models, {str(s.get("code")): str(s.get("name")) for s in steps}, headquarters_url
        ),
    )


def _calendar(docs: list[Doc], today: date) -> list[CalendarYearView]:
    published = {year.year: (doc, year) for doc, year in calendar_years(docs, today)}
    views = []
    for y in (today.year, today.year + 1):
        if y not in published:
            views.append(CalendarYearView(year=y, provisional=True))
            continue
        doc, year = published[y]
        views.append(
            CalendarYearView(
                year=y, provisional=False, policy_id=doc["policy_id"], version=doc["version"],
                holidays=[d.isoformat() for d in sorted(year.holidays)],
                makeup_workdays=[d.isoformat() for d in sorted(year.makeup_workdays)],
            )
        )  # fmt: skip
    return views
