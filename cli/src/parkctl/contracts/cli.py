"""`park-contracts`: the AsyncAPI document and the schema snapshot, from the services' contracts.

park-contracts asyncapi [--out FILE] [--check]   the AsyncAPI 3.0 document ('-': stdout); with
                                                 --check, exit 1 when FILE is not what it would write
park-contracts snapshot [--dir docs/asyncapi] [--asyncapi FILE]
                                                 refresh schemas.json and the AsyncAPI document
park-contracts check [--snapshot docs/asyncapi/schemas.json]  exit 1 naming each incompatible change

FILE is the document the dashboard ships and serves at /asyncapi.json (DOCUMENT) unless given.
Paths are relative to the working directory (the repository root). `parkctl contracts` is
`park-contracts asyncapi`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from parkctl.contracts.asyncapi import build_asyncapi
from parkctl.contracts.catalog import Catalog, load_catalog
from parkctl.contracts.snapshot import (
    check_against,
    describe,
    explain,
    read_snapshot,
    snapshot_document,
)

__all__ = ["DOCUMENT", "main", "render", "stale"]

DOCS = Path("docs/asyncapi")
DOCUMENT = Path("services/dashboard/src/park_dashboard/asyncapi.json")
"""The AsyncAPI document, package data of the dashboard (its image ships it)."""


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def render(document: dict[str, Any]) -> str:
    """The document as the file holds it."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def stale(path: Path, document: dict[str, Any]) -> str | None:
    """Why the file at `path` is not `document` as `render` writes it, or None when it is."""
    if not path.is_file():
        return f"{path} is missing"
    if path.read_text(encoding="utf-8") != render(document):
        return f"{path} is not the contract of the code as it stands"
    return None


def _write(document: dict[str, Any], out: str) -> None:
    text = render(document)
    if out == "-":
        sys.stdout.write(text)
        return
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(text, encoding="utf-8")
    _say(f"wrote {out}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="park-contracts", description="The public event contract.")
    sub = parser.add_subparsers(dest="command", required=True)
    asyncapi = sub.add_parser("asyncapi", help="write the AsyncAPI document")
    asyncapi.add_argument("--out", default=str(DOCUMENT))
    asyncapi.add_argument("--check", action="store_true", help="only compare with the file (exit 1: stale)")
    snapshot = sub.add_parser("snapshot", help="refresh the committed snapshot")
    snapshot.add_argument("--dir", default=str(DOCS))
    snapshot.add_argument("--asyncapi", default=str(DOCUMENT))
    sub.add_parser("check", help="compare with the snapshot").add_argument(
        "--snapshot", default=str(DOCS / "schemas.json")
    )
    return parser


def _asyncapi(catalog: Catalog, out: str, check: bool) -> int:
    document = build_asyncapi(catalog)
    if not check:
        _write(document, out)
        return 0
    why = stale(Path(out), document)
    if why is not None:
        _say(f"{why}: write it with `parkctl contracts`")
        return 1
    _say(f"{out}: up to date")
    return 0


def _snapshot(catalog: Catalog, folder: Path, asyncapi: str) -> int:
    if (folder / "schemas.json").exists():
        accepted = check_against(read_snapshot(folder / "schemas.json"), catalog)
        if accepted:
            _say("accepting:\n  " + "\n  ".join(describe(accepted)))
    _write(snapshot_document(catalog), str(folder / "schemas.json"))
    _write(build_asyncapi(catalog), asyncapi)
    return 0


def _check(catalog: Catalog, snapshot: Path) -> int:
    problems = check_against(read_snapshot(snapshot), catalog)
    if problems:
        _say(explain(problems))
        return 1
    _say(f"{snapshot}: no incompatible change")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    catalog = load_catalog()
    for service, why in catalog.unavailable.items():
        _say(f"cannot import {service}: {why}")
    if catalog.unavailable:
        return 2
    if args.command == "asyncapi":
        return _asyncapi(catalog, args.out, args.check)
    if args.command == "snapshot":
        return _snapshot(catalog, Path(args.dir), args.asyncapi)
    return _check(catalog, Path(args.snapshot))


if __name__ == "__main__":
    raise SystemExit(main())
