#!/usr/bin/env bash
# `./dev doctor`: which prerequisites of `./dev test` and `./dev test --all` this machine has, and
# the command that installs each missing one (Debian's packages). Changes nothing; exits 1 when
# something is missing. PYTHON and CHROMIUM point at other binaries, as for ./dev.
set -uo pipefail
PY="${PYTHON:-python3}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
missing=0
SUDO="sudo "
[[ "$(id -u 2>/dev/null)" == 0 ]] && SUDO=""

row() {  # row STATUS WHAT [HOW]
  if [[ "$1" == ok ]]; then
    printf '  ok       %s\n' "$2"
  else
    missing=1
    printf '  missing  %-44s install: %s\n' "$2" "$3"
  fi
}

version_of() {  # the first line a program prints about its version, or nothing
  "$@" 2>&1 | head -n 1
}

echo "./dev test (lint, type-check, every test on the embedded default):"
if command -v "$PY" >/dev/null 2>&1 && "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  row ok "$PY $("$PY" -c 'import platform; print(platform.python_version())')"
  if "$PY" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    row ok "$PY -m venv"
  else
    row missing "$PY -m venv (ensurepip)" "${SUDO}apt-get install -y python3-venv"
  fi
else
  row missing "Python 3.11 or newer ($PY)" "${SUDO}apt-get install -y python3 python3-venv"
fi

echo "./dev test --all (also real Kafka and FerretDB, and the browser tests):"
if command -v java >/dev/null 2>&1 && [[ "$(version_of java -version)" =~ \"(1[7-9]|[2-9][0-9]) ]]; then
  row ok "java: $(version_of java -version)"
else
  row missing "Java 17 or newer (runs the Kafka broker)" "${SUDO}apt-get install -y openjdk-17-jre-headless"
fi
if command -v mvn >/dev/null 2>&1; then
  row ok "mvn: $(version_of mvn -v -B | sed 's/\x1b\[[0-9;]*m//g')"
else
  row missing "Maven (fetches Kafka's jars)" "${SUDO}apt-get install -y maven"
fi
if command -v go >/dev/null 2>&1; then
  row ok "go: $(version_of go version)"
else
  row missing "Go (builds FerretDB)" "${SUDO}apt-get install -y golang-go"
fi
if [[ -x "$CHROMIUM" ]]; then
  row ok "chromium: $CHROMIUM"
else
  row missing "Chromium ($CHROMIUM)" "${SUDO}apt-get install -y chromium"
fi
if command -v fc-list >/dev/null 2>&1 && [[ -n "$(fc-list :lang=zh 2>/dev/null)" ]]; then
  row ok "a CJK font: $(fc-list :lang=zh family 2>/dev/null | head -n 1)"
else
  row missing "a CJK font (else Chinese shows as boxes)" "${SUDO}apt-get install -y fonts-wqy-microhei"
fi

cat <<'EOF'
Network: `./dev setup` installs the Python packages from the Python package index; the first
`./dev test --all` fetches Kafka's jars with Maven from Maven Central and FerretDB's source with
the go command (through the Go module proxy), then works from the cache (~/.cache/park).
Installing with apt-get needs root (or sudo); ./dev test --all installs Chromium and the font
by itself when it may.
EOF
exit "$missing"
