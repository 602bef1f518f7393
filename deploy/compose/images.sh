#!/usr/bin/env bash
# Builds the local images docker-compose.local.yml swaps in for what Docker Hub would give (it is
# out of reach here), each from what the reachable registries hold; cached: an image whose inputs
# have not changed is not built again (label park.inputs).
#   park-local/debian:bookworm   debootstrap (deploy/compose/base.sh)
#   park-local/python:3.11       Debian's Python 3.11              for deploy/Dockerfile's services
#   park-local/kafka:4.4.0       Debian's JRE + Maven jars         for apache/kafka
#   park-local/ferretdb:1.24.2   FerretDB on Debian's PostgreSQL   for mongo
#   park-local/jaeger:1.75.0     Go module proxy                   for jaeger and the OTel collector
#   park-local/prometheus        Debian's package                  for prom/prometheus
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cache="${PARK_CACHE:-$HOME/.cache/park}"
KAFKA_VERSION=4.4.0

bash "$here/base.sh"

# build NAME TAG CONTEXT: the image of images/NAME from CONTEXT unless one of the same inputs exists
build() {
    local name=$1 tag=$2 context=$3 inputs have
    cp -R "$here/images/$name/." "$context/"
    inputs=$(cd "$context" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
    have=$(docker image inspect --format '{{ index .Config.Labels "park.inputs" }}' "$tag" 2>/dev/null || true)
    if [[ "$have" == "$inputs" ]]; then
        return 0
    fi
    echo "== building $tag" >&2
    docker build --label "park.inputs=$inputs" -t "$tag" "$context" >"$context.log" 2>&1 \
        || { tail -30 "$context.log" >&2; echo "error: building $tag failed (log: $context.log)" >&2; return 1; }
}

# a fresh context folder for one image
context() {
    local dir="$cache/compose-images/$1"
    rm -rf "$dir" && mkdir -p "$dir" && echo "$dir"
}

python_image() {
    local dir
    dir=$(context python)
    mkdir -p "$dir/ca"
    find /usr/local/share/ca-certificates -name '*.crt' -exec cp {} "$dir/ca/" \; 2>/dev/null || true
    build python park-local/python:3.11 "$dir"
}

kafka_image() {
    local dir libs tools jar base
    libs=$(KAFKA_VERSION=$KAFKA_VERSION bash "$root/deploy/local/fetch-kafka.sh")
    tools="$cache/kafka-$KAFKA_VERSION/tools"
    if [[ ! -f "$tools/.complete" ]]; then
        echo "== fetching Kafka $KAFKA_VERSION's tools (once)" >&2
        rm -rf "$tools.tmp" && mkdir -p "$tools.tmp"
        cp "$here/kafka/tools-pom.xml" "$tools.tmp/pom.xml"
        (cd "$tools.tmp" && mvn -q -B -Dstyle.color=never dependency:copy-dependencies \
            -Dkafka.version="$KAFKA_VERSION" -DincludeScope=runtime -DoutputDirectory="$tools.tmp/libs" >&2)
        rm -rf "$tools" && mv "$tools.tmp/libs" "$tools" && rm -rf "$tools.tmp" && touch "$tools/.complete"
    fi
    dir=$(context kafka)
    mkdir -p "$dir/libs"
    cp -l "$libs"/*.jar "$dir/libs/" 2>/dev/null || cp "$libs"/*.jar "$dir/libs/"
    for jar in "$tools"/*.jar; do  # the tools' jars the broker's do not have (by artifact name)
        base=$(basename "$jar" | sed -E 's/-[0-9][^-]*(-[A-Za-z0-9.]+)?\.jar$//')
        compgen -G "$dir/libs/$base-[0-9]*.jar" >/dev/null || cp "$jar" "$dir/libs/"
    done
    cp "$root/deploy/local/kafka-log4j2.xml" "$dir/log4j2.xml"
    build kafka "park-local/kafka:$KAFKA_VERSION" "$dir"
}

ferretdb_image() {
    local dir
    dir=$(context ferretdb)
    cp "$(bash "$root/deploy/local/fetch-ferretdb.sh")" "$dir/ferretdb"
    build ferretdb park-local/ferretdb:1.24.2 "$dir"
}

jaeger_image() {
    local dir
    dir=$(context jaeger)
    cp "$(bash "$here/build-go.sh" github.com/jaegertracing/jaeger v1.75.0 ./cmd/jaeger jaeger)" "$dir/jaeger"
    build jaeger park-local/jaeger:1.75.0 "$dir"
}

prometheus_image() {
    build prometheus park-local/prometheus:bookworm "$(context prometheus)"
}

python_image
kafka_image
ferretdb_image
jaeger_image
prometheus_image
