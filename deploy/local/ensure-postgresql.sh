#!/usr/bin/env bash
# Makes sure Debian's PostgreSQL 15 server (package postgresql-15) is installed, for the FerretDB
# the tests start (FerretDB v1 on its PostgreSQL handler); prints the folder of its programs
# (initdb, postgres, pg_isready). Idempotent: installs only when missing. Needs root (or
# passwordless sudo) the first time; PARK_PG_BIN may point at another PostgreSQL's bin folder.
# The package also creates the `postgres` user the clusters are made and run as (PostgreSQL
# refuses to run as root).
set -euo pipefail
BIN="${PARK_PG_BIN:-/usr/lib/postgresql/15/bin}"
if [[ ! -x "$BIN/postgres" || ! -x "$BIN/initdb" ]]; then
  echo "== installing postgresql-15 (apt-get)" >&2
  SUDO=""
  [[ "$(id -u)" == 0 ]] || SUDO="sudo"
  $SUDO apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q postgresql-15 >&2
fi
[[ -x "$BIN/postgres" ]] || { echo "PostgreSQL's postgres not found in $BIN" >&2; exit 1; }
if [[ "$(id -u)" == 0 ]] && ! id -u postgres >/dev/null 2>&1; then
  echo "no postgres user to run PostgreSQL as (it refuses root)" >&2
  exit 1
fi
echo "$BIN"
