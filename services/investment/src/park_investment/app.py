"""The investment FastAPI app."""

from __future__ import annotations

from fastapi import FastAPI
from park_shared.web.app import create_service_app

import park_investment
from park_investment.api import (
    duplicates,
    funnel,
    leads,
    listings,
    project_proposals,
    public,
    referrers,
    reports,
    reward_policies,
    rewards,
)
from park_investment.bootstrap import bootstrap
from park_investment.settings import InvestmentSettings

__all__ = ["create_app"]


def create_app(settings: InvestmentSettings | None = None) -> FastAPI:
    return create_service_app(
        title="investment",
        description=park_investment.__doc__ or "",
        bootstrap=lambda: bootstrap(settings),
        routers=[
            leads.router,
            funnel.router,
            duplicates.router,
            referrers.router,
            rewards.router,
            reward_policies.router,
            listings.router,
            public.router,
            reports.router,
            project_proposals.router,
        ],
    )
