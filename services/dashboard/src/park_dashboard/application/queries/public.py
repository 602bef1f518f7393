"""The public transparency page (政务公开): published policies, the procedure catalogue with its
promised limits, on-time performance per step, and the listings of the online platform (serviced
parcels on offer, published opportunities)."""

from __future__ import annotations

from datetime import date

from park_shared.projections.port import ReadModelStore

from park_dashboard.application.policies import policy_views
from park_dashboard.application.queries.catalogue import catalogue_policy, catalogue_steps
from park_dashboard.application.queries.feed import parks
from park_dashboard.application.queries.service import on_time_by_step
from park_dashboard.application.views import PublicView
from park_dashboard.projections.administration import POLICIES
from park_dashboard.projections.investment import OPPORTUNITIES
from park_dashboard.projections.market import PARCELS
from park_dashboard.projections.service import STEPS

__all__ = ["public_view"]


async def public_view(models: ReadModelStore, today: date) -> PublicView:
    docs = await models.find(POLICIES)
    policies = policy_views(docs, today)
    steps = await catalogue_steps(models, today)
    policy = await catalogue_policy(models, today)
    key = (policy["policy_id"], policy["version"]) if policy else None
    chosen = next((p for p in policies if (p.policy_id, p.version) == key), None)
    serviced = await models.find(PARCELS, {"status": "serviced"})
    published = await models.find(OPPORTUNITIES)
    return PublicView(
        today=today.isoformat(),
        parks=await parks(models),
        policies=policies,
        catalogue=steps,
        catalogue_policy=chosen,
        on_time=on_time_by_step(await models.find(STEPS), steps),
        parcels_on_offer=sorted(serviced, key=lambda p: str(p["parcel_id"])),
        opportunities=sorted(published, key=lambda o: (str(o["published_on"]), str(o["listing_id"]))),
    )
