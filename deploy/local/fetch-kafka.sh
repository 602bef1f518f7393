#!/usr/bin/env bash
# Fetch and cache the jars of a single-node Apache Kafka broker (KRaft) for local tests.
# Idempotent: does nothing when the cache already holds a complete libs folder.
# Prints the path of the libs folder on stdout (everything else goes to stderr).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KAFKA_VERSION="${KAFKA_VERSION:-4.4.0}"
CACHE="${PARK_CACHE:-$HOME/.cache/park}"
DEST="$CACHE/kafka-$KAFKA_VERSION"
LIBS="$DEST/libs"
MARKER="$LIBS/.complete"

if [[ ! -f "$MARKER" ]]; then
    mkdir -p "$DEST"
    echo "fetching Kafka $KAFKA_VERSION jars into $LIBS" >&2
    TMP="$(mktemp -d "$DEST/.fetch.XXXXXX")"
    trap 'rm -rf "$TMP"' EXIT
    cp "$HERE/kafka-pom.xml" "$TMP/pom.xml"
    # Debian's Maven 3.8 still writes colour resets (ESC[0m) in batch mode with colour off: strip
    # every escape sequence from its output (pipefail keeps Maven's exit status).
    (cd "$TMP" && mvn -q -B -Dstyle.color=never dependency:copy-dependencies \
        -Dkafka.version="$KAFKA_VERSION" \
        -DincludeScope=runtime \
        -DoutputDirectory="$TMP/libs" 2>&1 | sed 's/\x1b\[[0-9;]*[A-Za-z]//g' >&2)
    ls "$TMP/libs/kafka_2.13-$KAFKA_VERSION.jar" >/dev/null
    touch "$TMP/libs/.complete"
    # Another fetch may have finished meanwhile: keep the first complete folder.
    if [[ ! -f "$MARKER" ]]; then
        rm -rf "$LIBS"
        mv "$TMP/libs" "$LIBS"
    fi
fi

echo "$LIBS"
