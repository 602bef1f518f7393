"""The contract gate: the events the four services publish against the committed snapshot
(docs/asyncapi/schemas.json), every consumer's reading against what its producer publishes, and
the AsyncAPI document the dashboard ships against what `parkctl contracts` writes now.

A failure names the event and the change. Fix it with a new version of the event (and an
upcaster), or, when the change is deliberate and every consumer is ready, refresh the snapshot
with `park-contracts snapshot` (docs/asyncapi/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from parkctl.contracts import Catalog, build_asyncapi, load_catalog, reading_mismatches
from parkctl.contracts.cli import DOCUMENT, main, stale
from parkctl.contracts.schemas import reading_schema, wire_schema
from parkctl.contracts.snapshot import check_against, explain, read_snapshot

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = ROOT / "docs" / "asyncapi" / "schemas.json"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def test_every_service_package_is_importable(catalog: Catalog) -> None:
    assert catalog.unavailable == {}
    assert set(catalog.produced) == {"headquarters", "service-center", "industrial-co", "investment"}


def test_no_published_event_changed_incompatibly_without_a_new_version(catalog: Catalog) -> None:
    problems = check_against(read_snapshot(SNAPSHOT), catalog)
    assert not problems, explain(problems)


def test_every_consumer_reads_only_what_its_producer_publishes(catalog: Catalog) -> None:
    problems: list[str] = []
    for consumer, readings in sorted(catalog.readings.items()):
        for type_, model in sorted(readings.items()):
            producer = type_.split(".")[1]
            produced = catalog.produced.get(producer, {}).get(type_)
            if produced is None:
                problems.append(f"{consumer} reads {type_}, which {producer} does not publish")
                continue
            for mismatch in reading_mismatches(reading_schema(model), wire_schema(produced)):
                problems.append(f"{consumer} {mismatch} in {type_}")
    assert not problems, "\n".join(problems)


def test_the_dashboards_asyncapi_document_is_what_parkctl_contracts_writes_now(catalog: Catalog) -> None:
    why = stale(ROOT / DOCUMENT, build_asyncapi(catalog))
    assert why is None, f"{why}: write it with `parkctl contracts` (from the repository root)"


def test_the_check_fails_on_a_stale_document_and_passes_on_a_fresh_one(tmp_path: Path) -> None:
    document = tmp_path / "asyncapi.json"
    assert main(["asyncapi", "--out", str(document), "--check"]) == 1  # missing
    assert main(["asyncapi", "--out", str(document)]) == 0
    assert main(["asyncapi", "--out", str(document), "--check"]) == 0
    document.write_text(document.read_text().replace('"3.0.0"', '"2.6.0"', 1))
    assert main(["asyncapi", "--out", str(document), "--check"]) == 1
