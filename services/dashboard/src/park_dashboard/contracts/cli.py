"""`park-contracts`: the AsyncAPI document and the schema snapshot, from the services' registries.

park-contracts asyncapi [--out docs/asyncapi/asyncapi.json]  the AsyncAPI 3.0 document ('-': stdout)
park-contracts snapshot [--dir docs/asyncapi]                refresh schemas.json and asyncapi.json
park-contracts check [--snapshot docs/asyncapi/schemas.json] exit 1 naming each incompatible change

Paths are relative to the working directory (the repository root).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from park_dashboard.contracts.asyncapi import build_asyncapi
from park_dashboard.contracts.catalog import Catalog, load_catalog
from park_dashboard.contracts.snapshot import (
    check_against,
    describe,
    explain,
    read_snapshot,
    snapshot_document,
)

__all__ = ["main"]

DOCS = Path("docs/asyncapi")


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def _write(document: dict[str, Any], out: str) -> None:
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if out == "-":
        sys.stdout.write(text)
        return
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(text, encoding="utf-8")
    _say(f"wrote {out}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="park-contracts", description="The public event contract.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("asyncapi", help="write the AsyncAPI document").add_argument(
        "--out", default=str(DOCS / "asyncapi.json")
    )
    sub.add_parser("snapshot", help="refresh the committed snapshot").add_argument("--dir", default=str(DOCS))
    sub.add_parser("check", help="compare with the snapshot").add_argument(
        "--snapshot", default=str(DOCS / "schemas.json")
    )
    return parser


def _snapshot(catalog: Catalog, folder: Path) -> int:
    if (folder / "schemas.json").exists():
        accepted = check_against(read_snapshot(folder / "schemas.json"), catalog)
        if accepted:
            _say("accepting:\n  " + "\n  ".join(describe(accepted)))
    _write(snapshot_document(catalog), str(folder / "schemas.json"))
    _write(build_asyncapi(catalog), str(folder / "asyncapi.json"))
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
    if args.command == "asyncapi":
        _write(build_asyncapi(catalog), args.out)
        return 2 if catalog.unavailable else 0
    if catalog.unavailable:
        return 2
    if args.command == "snapshot":
        return _snapshot(catalog, Path(args.dir))
    return _check(catalog, Path(args.snapshot))


if __name__ == "__main__":
    raise SystemExit(main())
