"""`python -m park_shared.tls`: the deployment's CA and server certificates (see the package)."""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from collections.abc import Sequence
from pathlib import Path

from park_shared.tls import SERVER_DAYS, ensure_ca, issue_server, write_secret


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m park_shared.tls", description="A deployment's certificates."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    ca = commands.add_parser("ca", help="the deployment's CA (DIR/ca.crt, DIR/ca.key); kept if present")
    ca.add_argument("dir", type=Path)
    server = commands.add_parser("server", help="a server certificate signed by DIR's CA")
    server.add_argument("dir", type=Path)
    server.add_argument("name", help="file names: DIR/NAME.crt, DIR/NAME.key")
    server.add_argument("--host", action="append", required=True, help="a DNS name or IP address (repeat)")
    server.add_argument(
        "--key-password-env", metavar="VAR", help="encrypt the key with this variable's value"
    )
    server.add_argument(
        "--keystore",
        action="store_true",
        help="also DIR/NAME.p12 for a JVM, its password in DIR/NAME.password (new unless given by the env)",
    )
    server.add_argument("--owner", type=int, metavar="UID", help="give the key files to this user (as root)")
    server.add_argument("--days", type=int, default=SERVER_DAYS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "ca":
        print(ensure_ca(args.dir).cert_file)
        return 0
    if not (args.dir / "ca.crt").exists():
        print(f"no CA in {args.dir}: run `python -m park_shared.tls ca {args.dir}` first", file=sys.stderr)
        return 2
    password = None
    if args.key_password_env:
        password = os.environ.get(args.key_password_env)
        if not password:
            print(f"{args.key_password_env} is not set", file=sys.stderr)
            return 2
    secret_files: list[Path] = []
    if args.keystore:
        password = password or secrets.token_urlsafe(24)
        secret_files.append(args.dir / f"{args.name}.password")
        write_secret(secret_files[-1], password.encode())
    ca = ensure_ca(args.dir)
    files = issue_server(ca, args.dir, args.name, args.host, key_password=password, days=args.days)
    secret_files += [p for p in (files.key_file, files.keystore_file) if p is not None]
    if args.owner is not None:
        for path in secret_files:
            os.chown(path, args.owner, -1)
    for path in (files.cert_file, *secret_files):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
