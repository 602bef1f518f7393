#!/usr/bin/env bash
# Makes sure Debian's libfaketime (the `faketime` command) is installed for the dated test job
# (./dev test runs the date-sensitive tests under it at chosen dates). Idempotent.
# Needs root (or passwordless sudo) the first time.
set -euo pipefail
if ! command -v faketime >/dev/null 2>&1; then
  echo "== installing faketime (apt-get)" >&2
  SUDO=""
  [[ "$(id -u)" == 0 ]] || SUDO="sudo"
  $SUDO apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q faketime >&2
fi
command -v faketime
