"""`python -m park_shared.keys_cli issue DIR`: a deployment's department keys (kept when issued
before), their public JWKS under DIR/public for the services to mount, and the PARK_JWKS value
that names them where they are mounted."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from park_shared.keys import issue_keys

__all__ = ["main"]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m park_shared.keys_cli", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    issue = commands.add_parser("issue", help="issue (or keep) each department's key under DIR")
    issue.add_argument("directory", type=Path)
    issue.add_argument("--mounted-at", default="/run/park-keys", help="where DIR/public is mounted")
    args = parser.parse_args(argv)
    keys = issue_keys(args.directory)
    jwks = {k.issuer: f"{args.mounted_at}/{k.issuer}.jwks.json" for k in keys}
    print(json.dumps(jwks, separators=(",", ":")))


if __name__ == "__main__":  # pragma: no cover
    main()
