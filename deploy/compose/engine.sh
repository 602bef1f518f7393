#!/usr/bin/env bash
# The Docker engine and Compose CLI the local Compose run uses (sourced by deploy/compose/run.sh).
#   engine_start   an engine reachable at $DOCKER_HOST: the one already reachable (DOCKER_HOST's, or
#                  the machine's default), else a private
#                  dockerd (data root, exec root and socket under $PARK_CACHE/docker) started here;
#                  Debian's docker.io is installed with apt-get when dockerd is missing
#                  (ENGINE_STARTED=1 when this call started it)
#   engine_stop    stops the private dockerd, by the pid it wrote
#   compose_cli    sets COMPOSE to a Compose v2+ CLI: `docker compose` if it is one, else the
#                  plugin built from the Go module proxy (deploy/compose/build-go.sh, cached)
CACHE="${PARK_CACHE:-$HOME/.cache/park}"
ENGINE_DIR="$CACHE/docker"
COMPOSE_MODULE=github.com/docker/compose/v5
COMPOSE_VERSION=v5.6.0

engine_reachable() { docker info --format '{{.ServerVersion}}' >/dev/null 2>&1; }

engine_start() {
    if engine_reachable; then
        return 0  # the engine DOCKER_HOST names, or the machine's own
    fi
    export DOCKER_HOST="unix://$ENGINE_DIR/docker.sock"
    if engine_reachable; then
        return 0  # the private engine, started earlier
    fi
    if ! command -v dockerd >/dev/null; then
        echo "== installing Debian's docker.io (dockerd) with apt-get" >&2
        [[ $(id -u) == 0 ]] || { echo "error: no Docker engine, and installing one needs root: apt-get install docker.io" >&2; return 1; }
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io >&2 \
            || { echo "error: apt-get install docker.io failed (run apt-get update?)" >&2; return 1; }
    fi
    [[ $(id -u) == 0 ]] || { echo "error: no Docker engine reachable, and a private dockerd needs root" >&2; return 1; }
    mkdir -p "$ENGINE_DIR/data" "$ENGINE_DIR/exec"
    echo "== starting a private dockerd (data in $ENGINE_DIR, log $ENGINE_DIR/dockerd.log)" >&2
    setsid dockerd --data-root "$ENGINE_DIR/data" --exec-root "$ENGINE_DIR/exec" \
        --pidfile "$ENGINE_DIR/dockerd.pid" --host "$DOCKER_HOST" \
        >"$ENGINE_DIR/dockerd.log" 2>&1 </dev/null &
    local pid=$! i
    for i in $(seq 1 120); do
        engine_reachable && { ENGINE_STARTED=1; return 0; }
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "error: dockerd would not start; its last words ($ENGINE_DIR/dockerd.log):" >&2
            tail -5 "$ENGINE_DIR/dockerd.log" >&2
            return 1
        fi
        sleep 0.5
    done
    ENGINE_STARTED=1
    echo "error: dockerd did not answer within 60 s ($ENGINE_DIR/dockerd.log); stopping it" >&2
    engine_stop
    return 1
}

engine_stop() {
    local pidfile="$ENGINE_DIR/dockerd.pid" pid i
    [[ -f "$pidfile" ]] || return 0
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
        echo "== stopping the private dockerd (pid $pid)" >&2
        kill "$pid"
        for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    fi
    rm -f "$pidfile"
}

compose_cli() {
    local version
    version=$(docker compose version --short 2>/dev/null || true)
    if [[ "$version" =~ ^v?([2-9]|[1-9][0-9])\. ]]; then
        COMPOSE=(docker compose)
    else
        COMPOSE=("$(bash "$(dirname "${BASH_SOURCE[0]}")/build-go.sh" "$COMPOSE_MODULE" "$COMPOSE_VERSION" ./cmd docker-compose)")
    fi
}
