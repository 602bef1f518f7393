#!/usr/bin/env bash
# Fetch, build and cache FerretDB (pure Go) for local tests, run on its PostgreSQL handler
# (ensure-postgresql.sh provides the PostgreSQL). Idempotent.
# Prints the path of the ferretdb binary on stdout (everything else goes to stderr).
#
# A plain `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` builds a binary that
# panics at start ("Invalid build/version/version.txt"): the module as published lacks the
# generated build/version/version.txt. So: download the module with the go command, copy it,
# write version.txt, and build it there with its own go.mod/go.sum (the same dependencies).
set -euo pipefail

FERRETDB_VERSION="v1.24.2"
MODULE="github.com/FerretDB/FerretDB"
CACHE="${PARK_CACHE:-$HOME/.cache/park}"
DEST="$CACHE/ferretdb-$FERRETDB_VERSION"
BIN="$DEST/bin/ferretdb"

if [[ ! -x "$BIN" ]] || ! "$BIN" --version >/dev/null 2>&1; then
    mkdir -p "$DEST/bin"
    echo "fetching and building FerretDB $FERRETDB_VERSION into $DEST" >&2
    SRC="$(go mod download -json "$MODULE@$FERRETDB_VERSION" \
        | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
    [[ -d "$SRC" ]] || { echo "go mod download gave no source folder" >&2; exit 1; }
    TMP="$(mktemp -d "$DEST/.build.XXXXXX")"
    trap 'rm -rf "$TMP"' EXIT
    cp -R "$SRC/." "$TMP/src"
    chmod -R u+w "$TMP/src"
    echo "$FERRETDB_VERSION" > "$TMP/src/build/version/version.txt"
    # CGO off: FerretDB v1 and its PostgreSQL driver (pgx) are pure Go.
    (cd "$TMP/src" && CGO_ENABLED=0 go build -buildvcs=false -trimpath \
        -o "$TMP/ferretdb" ./cmd/ferretdb >&2)
    "$TMP/ferretdb" --version >/dev/null
    mv -f "$TMP/ferretdb" "$BIN"
fi

echo "$BIN"
