"""The dashboard's application context, built once by the bootstrap: the read loop over the four
topics and the changes it signals to live views, besides the core's clock and fresh reads."""

from __future__ import annotations

from park_shared.application import Application
from park_shared.runtime import Runtime

from park_dashboard.application import queries
from park_dashboard.application.changes import Changes
from park_dashboard.application.reader import FeedReader
from park_dashboard.application.views import Summary
from park_dashboard.settings import DashboardSettings

__all__ = ["Dashboard"]


class Dashboard(Application):
    def __init__(self, runtime: Runtime, settings: DashboardSettings) -> None:
        super().__init__(runtime)
        self.settings = settings
        self.changes = Changes()
        """Bumped whenever the reader recorded something: live views wait on it."""
        self.reader = FeedReader(runtime, self.changes)

    async def summary(self) -> Summary:
        """Every panel, from read models caught up with everything recorded."""
        return await queries.summary(await self.read_models(), self.today())
