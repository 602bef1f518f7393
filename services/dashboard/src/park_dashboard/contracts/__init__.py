"""The public event contract: the services' registries → an AsyncAPI 3.0 document with the JSON
Schema of every event type and version, a committed snapshot of those schemas, and the check
that an event's schema did not change incompatibly without a new version.

`park-contracts asyncapi|snapshot|check` (see cli.py); the dashboard serves /asyncapi.json."""

from __future__ import annotations

from park_dashboard.contracts.asyncapi import build_asyncapi
from park_dashboard.contracts.catalog import Catalog, load_catalog
from park_dashboard.contracts.compat import breaking_changes, reading_mismatches

__all__ = ["Catalog", "breaking_changes", "build_asyncapi", "load_catalog", "reading_mismatches"]
