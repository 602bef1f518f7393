"""The public event contract: the services' contracts → an AsyncAPI 3.0 document with the JSON
Schema of every event type and version, a committed snapshot of those schemas, and the check
that an event's schema did not change incompatibly without a new version.

`parkctl contracts` / `park-contracts asyncapi|snapshot|check` (see cli.py) write the document
the dashboard ships and serves at /asyncapi.json."""

from __future__ import annotations

from parkctl.contracts.asyncapi import build_asyncapi
from parkctl.contracts.catalog import Catalog, load_catalog
from parkctl.contracts.compat import breaking_changes, reading_mismatches

__all__ = ["Catalog", "breaking_changes", "build_asyncapi", "load_catalog", "reading_mismatches"]
