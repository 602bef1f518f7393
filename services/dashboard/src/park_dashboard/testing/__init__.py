"""Helpers for the dashboard's tests (and a preview without the services): sample events as the
four services publish them (docs/events.md), and a way to put them on their topics."""

from park_dashboard.testing.scenario import SampleEvent, publish, sample_zone

__all__ = ["SampleEvent", "publish", "sample_zone"]
