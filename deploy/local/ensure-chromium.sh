#!/usr/bin/env bash
# Makes sure Debian's headless Chromium (and a CJK font for the screenshots) is installed for the
# browser tests (tests/browser); prints the browser's path. Idempotent: installs only what is missing.
# Needs root (or passwordless sudo) the first time; CHROMIUM may point at another binary.
set -euo pipefail
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
need=()
[[ -x "$CHROMIUM" ]] || need+=(chromium)
if command -v fc-list >/dev/null 2>&1 && [[ -z "$(fc-list :lang=zh 2>/dev/null)" ]]; then
  need+=(fonts-wqy-microhei)
elif ! command -v fc-list >/dev/null 2>&1; then
  need+=(fonts-wqy-microhei)
fi
if (( ${#need[@]} )); then
  echo "== installing ${need[*]} (apt-get)" >&2
  SUDO=""
  [[ "$(id -u)" == 0 ]] || SUDO="sudo"
  $SUDO apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need[@]}" >&2
fi
[[ -x "$CHROMIUM" ]] || { echo "chromium not found at $CHROMIUM" >&2; exit 1; }
echo "$CHROMIUM"
